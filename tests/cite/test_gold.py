"""End to end on gold files: the shared French gold and the hand-made PP-18 gold."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from reskg.extraction import extract_path

HAND_GOLD = sorted(
    (Path(__file__).resolve().parents[1] / "data" / "cite" / "gold").glob("*.gold.json")
)


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "gold" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_french_council_resolution_is_perfect(shared_dir: Path) -> None:
    gold = json.loads(
        (shared_dir / "gold" / "council-res1334-2023-fr.gold.json").read_text("utf-8")
    )
    predicted = extract_path(shared_dir / "corpus" / "itu-council-res1334-2023-fr.txt")
    result = _scorer(shared_dir).score_doc(gold, predicted)
    assert (result["tp"], result["fp"], result["fn"]) == (18, 0, 0)
    text = (shared_dir / "corpus" / "itu-council-res1334-2023-fr.txt").read_text("utf-8-sig")
    for c in predicted["citations"]:
        assert text[c["start"] : c["end"]] == c["surface"]


@pytest.mark.parametrize("gold_path", HAND_GOLD, ids=[p.name for p in HAND_GOLD])
def test_hand_gold(gold_path: Path, shared_dir: Path) -> None:
    gold = json.loads(gold_path.read_text("utf-8"))
    predicted = extract_path(shared_dir / "corpus" / gold["source"])
    r = _scorer(shared_dir).score_doc(gold, predicted)
    precision = r["tp"] / max(1, r["tp"] + r["fp"])
    recall = r["tp"] / max(1, r["tp"] + r["fn"])
    assert precision >= 0.95 and recall >= 0.95, (r["misses"], r["false_hits"])
