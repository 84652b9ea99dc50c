"""Sections of UN General Assembly texts: one section per paragraph.

Each preambular paragraph opens with its own phrase ("Recalling also", "Rappelant",
"Recordando") and each operative paragraph with its number and verb ("2. Requests the
Secretary-General"). In PDF-derived text the paragraphs are separated by blank lines and
interrupted by page furniture (the symbol "A/RES/78/132", the job number "23-25902", the
page "2/15", the running title) and by the page's footnotes, which follow a rule of
underscores. Those lines are recognised by the patterns of ``sections.toml`` and skipped;
a paragraph that runs over a page break keeps one span from its first to its last word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reskg.model import Clause, Footnote, Part, Section, Span
from reskg.parse.lines import Line, normalise
from reskg.parse.phrases import Phrases, fold

OPERATIVE = re.compile(r"(?P<num>\d{1,3})\.(?=[\s\u00a0]|$)")
NOTE_ITEM = re.compile(r"(?P<label>\d{1,3}|\*{1,3})[\s\u00a0]+\S")
# "49th plenary meeting", "49e séance plénière", "49ª sesión plenaria": the end of the body.
MEETING = re.compile(
    r"^\d{1,3}(?:th|st|nd|rd|e|a|ª|ᵉ)?\.?\s+(?:plenary meeting|séance plénière|sesión plenaria)",
    re.IGNORECASE,
)
ANNEX_LINE = re.compile(r"^(?:Annex|Annexe|Anexo)(?:\s+[IVX\d]{1,4})?$")
# A paragraph ends with "," (preamble), ";" or "." (operative), maybe then a footnote mark.
PARA_END = re.compile(r"[,;.:][\s\u00a0]*\d{0,3}$")


@dataclass(frozen=True, slots=True)
class Layout:
    """Each line's role: body text, furniture (skipped), or a footnote line."""

    roles: tuple[str, ...]  # "body", "blank", "noise", "note"


def layout(text: str, lines: list[Line], lang: Phrases, title: str | None) -> Layout:
    """Mark page furniture and footnote zones so the paragraph walk can skip them."""
    roles = ["blank" if ln.empty else "body" for ln in lines]
    page = [not ln.empty and any(p.search(ln.text(text)) for p in lang.page_lines) for ln in lines]
    folded_title = fold(title or "")
    for i, ln in enumerate(lines):
        if page[i]:
            roles[i] = "noise"
        elif roles[i] == "body" and folded_title and len(ln.text(text)) > 3:
            near = any(page[j] for j in range(max(0, i - 4), min(len(lines), i + 5)))
            if near and fold(ln.text(text)) in folded_title:
                roles[i] = "noise"
    in_notes = False
    for i, ln in enumerate(lines):
        if not ln.empty and lang.footnote_rule.match(ln.text(text)):
            in_notes = True
            roles[i] = "noise"
        elif in_notes and page[i]:
            in_notes = False
        elif in_notes and roles[i] == "body":
            roles[i] = "note"
    return Layout(tuple(roles))


@dataclass
class _Para:
    part: Part
    label: str | None
    start: int
    end: int


def unga_sections(
    text: str, lines: list[Line], lang: Phrases, start: int, title: str | None
) -> tuple[list[Section], list[Footnote]]:
    """Sections (one per paragraph) and footnotes from line ``start`` on."""
    roles = layout(text, lines, lang, title).roles
    paras: list[_Para] = []
    after_blank = True
    expected = 1
    closed = False
    for i in range(start, len(lines)):
        ln, role = lines[i], roles[i]
        if role == "blank":
            after_blank = True
            continue
        if role != "body":
            continue
        raw = ln.text(text)
        if ANNEX_LINE.match(raw) and (after_blank or closed):
            paras.append(_Para("annex", None, ln.start, lines[-1].end))
            break
        if closed or MEETING.match(raw):
            closed = True  # after the meeting line only an annex may follow
            continue
        num = OPERATIVE.match(raw)
        previous_done = (
            not paras or PARA_END.search(text[paras[-1].start : paras[-1].end]) is not None
        )
        if num and int(num.group("num")) == expected and (after_blank or previous_done):
            paras.append(_Para("operative", num.group("num"), ln.start, ln.end))
            expected += 1
        elif (
            expected == 1
            and after_blank
            and previous_done
            and raw[:1].isupper()
            and ((op := lang.opener_at(text, ln.start, ln.end)) is not None or not paras)
        ):
            # An unnumbered paragraph opening with a verb ("Endorses") is the sole operative one.
            sole = op is not None and op.opener.preamble is None
            paras.append(_Para("operative" if sole else "preamble", None, ln.start, ln.end))
        elif paras:
            paras[-1].end = ln.end
        after_blank = False
    sections = [_section(text, p, lang, n) for n, p in enumerate(paras, 1)]
    return _ordinals(sections), _notes(text, lines, roles, sections)


def _section(text: str, para: _Para, lang: Phrases, n: int) -> Section:
    span = Span(para.start, para.end)
    if para.part == "annex":
        heading = normalise(
            text[
                para.start : text.find("\n", para.start, para.end)
                if "\n" in text[para.start : para.end]
                else para.end
            ]
        )
        return Section(heading, "annex", "annex", None, span, (Clause(None, span),))
    pos = para.start
    if para.part == "operative":
        m = OPERATIVE.match(text, pos)
        pos = m.end() if m else pos
        while pos < para.end and text[pos].isspace():
            pos += 1
    heading, function, addressee = opening(text, pos, para.end, lang, para.part)
    return Section(heading, function, para.part, addressee, span, (Clause(para.label, span),))


def opening(
    text: str, pos: int, end: int, lang: Phrases, part: Part
) -> tuple[str, str, str | None]:
    """Heading as printed, function and addressee of the paragraph opening at ``pos``.

    The function is the translation memory's when it knows the paragraph (a French or
    Spanish paragraph the Assembly printed before), else the phrase tables'.
    """
    heading, function, who = table_opening(text, pos, end, lang, part)
    return heading, lang.memory.recall(text, pos, end, part) or function, who


def table_opening(
    text: str, pos: int, end: int, lang: Phrases, part: Part
) -> tuple[str, str, str | None]:
    """Heading, function and addressee as the phrase tables alone give them."""
    op = lang.opener_at(text, pos, end, un=True)
    if op is None:
        word = re.match(r"[^\W\d_][\w'’-]*", text[pos:end])
        heading = word.group(0) if word else normalise(text[pos : min(end, pos + 40)])
        return heading, lang.fallback(heading), None
    stop, who = op.end, None
    found = lang.addressee_at(text, op.end, itu=False)
    if found is not None and found[0] <= end:
        stop, who = found
    return normalise(text[pos:stop]), op.function(part), who


def _ordinals(sections: list[Section]) -> list[Section]:
    """Label each preambular paragraph with its ordinal among preambular paragraphs."""
    out: list[Section] = []
    n = 0
    for s in sections:
        if s.part == "preamble":
            n += 1
            clause = Clause(str(n), s.clauses[0].span)
            s = Section(s.heading, s.function, s.part, s.addressee, s.span, (clause,))
        out.append(s)
    return out


def _notes(
    text: str, lines: list[Line], roles: tuple[str, ...], sections: list[Section]
) -> list[Footnote]:
    """Footnote items of the note zones, attributed to the paragraph holding their mark."""
    items: list[tuple[str, int, int]] = []
    for ln, role in zip(lines, roles, strict=True):
        if role != "note":
            continue
        m = NOTE_ITEM.match(ln.text(text))
        if m:
            items.append((m.group("label"), ln.start, ln.end))
        elif items:
            label, s, _ = items[-1]
            items[-1] = (label, s, ln.end)
    notes: list[Footnote] = []
    for label, s, e in items:
        where = _mark(text, label, s, sections)
        notes.append(Footnote(label, Span(s, e), where, 0 if where is not None else None))
    return notes


def _mark(text: str, label: str, before: int, sections: list[Section]) -> int | None:
    """Index of the section whose text carries footnote mark ``label`` nearest ``before``."""
    glued = rf"(?<=[^\s\d/.-]){re.escape(label)}(?=[\s,.;:)]|$)"  # "Society,8 held"
    spaced = rf"(?<=[,.;”)])[\s\u00a0]{re.escape(label)}(?=[\s,;])"  # "2005, 6 and"
    mark = re.compile(f"{glued}|{spaced}")
    best = None
    for m in mark.finditer(text, 0, before):
        best = m.start()
    if best is None:
        return None
    for i, s in enumerate(sections):
        if s.span.start <= best < s.span.end:
            return i
    return None
