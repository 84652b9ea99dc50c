"""A lexical scan of a SPARQL update: where each operation is, and where its WHERE is.

Only :mod:`api.sparql_guard` needs it, to place ``USING`` clauses. It follows the SPARQL
1.1 grammar's terminals closely enough for that: strings (all four quotings, with
escapes), IRI references (longest match, as the grammar's tokenizer does, so ``?a<?b``
followed by ``>`` is an IRI there too), comments, and brace depth. A keyword counts only
at brace depth 0 and as a whole word (``ex:where`` and ``?where`` are not keywords).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_IRI = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[A-Za-z_][\w\-.:]*")
_STRING_OPENERS = ('"""', "'''", '"', "'")
_OPERATION_WORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


@dataclass(frozen=True, slots=True)
class Segment:
    """One operation's text span and the offset of its top-level ``WHERE`` (if any)."""

    start: int
    end: int
    where: int | None


def _skip_string(text: str, index: int) -> int:
    """The index just after the string literal that starts at ``index``."""
    for opener in _STRING_OPENERS:
        if text.startswith(opener, index):
            break
    cursor = index + len(opener)
    while cursor < len(text):
        if text[cursor] == "\\":
            cursor += 2
            continue
        if text.startswith(opener, cursor):
            return cursor + len(opener)
        if len(opener) == 1 and text[cursor] in "\r\n":
            return cursor  # unterminated; the parser has already refused such text
        cursor += 1
    return cursor


def operation_segments(text: str) -> list[Segment]:
    """The spans between top-level ``;`` that contain an operation, in order."""
    segments: list[Segment] = []
    depth, start, index = 0, 0, 0
    has_operation, where = False, None
    while index < len(text):
        char = text[index]
        if char == "#":
            newline = text.find("\n", index)
            index = len(text) if newline < 0 else newline
            continue
        if char in "\"'":
            index = _skip_string(text, index)
            continue
        if char == "<":
            match = _IRI.match(text, index)
            index = match.end() if match else index + 1
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char == ";" and depth == 0:
            if has_operation:
                segments.append(Segment(start, index, where))
            start, has_operation, where = index + 1, False, None
        elif depth == 0 and (char.isalpha() or char == "_"):
            before = text[index - 1] if index else " "
            match = _WORD.match(text, index)
            assert match is not None
            word = match.group().upper()
            if not (before.isalnum() or before in "_:?$.-"):
                if word in _OPERATION_WORDS:
                    has_operation = True
                elif word == "WHERE" and where is None:
                    where = index
            index = match.end()
            continue
        index += 1
    if has_operation:
        segments.append(Segment(start, len(text), where))
    return segments
