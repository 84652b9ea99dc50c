#!/usr/bin/env python3
"""Development scores of citation extraction, per language and per family of texts.

- UNGA: AKN files of ``../shared/datasets/unxml-ga/`` (a sample, or ``--all``; sessions 78
  and 79 by default, the development split; ``--sessions 80`` is the held-out check); gold
  from the UN's own links (``akn_gold.py``). Three views, each counting only predicted
  resolutions of the General Assembly or Security Council (the links mark nothing else, so
  named instruments, ECOSOC or HRC citations are not errors):

  * ``xml``: structure from the XML itself (oracle sections), so the figures measure
    citation extraction alone;
  * ``pipeline``: exactly what ``reskg extract FILE --json`` prints
    (:func:`reskg.extraction.extract_path`: our reader, our parser's sections, functions and
    clause labels), as the hidden scorer sees it;
  * ``unlabelled``: the pipeline with section functions blanked on both sides, so a gap
    between it and ``pipeline`` is a function-vocabulary question, and a gap between it
    and ``xml`` is clause labels or footnote attribution.

  French and Spanish gold takes its functions from the English version of the same
  resolution; files without one, and resolutions in several parts whose gold covers only
  the first part, are left out of the pipeline views (counted as "skipped").
- ITU: the French gold of ``../shared/gold/`` and the hand-made gold files of
  ``tests/data/cite/gold/`` run through the whole pipeline (read -> parse -> cite).

Scoring is ``../shared/gold/score.py --json``. Usage:
``score_dev.py [--sample N] [--all] [--sessions 78,79] [--show VIEW] [--languages en,fr]
[--memory DIR]``; ``--memory`` scores with a fold's translation memory
(``un_memory.py --sessions=78,79 --out=DIR``, then ``--sessions 80 --memory DIR``).
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from akn_gold import build

from reskg.cite import extract
from reskg.errors import ReskgError
from reskg.extraction import extract_path, to_json
from reskg.parse.memory import Memory

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared"
SCORER = SHARED / "gold" / "score.py"
FOLDERS = {"en": "English", "fr": "French", "es": "Spanish"}


def score(gold_dir: Path, pred_dir: Path, show: bool) -> dict[str, Any]:
    args = [sys.executable, str(SCORER), str(gold_dir), str(pred_dir), "--json"]
    if show:
        print(subprocess.run([*args[:-1], "--show"], capture_output=True, text=True).stdout)
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def _only_resolutions(obj: dict[str, Any]) -> dict[str, Any]:
    keep = [
        c
        for c in obj["citations"]
        if c["target"]["type"] == "resolution"
        and c["target"]["issuer"] in ("UNGA", "UNSC")
        and not c["target"]["self"]
    ]
    return {**obj, "citations": keep}


def _unlabelled(obj: dict[str, Any]) -> dict[str, Any]:
    return {**obj, "citations": [{**c, "section_function": "-"} for c in obj["citations"]]}


def akn_files(language: str, sessions: list[str], sample: int, everything: bool) -> list[Path]:
    """The AKN files of ``language`` in ``sessions``, every ``sample``-th unless ``everything``."""
    root = SHARED / "datasets" / "unxml-ga"
    files = sorted(f for s in sessions for f in root.glob(f"{s}session/{FOLDERS[language]}/*.xml"))
    return files if everything else files[::sample]


VIEWS = ("xml", "pipeline", "unlabelled")


def unga(language: str, files: list[Path], show: str | None) -> dict[str, dict[str, Any]]:
    """Scores of each view for ``files``; prints one line per view."""
    skipped = failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        dirs = {n: Path(tmp) / n for n in ("gold", "gold_e2e", "gold_unl", *VIEWS)}
        for d in dirs.values():
            d.mkdir()
        for path in files:
            document, gold = build(path)
            name = path.stem
            oracle = _only_resolutions(to_json(document, extract(document)))
            _write(dirs["gold"] / f"{name}.gold.json", gold)
            _write(dirs["xml"] / f"{name}.json", oracle)
            if gold["function_source"] != "english" or not gold["complete"]:
                skipped += 1
                continue
            try:
                predicted = _only_resolutions(extract_path(path))
            except ReskgError as exc:
                failed += 1
                print(f"  {path.name}: pipeline failed: {exc}")
                predicted = {"citations": [], "sections": []}
            _write(dirs["gold_e2e"] / f"{name}.gold.json", gold)
            _write(dirs["pipeline"] / f"{name}.json", predicted)
            _write(dirs["gold_unl"] / f"{name}.gold.json", _unlabelled(gold))
            _write(dirs["unlabelled"] / f"{name}.json", _unlabelled(predicted))
        gold_of = {"xml": "gold", "pipeline": "gold_e2e", "unlabelled": "gold_unl"}
        results = {v: score(dirs[gold_of[v]], dirs[v], show == v) for v in VIEWS}
    for view, r in results.items():
        print(
            f"UNGA {language} {view:<10}: {len(files)} files, {r['tp'] + r['fn']} linked | "
            f"P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
            f"(tp={r['tp']} fp={r['fp']} fn={r['fn']})"
            + (f" skipped={skipped} failed={failed}" if view == "pipeline" else "")
        )
    return results


def _write(path: Path, obj: dict[str, Any]) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")


def itu(show: bool) -> None:
    pairs = [
        (
            SHARED / "gold" / "council-res1334-2023-fr.gold.json",
            SHARED / "corpus" / "itu-council-res1334-2023-fr.txt",
        )
    ]
    for gold in sorted((ROOT / "tests" / "data" / "cite" / "gold").glob("*.gold.json")):
        source = json.loads(gold.read_text(encoding="utf-8"))["source"]
        pairs.append((gold, SHARED / "corpus" / source))
    for gold, text in pairs:
        with tempfile.TemporaryDirectory() as tmp:
            try:
                predicted = extract_path(text)
            except Exception as exc:  # report and go on: one broken file must not hide the rest
                print(f"ITU {gold.name}: failed: {exc}")
                continue
            pred = Path(tmp) / "pred.json"
            pred.write_text(json.dumps(predicted), encoding="utf-8")
            r = score(gold, pred, show)
        print(
            f"ITU {gold.name}: P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
            f"sections={r['section_accuracy']:.3f} (tp={r['tp']} fp={r['fp']} fn={r['fn']})"
        )


def use_memory(folder: Path) -> None:
    """Parse with the translation memories of ``folder`` (``<code>/memory.tsv``, as
    ``un_memory.py --out`` writes them) instead of the shipped ones: a leave-one-session-out
    fold scored end to end. A language without a file there has no memory."""
    from reskg.parse.memory import load_memory

    tables = importlib.import_module("reskg.parse.phrases")  # the module, not the function

    def load(path: Path) -> Memory:
        return load_memory(folder / path.parent.name / "memory.tsv")

    tables.load_memory = load  # type: ignore[assignment]
    tables.phrases.cache_clear()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=5, help="take every Nth AKN file")
    parser.add_argument("--all", action="store_true", help="every AKN file")
    parser.add_argument("--sessions", default="78,79", help="78,79 (development) or 80")
    parser.add_argument("--show", choices=VIEWS, help="list misses and false hits of a view")
    parser.add_argument("--languages", default="en,fr,es")
    parser.add_argument("--skip-itu", action="store_true")
    parser.add_argument(
        "--memory", help="a folder of <code>/memory.tsv to use instead of the shipped ones"
    )
    args = parser.parse_args(argv)
    if args.memory:
        use_memory(Path(args.memory))
    if not args.skip_itu:
        itu(args.show is not None)
    sessions = args.sessions.split(",")
    for language in args.languages.split(","):
        unga(language, akn_files(language, sessions, args.sample, args.all), args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
