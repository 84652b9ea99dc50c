"""The synthetic corpus generator (bench/synth.py): reproducible, and read by the real pipeline.

The generator plants citations and writes what it planted to truth.jsonl; these tests check
that the bytes depend on the seed and size alone, that every planted span is where truth says,
and that read -> parse -> cite finds what was planted in each language and house style.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from reskg.cite import extract
from reskg.extraction import to_json
from reskg.parse import parse
from reskg.read import read

REPO = Path(__file__).resolve().parents[2]
SEED = 1
DOCS = 600  # enough for 30 texts of each language in each house style
PER_GROUP = 30
THRESHOLD = 0.95
TRANSLATED_UN = {("unga", "fr"), ("unga", "es")}
TRANSLATED_UN_FLOOR = 0.9  # fr measured 0.918 with the translation memory


def _synth() -> Any:
    spec = importlib.util.spec_from_file_location("bench_synth", REPO / "bench" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


synth = _synth()


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    synth.generate(DOCS, SEED, out, ["en", "fr", "es"])
    return out


def _truth(corpus: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (corpus / "truth.jsonl").read_text("utf-8").splitlines()]


def test_same_seed_and_size_give_the_same_bytes(tmp_path: Path) -> None:
    synth.generate(40, 7, tmp_path / "a", ["en", "fr", "es"])
    synth.generate(40, 7, tmp_path / "b", ["en", "fr", "es"])
    synth.generate(20, 7, tmp_path / "c", ["en", "fr", "es"])
    synth.generate(20, 8, tmp_path / "d", ["en", "fr", "es"])
    a, b, c, d = (_files(tmp_path / x) for x in "abcd")
    assert a == b
    assert len(a) == 41  # 40 texts and truth.jsonl
    # A smaller corpus of the same seed is a prefix of a larger one; another seed differs.
    assert all(a[name] == data for name, data in c.items() if name != "truth.jsonl")
    assert a["truth.jsonl"].startswith(c["truth.jsonl"])
    assert c != d


def test_truth_spans_are_exact(corpus: Path) -> None:
    rows = _truth(corpus)
    assert len(rows) == DOCS
    for row in rows:
        text = (corpus / row["file"]).read_text("utf-8")
        for cite in row["citations"]:
            surface = text[cite["start"] : cite["end"]]
            assert surface == cite["surface"] and surface.strip() == surface, row["file"]


def test_version_chains_have_depth(corpus: Path) -> None:
    """Each ITU version after the first recalls its predecessor under the same number."""
    rows = [r for r in _truth(corpus) if r["style"] == "itu" and r["language"] == "en"]
    versions = Counter((r["body"], r["file"].split("-res")[1].split("-")[0]) for r in rows)
    assert max(versions.values()) >= 4
    recalls_own = [
        r
        for r in rows
        if any(
            c["target"]["issuer"] == r["body"]
            and c["target"]["number"] == r["file"].split("-res")[1].split("-")[0]
            and not c["target"]["self"]
            for c in r["citations"]
        )
    ]
    assert len(recalls_own) >= len(rows) - len(versions)


def _key_of(citation: dict[str, Any], functions: bool = True) -> tuple[Any, ...]:
    t = citation["target"]
    function = citation.get("section_function", citation.get("function")) if functions else None
    facts = (t["issuer"], t["type"], t["number"], t["version_year"], t["version_place"])
    return (function, citation["clause"], *facts, t["title_en"])


def _score(
    corpus: Path, rows: list[dict[str, Any]], functions: bool = True
) -> tuple[float, float, float, list[str]]:
    """Recall and precision of read -> parse -> cite against the planted citations (self
    references count neither way, as in the gold scorer), the share of planted citations
    found at exactly their span, and what was missed or extra; ``functions=False`` leaves
    the section function out of the match."""
    found = planted = extracted = spans = 0
    _key = partial(_key_of, functions=functions)
    errors: list[str] = []
    for row in rows:
        document = parse(read(corpus / row["file"]))
        got = to_json(document, extract(document))["citations"]
        want = Counter(_key(c) for c in row["citations"] if not c["target"]["self"])
        have = Counter(_key(c) for c in got if not c["target"]["self"])
        found += sum((want & have).values())
        at = Counter(
            (*_key(c), c["start"], c["end"]) for c in row["citations"] if not c["target"]["self"]
        )
        spans += sum((at & Counter((*_key(c), c["start"], c["end"]) for c in got)).values())
        planted += sum(want.values())
        extracted += sum(have.values())
        errors += [f"{row['file']}: missed {k}" for k in want - have]
        errors += [f"{row['file']}: extra {k}" for k in have - want]
    return found / max(planted, 1), found / max(extracted, 1), spans / max(planted, 1), errors


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("style", ["itu", "unga"])
def test_extraction_finds_the_planted_citations(corpus: Path, style: str, language: str) -> None:
    rows = [r for r in _truth(corpus) if r["style"] == style and r["language"] == language]
    rows = rows[:PER_GROUP]
    assert len(rows) == PER_GROUP
    assert sum(len(r["citations"]) for r in rows) > 10 * PER_GROUP
    recall, precision, spans, errors = _score(corpus, rows, functions=False)
    detail = "\n".join(errors[:20])
    assert recall >= THRESHOLD, f"recall {recall:.3f}\n{detail}"
    assert precision >= THRESHOLD, f"precision {precision:.3f}\n{detail}"
    assert spans >= THRESHOLD, f"exact spans {spans:.3f}"
    # With the section function in the match. A French or Spanish UN opener does not say
    # which of several English phrases the generator drew ("Souligne": stresses or
    # emphasizes; "Insistant sur": stressing, underlining, highlighting), and reskg names it
    # as the UN's own parallel texts do (the translation memory), so those two groups have a
    # floor of their own; function accuracy on real UN text is held by
    # tests/parse/test_agreement.py and tests/parse/test_memory.py.
    floor = TRANSLATED_UN_FLOOR if (style, language) in TRANSLATED_UN else THRESHOLD
    recall, precision, _, errors = _score(corpus, rows)
    detail = "\n".join(errors[:20])
    assert recall >= floor, f"recall with functions {recall:.3f}\n{detail}"
    assert precision >= floor, f"precision with functions {precision:.3f}\n{detail}"
