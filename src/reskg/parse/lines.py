"""Lines of the source text with their offsets: the unit the structure parsers walk.

Offsets always point into the untouched :attr:`Source.text`; the cleaned ``content`` view
(converter bookmarks dropped, ends stripped) is only for matching.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Word-processor converters leave "[bookmark: _Toc364693793]" before headings and titles.
BOOKMARK = re.compile(r"(?:\[bookmark:[^\]]*\]\s*)+")


@dataclass(frozen=True, slots=True)
class Line:
    """A run of text ``[start, end)`` with surrounding blanks and bookmarks excluded."""

    start: int
    end: int

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    @property
    def empty(self) -> bool:
        return self.start >= self.end


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Every line of ``text[start:end]``, trimmed of whitespace and leading bookmarks."""
    stop = len(text) if end is None else end
    out: list[Line] = []
    pos = start
    while pos <= stop:
        nl = text.find("\n", pos, stop)
        line_end = stop if nl < 0 else nl
        out.append(trim(text, pos, line_end))
        if nl < 0:
            break
        pos = nl + 1
    return out


def trim(text: str, start: int, end: int) -> Line:
    """``[start, end)`` without blanks at either end and without leading bookmarks."""
    while start < end and text[start].isspace():
        start += 1
    m = BOOKMARK.match(text, start, end)
    if m:
        start = m.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return Line(start, end)


def normalise(text: str) -> str:
    """Whitespace-normalised text for headings and titles (not for spans)."""
    return " ".join(BOOKMARK.sub(" ", text).split())
