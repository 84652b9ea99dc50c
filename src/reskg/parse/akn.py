"""Sections of an Akoma Ntoso document, from the paragraph roles its reader recorded.

The markup already says which paragraph is preambular, which is operative and what its
number is (:class:`~reskg.model.Block`), so nothing is guessed here except the function
of the opening phrase, which comes from the same phrase tables as for plain text.
"""

from __future__ import annotations

from reskg.model import Block, Clause, Footnote, Part, Section, Source
from reskg.parse.lines import normalise
from reskg.parse.phrases import Phrases
from reskg.parse.unga import OPERATIVE, table_opening


def akn_sections(source: Source, lang: Phrases) -> tuple[list[Section], list[Footnote]]:
    """One section per preambular container and per main-body paragraph; one per annex."""
    text = source.text
    sections: list[Section] = []
    ordinal = 0
    for block in source.blocks:
        span = block.span
        if block.role == "preamble":
            ordinal += 1
            heading, function, who = _opening(text, block, lang, "preamble")
            sections.append(
                Section(heading, function, "preamble", who, span, (Clause(str(ordinal), span),))
            )
        elif block.role == "operative":
            heading, function, who = _opening(text, block, lang, "operative")
            sections.append(
                Section(heading, function, "operative", who, span, (Clause(block.label, span),))
            )
        elif block.role == "annex":
            first = text.find("\n", span.start, span.end)
            title = normalise(text[span.start : first if first >= 0 else span.end])
            sections.append(
                Section(title or "annex", "annex", "annex", None, span, (Clause(None, span),))
            )
    return sections, _footnotes(source.blocks, sections)


def opening_position(text: str, block: Block, part: Part) -> int:
    """Where the paragraph's opening phrase starts: after the number of an operative one,
    at the italic span when the markup has one."""
    pos = block.span.start
    m = OPERATIVE.match(text, pos, block.span.end) if part == "operative" else None
    if m:
        pos = m.end()
        while pos < block.span.end and text[pos].isspace():
            pos += 1
    if block.heading is not None and block.heading.start >= pos:
        pos = block.heading.start
    return pos


def _opening(text: str, block: Block, lang: Phrases, part: Part) -> tuple[str, str, str | None]:
    """The opening phrase (the marked-up italic span when there is one, else the phrase
    table's) and the function the translation memory gives, else the tables'."""
    pos = opening_position(text, block, part)
    heading, function, who = table_function(text, pos, block, lang, part)
    return heading, lang.memory.recall(text, pos, block.span.end, part) or function, who


def table_function(
    text: str, pos: int, block: Block, lang: Phrases, part: Part
) -> tuple[str, str, str | None]:
    """Heading, function and addressee as the phrase tables and the markup give them.

    In a language whose phrases are the vocabulary (English) the italic opening phrase the
    markup prints is the function (:meth:`Phrases.italic_function`), whatever the tables
    would take of it; the tables still name the addressee.
    """
    heading, function, who = table_opening(text, pos, block.span.end, lang, part)
    if block.heading is not None:
        printed = normalise(block.heading.of(text)).rstrip(" ,")
        italic = lang.italic_function(printed) if printed else None
        if italic is not None:
            return printed, italic, who
    if lang.opener_at(text, pos, block.span.end) is None:
        if block.heading is None:
            # No italic opening phrase and none the tables know: the paragraph opens with
            # none ("Financing of ...", a budget line), which the markup says plainly.
            return heading, "other", who
        # A phrase the tables lack: the markup still says where it ends.
        printed = normalise(block.heading.of(text)).rstrip(" ,")
        if printed:
            return printed, lang.fallback(printed), who
    return heading, function, who


def _footnotes(blocks: tuple[Block, ...], sections: list[Section]) -> list[Footnote]:
    """Footnote blocks, each attributed to the section holding the first unused mark."""
    marks = [b for b in blocks if b.role == "mark"]
    used: set[int] = set()
    notes: list[Footnote] = []
    for block in blocks:
        if block.role != "footnote":
            continue
        where = None
        for i, mark in enumerate(marks):
            if i in used or mark.label != block.label:
                continue
            used.add(i)
            where = next(
                (n for n, s in enumerate(sections) if s.span.start <= mark.span.start < s.span.end),
                None,
            )
            break
        notes.append(
            Footnote(block.label or "*", block.span, where, 0 if where is not None else None)
        )
    return notes
