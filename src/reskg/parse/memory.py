"""Translation memory of UN paragraph openings: the English function of a known paragraph.

A French or Spanish opening phrase stands for several English ones ("Souligne" prints for
"Stresses", "Emphasizes" and "Underlines"), so the phrase tables alone cannot say which
English phrase a UN General Assembly paragraph renders. But the Assembly repeats most of
its paragraphs year after year, each time translated the same way: the first words of a
paragraph say which English phrase it opens with much better than its first word does.

``lang/<code>/memory.tsv`` (written by ``scripts/un_memory.py`` from the aligned AKN files,
provenance in ``lang/README.md``) maps a paragraph's opening words to the English function.
A key is the paragraph's first N words (:func:`words`: letters only, case-folded, so digits,
footnote marks and punctuation do not count), followed by ``.`` when the paragraph has
fewer than N words. Keys are tried from the longest level to the shortest; the first one
known gives the function, and a paragraph none of them knows keeps the phrase tables'
function. The file keeps only the keys whose answer differs from what the shorter keys and
the tables give, so it stays small.

File format: comment lines start with ``#``; ``# levels: 24 12 6 3`` gives the key lengths;
each other line is ``part<TAB>key<TAB>function``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from reskg.errors import LanguageError

# A word: a run of letters. Digits (resolution numbers, years, glued footnote marks "Société8"),
# apostrophes and punctuation separate words and never count.
WORD = re.compile(r"[^\W\d_]+")
# Appended to a key when the paragraph ends before the key's length.
END = "."
LEVELS = re.compile(r"^#\s*levels:\s*(?P<levels>[\d ]+)$")


def words(text: str, pos: int = 0, end: int | None = None, limit: int = 0) -> tuple[str, ...]:
    """The words of ``text[pos:end]`` as keys spell them (case-folded, NFC); ``limit`` > 0
    stops after that many."""
    out: list[str] = []
    # Composed first: a decomposed accent ("e" + U+0301) is no letter and would split a word.
    for m in WORD.finditer(unicodedata.normalize("NFC", text[pos:end])):
        out.append(unicodedata.normalize("NFC", m.group(0).casefold()))
        if len(out) == limit:
            break
    return tuple(out)


def key(tokens: tuple[str, ...], level: int) -> str:
    """The key of level ``level`` for a paragraph whose first words are ``tokens``
    (at least ``level`` of them, or all the paragraph has)."""
    if len(tokens) < level:
        return " ".join((*tokens, END))
    return " ".join(tokens[:level])


@dataclass(frozen=True, slots=True)
class Memory:
    """Opening words -> English function, per part (``preamble``, ``operative``)."""

    levels: tuple[int, ...] = ()  # longest first
    functions: Mapping[tuple[str, str], str] = field(default_factory=lambda: MappingProxyType({}))

    def recall(self, text: str, pos: int, end: int, part: str) -> str | None:
        """The English function of the paragraph of ``part`` opening at ``pos``, if known."""
        if not self.functions:
            return None
        tokens = words(text, pos, end, self.levels[0])
        for level in self.levels:
            found = self.functions.get((part, key(tokens, level)))
            if found is not None:
                return found
        return None


EMPTY = Memory()


def parse_memory(text: str, *, path: str | None = None) -> Memory:
    """A :class:`Memory` from the text of a ``memory.tsv`` file."""
    levels: tuple[int, ...] = ()
    functions: dict[tuple[str, str], str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if line.startswith("#"):
            m = LEVELS.match(line)
            if m:
                levels = tuple(sorted({int(x) for x in m.group("levels").split()}, reverse=True))
            continue
        cells = line.split("\t")
        if len(cells) != 3 or not all(cells):
            raise LanguageError(f"memory line {n}: expected part, key, function", path=path)
        functions[(cells[0], cells[1])] = cells[2]
    if functions and not levels:
        raise LanguageError("memory has no '# levels:' line", path=path)
    return Memory(levels, MappingProxyType(functions))


def load_memory(path: Path) -> Memory:
    """The memory in ``path``; :data:`EMPTY` when the language has none."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return EMPTY
    return parse_memory(text, path=str(path))
