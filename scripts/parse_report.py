#!/usr/bin/env python3
"""Full-run report of reading and parsing: every corpus text and every AKN file.

Usage: scripts/parse_report.py [SHARED_DIR] [--json]

For each file: read + parse, then check that it has at least one preamble and one
operative section and, for AKN files, that the section counts equal the XML's preambular
containers and main-body paragraphs. Prints counts, failures by name and timing; exits 1
when any file fails, so CI can run it.

``text_vs_akn`` compares each PDF-derived UNGA corpus text (``unga-78-132-en.txt``) with the
English AKN file of the same resolution: preamble and operative counts, and the share of
paragraphs whose (part, label, function) agree. A difference there is reported, not failed:
the PDF layout, not the parser, is then usually the cause (docs/parsing.md).
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from defusedxml.ElementTree import parse as parse_xml

from reskg.errors import ReskgError
from reskg.model import Document
from reskg.parse import parse
from reskg.read import read

AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
# Corpus texts that have no preamble: the AKN XML of the same resolution has none either.
NO_PREAMBLE = {"unga-78-1-en.txt", "unga-79-1-en.txt"}


def xml_counts(path: Path) -> tuple[int, int]:
    """Preambular containers and main-body paragraphs outside attachments."""
    root = parse_xml(str(path), forbid_dtd=True).getroot()
    attached = {id(e) for a in root.iter(AKN + "attachments") for e in a.iter()}
    pre = sum(
        1
        for p in root.iter(AKN + "preamble")
        if id(p) not in attached
        for c in p
        if c.tag == AKN + "container"
    ) + sum(  # budget resolutions: a preamble per section, as crossHeadings of the body
        1
        for b in root.iter(AKN + "mainBody")
        if id(b) not in attached
        for c in b.iter(AKN + "crossHeading")
        if c.get("refersTo") == "#preamble"
    )
    body = sum(
        1
        for b in root.iter(AKN + "mainBody")
        if id(b) not in attached
        for _ in b.iter(AKN + "paragraph")
    )
    return pre, body


def check(path: Path, akn: bool) -> tuple[str | None, Counter[str]]:
    """``(problem or None, function counts)`` for one file."""
    try:
        doc = parse(read(path))
    except ReskgError as exc:
        return f"{type(exc).__name__}: {exc}", Counter()
    parts = Counter(s.part for s in doc.sections)
    functions = Counter(s.function for s in doc.sections)
    if akn:
        # The XML is the judge: some resolutions (budgets, one-paragraph endorsements of an
        # annexed declaration) have no preamble at all.
        pre, body = xml_counts(path)
        if (pre, body) != (parts["preamble"], parts["operative"]):
            return f"XML {pre}/{body} != parsed {parts['preamble']}/{parts['operative']}", functions
        if not parts["operative"]:
            return f"parts {dict(parts)}", functions
        return None, functions
    if not parts["operative"] or not (parts["preamble"] or path.name in NO_PREAMBLE):
        return f"parts {dict(parts)}", functions
    return None, functions


def text_vs_akn(shared: Path) -> dict[str, object]:
    """Per UNGA corpus text: its counts and functions against the English AKN file."""
    rows: dict[str, object] = {}
    for path in sorted((shared / "corpus").glob("unga-*-en.txt")):
        session, number = path.stem.split("-")[1:3]
        xml = sorted(
            (shared / "datasets/unxml-ga" / f"{session}session/English").glob(
                f"A_RES_{session}_{number}-*.xml"
            )
        )
        if not xml:
            continue
        try:
            text, akn = parse(read(path)), parse(read(xml[0]))
        except ReskgError as exc:
            rows[path.name] = {"error": str(exc)}
            continue
        keys = [[(s.part, s.clauses[0].label, s.function) for s in d.sections] for d in (text, akn)]
        same = sum(a == b for a, b in zip(*keys, strict=False))
        rows[path.name] = {
            "text": _counts(text),
            "akn": _counts(akn),
            "counts_equal": _counts(text)[:2] == xml_counts(xml[0]),
            "agree": round(same / max(1, len(keys[1])), 3),
        }
    return rows


def _counts(doc: Document) -> tuple[int, int, int]:
    parts = Counter(s.part for s in doc.sections)
    return parts["preamble"], parts["operative"], parts["annex"]


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    shared = Path(args[0]) if args else Path(__file__).resolve().parents[1] / ".." / "shared"
    groups = {
        "corpus": sorted((shared / "corpus").glob("*.txt")),
        "akn": sorted((shared / "datasets" / "unxml-ga").glob("*session/*/*.xml")),
    }
    report: dict[str, object] = {}
    failed = 0
    for name, files in groups.items():
        began = time.perf_counter()
        failures: dict[str, str] = {}
        functions: Counter[str] = Counter()
        for path in files:
            problem, counted = check(path, name == "akn")
            functions.update(counted)
            if problem:
                failures[str(path.relative_to(shared))] = problem
        seconds = time.perf_counter() - began
        failed += len(failures)
        report[name] = {
            "files": len(files),
            "ok": len(files) - len(failures),
            "failures": failures,
            "seconds": round(seconds, 2),
            "ms_per_file": round(1000 * seconds / max(1, len(files)), 1),
            "top_functions": functions.most_common(25),
        }
    pairs = text_vs_akn(shared)
    report["text_vs_akn"] = pairs
    if "--json" in argv:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for name, r in report.items():
            assert isinstance(r, dict)
            if name == "text_vs_akn":
                equal = sum(1 for v in r.values() if isinstance(v, dict) and v.get("counts_equal"))
                print(f"{name}: {equal}/{len(r)} texts with the XML's paragraph counts")
                for file, v in r.items():
                    print(f"  {'ok  ' if v.get('counts_equal') else 'DIFF'} {file}: {v}")
                continue
            timing = f"{r['seconds']} s ({r['ms_per_file']} ms/file)"
            print(f"{name}: {r['ok']}/{r['files']} ok in {timing}")
            for file, problem in r["failures"].items():
                print(f"  FAIL {file}: {problem}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
