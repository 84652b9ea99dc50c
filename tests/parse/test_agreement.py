"""French and Spanish section functions agree with English on a sample of UNGA AKN files.

The three AKN expressions of a resolution have the same paragraphs, so each paragraph's
(part, label, function) can be compared with the English one (the full run is
``scripts/function_agreement.py``). French UN usage renders several English phrases with one
French phrase ("Consciente" prints where English has "Recognizing", "Aware" or "Mindful"),
which no phrase table can undo; the translation memory (``lang/<code>/memory.tsv``) learns
which one each paragraph the Assembly printed before renders. The sample comes from sessions
78-80, all of which the shipped memory learnt from, so the floors (the measured 1258/1264 fr,
1261/1264 es, less a few paragraphs) catch a memory or table that stopped applying, not how
well it generalises: held-out figures come from ``scripts/un_memory.py --folds=78,79,80``.
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest

from reskg.model import Section
from reskg.parse import parse
from reskg.parse.phrases import phrases
from reskg.read import read
from reskg.resources import lang_dir

FOLDERS = {"en": "English", "fr": "French", "es": "Spanish"}
FLOORS = {"fr": 0.99, "es": 0.995}
SAMPLE = 30


def sample(root: Path) -> list[dict[str, Path]]:
    found: dict[tuple[str, str], dict[str, Path]] = {}
    for code, folder in FOLDERS.items():
        for path in root.glob(f"*session/{folder}/*.xml"):
            found.setdefault((path.parts[-3], path.name.split("-")[0]), {})[code] = path
    complete = [found[k] for k in sorted(found) if len(found[k]) == len(FOLDERS)]
    return random.Random(7).sample(complete, min(SAMPLE, len(complete)))


def vocabulary() -> set[str]:
    """The English functions: the English table's, and the English italic opening phrases
    the translation memories learnt ("recalls request", ``Phrases.italic_function``)."""
    with (lang_dir() / "en" / "sections.toml").open("rb") as handle:
        openers = tomllib.load(handle)["openers"]
    learnt = {f for code in ("fr", "es") for f in phrases(code).memory.functions.values()}
    return {v for entry in openers.values() for v in entry.values()} | {"annex", "other"} | learnt


@pytest.mark.parametrize("code", ["fr", "es"])
def test_memory_learnt_english_only(code: str) -> None:
    """The memory's functions come from the English text: no French or Spanish phrase."""
    tables = phrases(code)
    functions = set(tables.memory.functions.values())
    assert functions, f"{code}: empty memory"
    own = set(tables.openers) | set(tables.openers_un)
    english = {
        o.function(p) for o in phrases("en").openers.values() for p in ("preamble", "operative")
    }
    foreign = {f for f in functions if not f.isascii() or (f in own and f not in english)}
    assert not foreign


def _strip(function: str, kept: frozenset[str]) -> str:
    """``function`` without the modifiers kept before a phrase ("strongly condemns")."""
    words = function.split(" ")
    while len(words) > 1 and words[0] in kept:
        words = words[1:]
    return " ".join(words)


def key(s: Section) -> tuple[str, str | None, str]:
    return s.part, s.clauses[0].label, s.function


@pytest.fixture(scope="module")
def parsed(shared_dir: Path) -> list[dict[str, list[Section]]]:
    triples = sample(shared_dir / "datasets" / "unxml-ga")
    assert triples, "no resolution in all three languages"
    return [
        {code: list(parse(read(path), language=code).sections) for code, path in t.items()}
        for t in triples
    ]


@pytest.mark.parametrize("code", ["fr", "es"])
def test_functions_agree_with_english(parsed: list[dict[str, list[Section]]], code: str) -> None:
    same = total = 0
    for docs in parsed:
        if len(docs[code]) != len(docs["en"]):
            continue
        total += len(docs["en"])
        same += sum(key(a) == key(b) for a, b in zip(docs[code], docs["en"], strict=True))
    assert total > 500
    assert same / total >= FLOORS[code], f"{code}: {same}/{total}"


@pytest.mark.parametrize("code", ["en", "fr", "es"])
def test_no_word_outside_the_english_vocabulary(
    parsed: list[dict[str, list[Section]]], code: str
) -> None:
    vocab = vocabulary()
    kept = phrases("en").kept
    functions = {s.function for docs in parsed for s in docs[code]}
    outside = {f for f in functions if _strip(f, kept) not in vocab}
    if code == "en":  # English fallbacks are English phrases ("regretting"), never other words
        outside = {f for f in outside if not f.isascii()}
    assert not outside
