#!/usr/bin/env python3
"""Development scores of citation extraction, per language and per family of texts.

- UNGA: AKN files of ``../shared/datasets/unxml-ga/`` (a sample, or ``--all``); gold from
  the UN's own links (``akn_gold.py``). Structure comes from the XML itself (oracle
  sections), so the figures measure citation extraction alone. Two views: every predicted
  citation, and only predicted resolutions of the General Assembly or Security Council (the
  links mark nothing else, so named instruments, ECOSOC or HRC citations are not errors).
- ITU: the French gold of ``../shared/gold/`` and the hand-made gold files of
  ``tests/data/cite/gold/`` run through the whole pipeline (read -> parse -> cite) when the
  parse stage is available.

Scoring is ``../shared/gold/score.py --json``. Usage:
``score_dev.py [--sample N] [--all] [--show]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from akn_gold import build

from reskg.cite import extract
from reskg.extraction import to_json

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


def unga(language: str, sample: int, everything: bool, show: bool) -> None:
    files = sorted((SHARED / "datasets" / "unxml-ga").glob(f"*session/{FOLDERS[language]}/*.xml"))
    if not everything:
        files = files[::sample]
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir, all_dir, res_dir = (Path(tmp) / n for n in ("gold", "all", "res"))
        for d in (gold_dir, all_dir, res_dir):
            d.mkdir()
        for path in files:
            document, gold = build(path)
            predicted = to_json(document, extract(document))
            name = path.stem
            (gold_dir / f"{name}.gold.json").write_text(json.dumps(gold), encoding="utf-8")
            (all_dir / f"{name}.json").write_text(json.dumps(predicted), encoding="utf-8")
            only = _only_resolutions(predicted)
            (res_dir / f"{name}.json").write_text(json.dumps(only), encoding="utf-8")
        full = score(gold_dir, all_dir, False)
        res = score(gold_dir, res_dir, show)
    print(
        f"UNGA {language}: {len(files)} files, {res['tp'] + res['fn']} linked citations | "
        f"resolutions P={res['precision']:.3f} R={res['recall']:.3f} F1={res['f1']:.3f} | "
        f"all predictions P={full['precision']:.3f} R={full['recall']:.3f}"
    )


def itu(show: bool) -> None:
    try:
        from reskg.extraction import extract_path
    except ImportError as exc:  # the parse stage is not there yet
        print(f"ITU: skipped ({exc})")
        return
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


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=5, help="take every Nth AKN file")
    parser.add_argument("--all", action="store_true", help="every AKN file")
    parser.add_argument("--show", action="store_true", help="list misses and false hits")
    parser.add_argument("--languages", default="en,fr,es")
    parser.add_argument("--skip-itu", action="store_true")
    args = parser.parse_args(argv)
    if not args.skip_itu:
        itu(args.show)
    for language in args.languages.split(","):
        unga(language, args.sample, args.all, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
