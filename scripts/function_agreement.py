#!/usr/bin/env python3
"""Do French and Spanish section functions agree with English? A development check.

Usage: scripts/function_agreement.py [SHARED_DIR] [--limit N] [--top N] [--json]

For every UNGA resolution present in ``datasets/unxml-ga`` in all three languages (the same
symbol in the ``English/``, ``French/`` and ``Spanish/`` folders of a session), the three AKN
files are parsed and their sections compared position by position with the English ones:
part, clause label and function must be equal. The markup gives the three languages the
same paragraphs, so a difference is a phrase-table gap or a wrong mapping, never a layout
question. Reported:

* agreement per language: paragraphs whose (part, label, function) equal the English ones,
  over the paragraphs of the documents with the same section count as the English;
* documents whose section count differs from the English (not compared paragraph-wise);
* functions outside the English vocabulary (every function ``lang/en/sections.toml``
  produces, plus ``annex`` and ``other``): a French or Spanish word leaking out;
* the most common disagreements, with the heading that produced them;
* for English alone, the most common opening phrases the tables lack (fallbacks).

The sessions take about 20 s to parse in full; ``--limit`` takes the first N resolutions.
"""

from __future__ import annotations

import json
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

from reskg.errors import ReskgError
from reskg.model import Document, Section
from reskg.parse import parse
from reskg.parse.phrases import phrases
from reskg.read import read
from reskg.resources import lang_dir

LANGUAGES = {"en": "English", "fr": "French", "es": "Spanish"}
# Functions that are not opening phrases but still belong to the vocabulary.
EXTRA = frozenset({"annex", "other"})


def vocabulary() -> frozenset[str]:
    """Every function the English table produces: the vocabulary the others must use."""
    with (lang_dir() / "en" / "sections.toml").open("rb") as handle:
        openers = tomllib.load(handle)["openers"]
    values = {v for entry in openers.values() for v in entry.values()}
    return frozenset(values | EXTRA)


def in_vocabulary(function: str, vocab: frozenset[str]) -> bool:
    """Whether ``function`` is a table function, maybe after kept modifiers ("strongly")."""
    kept = phrases("en").kept
    words = function.split(" ")
    while len(words) > 1 and words[0] in kept:
        words = words[1:]
    return " ".join(words) in vocab


def triples(root: Path) -> list[dict[str, Path]]:
    """``{code: path}`` for each symbol present in all three language folders of a session."""
    out: list[dict[str, Path]] = []
    for session in sorted(root.glob("*session")):
        found: dict[str, dict[str, Path]] = {}
        for code, folder in LANGUAGES.items():
            for path in (session / folder).glob("*.xml"):
                found.setdefault(path.name.split("-")[0], {})[code] = path
        out += [found[s] for s in sorted(found) if len(found[s]) == len(LANGUAGES)]
    return out


def key(section: Section) -> tuple[str, str | None, str]:
    """What must agree across languages: part, clause label, function."""
    label = section.clauses[0].label if section.clauses else None
    return section.part, label, section.function


def compare(
    triple: dict[str, Path], report: dict[str, Counter[str]], vocab: frozenset[str]
) -> None:
    """Parse one resolution in three languages and add its figures to ``report``."""
    docs: dict[str, Document] = {}
    for code, path in triple.items():
        try:
            docs[code] = parse(read(path), language=code)
        except ReskgError as exc:
            report["errors"][f"{path.name}: {type(exc).__name__}"] += 1
    english = docs.get("en")
    if english is None:
        return
    en_lang = phrases("en")
    for s in english.sections:
        pos = s.span.start
        if s.part == "operative" and s.clauses[0].label:
            pos = english.text.find(" ", pos) + 1
        if s.part != "annex" and en_lang.opener_at(english.text, pos, s.span.end) is None:
            report["en_fallback"][s.heading] += 1
        if not in_vocabulary(s.function, vocab):
            report["outside:en"][s.function] += 1
    for code in ("fr", "es"):
        doc = docs.get(code)
        if doc is None:
            continue
        for s in doc.sections:
            if not in_vocabulary(s.function, vocab):
                report[f"outside:{code}"][s.function] += 1
        if len(doc.sections) != len(english.sections):
            report["count"][f"{code}:documents_misaligned"] += 1
            report["misaligned"][f"{code}:{triple[code].name}"] += 1
            continue
        report["count"][f"{code}:documents"] += 1
        for mine, theirs in zip(doc.sections, english.sections, strict=True):
            report["count"][f"{code}:paragraphs"] += 1
            if key(mine) == key(theirs):
                report["count"][f"{code}:agree"] += 1
                continue
            what = "function" if key(mine)[:2] == key(theirs)[:2] else "part/label"
            report["count"][f"{code}:disagree_{what}"] += 1
            report[f"disagree:{code}"][
                f"{theirs.function} <- {mine.function} «{mine.heading}»"
            ] += 1


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    options = dict(a.removeprefix("--").split("=", 1) for a in argv if "=" in a)
    shared = Path(args[0]) if args else Path(__file__).resolve().parents[1] / ".." / "shared"
    limit = int(options.get("limit", 0)) or None
    top = int(options.get("top", 15))
    began = time.perf_counter()
    vocab = vocabulary()
    report: dict[str, Counter[str]] = {
        name: Counter()
        for name in (
            "count",
            "errors",
            "misaligned",
            "en_fallback",
            "outside:en",
            "outside:fr",
            "outside:es",
            "disagree:fr",
            "disagree:es",
        )
    }
    found = triples(shared / "datasets" / "unxml-ga")
    for triple in found[:limit]:
        compare(triple, report, vocab)
    count = report["count"]
    summary = {
        "resolutions": len(found[:limit]),
        "seconds": round(time.perf_counter() - began, 1),
        **{
            code: {
                "agreement": round(count[f"{code}:agree"] / max(1, count[f"{code}:paragraphs"]), 4),
                "paragraphs": count[f"{code}:paragraphs"],
                "disagree_function": count[f"{code}:disagree_function"],
                "disagree_part_or_label": count[f"{code}:disagree_part/label"],
                "documents_misaligned": count[f"{code}:documents_misaligned"],
                "outside_vocabulary": sum(report[f"outside:{code}"].values()),
            }
            for code in ("fr", "es")
        },
        "en_outside_vocabulary": sum(report["outside:en"].values()),
        "en_fallbacks": sum(report["en_fallback"].values()),
    }
    details = {
        name: counter.most_common(top) for name, counter in report.items() if name != "count"
    }
    if "--json" in argv:
        print(json.dumps({"summary": summary, **details}, ensure_ascii=False, indent=1))
        return 0
    print(json.dumps(summary, indent=1))
    for name, rows in details.items():
        if rows:
            print(f"\n{name}:")
            for value, n in rows:
                print(f"  {n:5d}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
