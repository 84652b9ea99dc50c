"""Sections and clauses of ITU house-style texts, and what every house style shares.

ITU texts put each section heading on its own line ("rappelant", "instructs the Director
of the Telecommunication Development Bureau") with lettered or numbered clauses under it.
Real files glue things together, so a physical line is first cut into segments: a heading
glued after a clause (", instructs the Directors of the Bureaux"), a clause glued after
another ("...; 10 to maintain"), an inline footnote after a rule of underscores, an annex
heading run into the last paragraph. Clause labels are accepted only when they continue
the section's sequence (a, b, c... or 1, 2, 3...), so "i)" after "h)" is a letter while
"i)" under a numbered clause is a sub-item that stays inside its clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reskg.model import Clause, Footnote, Part, Section, Span
from reskg.parse.lines import Line, normalise, trim
from reskg.parse.phrases import OpenerMatch, Phrases

# "a)", "a)\t", "(a)", "1", "1.", "1\t", "2bis", "4.1": a clause label at a segment start.
LABEL = re.compile(
    r"(?:\((?P<l1>[a-z]{1,4}|\d{1,3})\)"  # "(a)", "(1)"
    r"|(?P<l2>[a-z]{1,4})\)"  # "a)", "iv)": letters need their parenthesis ("a new" is no label)
    r"|(?P<l3>\d{1,3}(?:\.\d{1,2})*(?:bis|ter)?)\)?\.?)"  # "1", "1.", "4.1", "2bis"
    r"(?=[\s\u00a0])"
)
# A clause glued after the end of the previous one: "...; 10 to maintain", "...; 2 that".
GLUED_CLAUSE = re.compile(
    r"(?<=[;:.,])[\s\u00a0]+(?=\d{1,2}[\s\u00a0]+(?:to|that|de|d'|à|que|a|el|la|los|las)\b)"
)
# An inline footnote: a rule of underscores, then "3 See requests the ITU Council 3 below."
INLINE_NOTE = re.compile(r"_{5,}[\s\u00a0]*(?=\d{1,3}[\s\u00a0]|\*)")
# "ANNEX 1 TO DECISION 5 (REV. DUBAI, 2018)", "ANNEXE", "Annex", "ANEXO" opening an annex.
ANNEX = re.compile(
    r"(?:ANNEX|ANNEXE|ANEXO|Annex|Annexe|Anexo|APPENDIX|Appendix|ATTACHMENT)"
    r"(?:[\s\u00a0]+[A-Z0-9]{1,3})?"  # its number or letter
    r"(?=[\s\u00a0]+(?:TO|À LA|DE LA|AL|to)\b|[\s\u00a0]*$)"  # "... TO DECISION 5", or alone
)
# Where an upper-case annex heading is run into the text before it: after a sentence, or
# anywhere when it names what it annexes ("... 2022-2023 ANNEX 2 TO DECISION 5").
GLUED_ANNEX = re.compile(
    r"(?:(?<=[.;,])[\s\u00a0]+(?=[A-Z]{5})"
    r"|(?<=\S)[\s\u00a0]+"
    r"(?=(?:ANNEX|ANNEXE|ANEXO)[\s\u00a0]+\d{1,2}[\s\u00a0]+(?:TO|À LA|AL|DE LA)[\s\u00a0]))"
)
# The header of the next document in a compilation: "PART II - ...", "DECISION 13 (BUSAN,
# 2014)", "RESOLUTION 12 (REV. ...)", maybe after the page number ("18 PART II"). Upper case
# only: "Resolution 73 (Minneapolis, 1998)" inside a clause is a citation, not a header.
NEXT_DOCUMENT = re.compile(
    r"(?:\d{1,3}[\s\u00a0]+)?"
    r"(?:PART[\s\u00a0]+[IVX]{1,5}\b"
    r"|(?:RESOLUTION|DECISION|RÉSOLUTION|DÉCISION|RESOLUCIÓN|DECISIÓN)[\s\u00a0]+\d{1,4}"
    r"(?:[\s\u00a0]*\([^)]{0,60}\))?(?![\w-]))"
)
ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
MAX_HEADING = 200


@dataclass
class Draft:
    """A section being built: heading, function, part, addressee, clause starts/ends."""

    heading: str
    function: str
    part: Part
    addressee: str | None
    start: int
    end: int
    clauses: list[tuple[str | None, int, int]] = field(default_factory=list)

    def add_clause(self, label: str | None, start: int, end: int) -> None:
        self.clauses.append((label, start, end))
        self.end = max(self.end, end)

    def extend(self, end: int) -> None:
        if self.clauses:
            label, start, _ = self.clauses[-1]
            self.clauses[-1] = (label, start, max(end, self.clauses[-1][2]))
        self.end = max(self.end, end)

    def freeze(self) -> Section:
        clauses = tuple(Clause(label, Span(s, e)) for label, s, e in self.clauses)
        return Section(
            self.heading,
            self.function,
            self.part,
            self.addressee,
            Span(self.start, self.end),
            clauses,
        )


def heading_parts(
    text: str, match: OpenerMatch, lang: Phrases, part: Part, *, itu: bool, limit: int
) -> tuple[int, str | None]:
    """End of the heading (opener plus addressee) and the addressee, if one is named."""
    found = lang.addressee_at(text, match.end, itu=itu)
    if found is None or found[0] > limit:
        return match.end, None
    return found


def next_label(kind: str, previous: str) -> str | None:
    """The label that continues ``previous`` in a sequence of ``kind``."""
    if kind == "number":
        head = previous.split(".")[0]
        digits = re.match(r"\d+", head)
        return str(int(digits.group(0)) + 1) if digits else None
    if kind == "roman":
        return ROMAN[ROMAN.index(previous) + 1] if previous in ROMAN[:-1] else None
    return chr(ord(previous) + 1) if len(previous) == 1 and previous < "z" else None


def label_kind(label: str) -> str:
    if label[0].isdigit():
        return "number"
    return "letter" if len(label) == 1 else "roman"


def segments(text: str, line: Line) -> list[tuple[str, Line]]:
    """Cut one physical line into ``(kind, segment)``: "text", "note" or "annex" pieces."""
    cuts: list[tuple[int, str]] = [(line.start, "text")]
    for m in GLUED_CLAUSE.finditer(text, line.start, line.end):
        cuts.append((m.end(), "text"))
    for m in INLINE_NOTE.finditer(text, line.start, line.end):
        cuts.append((m.start(), "note"))
    for m in GLUED_ANNEX.finditer(text, line.start, line.end):
        if ANNEX.match(text, m.end(), line.end):
            cuts.append((m.end(), "annex"))
    cuts.sort()
    out: list[tuple[str, Line]] = []
    for i, (pos, kind) in enumerate(cuts):
        end = cuts[i + 1][0] if i + 1 < len(cuts) else line.end
        seg = trim(text, pos, end)
        if not seg.empty:
            out.append((kind, seg))
    return out


def glued_heading(text: str, seg: Line, lang: Phrases) -> int | None:
    """Start of an operative heading glued at the end of ``seg`` after a comma, if any."""
    for m in re.finditer(r",[\s\u00a0]+", text[seg.start : seg.end]):
        at = seg.start + m.end()
        op = lang.opener_at(text, at, seg.end)
        if op is None or op.opener.operative is None or not text[at].islower():
            continue
        tail = text[at : seg.end]
        if len(tail) <= 120 and not re.search(r"[;.:]", tail):
            return at
    return None


def itu_sections(
    text: str, lines: list[Line], lang: Phrases, start: int
) -> tuple[list[Section], list[Footnote]]:
    """Sections of an ITU text from line ``start`` (the line after the enacting formula)."""
    pieces: list[tuple[str, Line]] = []
    for line in lines[start:]:
        if line.empty:
            continue
        if pieces and NEXT_DOCUMENT.match(text, line.start, line.end):
            break  # the rest is another document of the compilation
        for kind, seg in segments(text, line):
            cut = glued_heading(text, seg, lang) if kind == "text" else None
            if cut is not None:
                pieces.append((kind, trim(text, seg.start, cut)))
                pieces.append(("text", trim(text, cut, seg.end)))
            else:
                pieces.append((kind, seg))
    return _walk(text, pieces, lang)


def _walk(
    text: str, pieces: list[tuple[str, Line]], lang: Phrases
) -> tuple[list[Section], list[Footnote]]:
    drafts: list[Draft] = []
    notes: list[Footnote] = []
    part: Part = "preamble"
    kind = ""
    for piece_kind, seg in pieces:
        raw = seg.text(text)
        if piece_kind == "note":
            m = re.match(r"_{5,}[\s\u00a0]*(\d{1,3}|\*)", raw)
            label = m.group(1) if m else "*"
            where = len(drafts) - 1 if drafts else None
            clause = len(drafts[-1].clauses) - 1 if drafts and drafts[-1].clauses else None
            notes.append(Footnote(label, Span(seg.start, seg.end), where, clause))
            continue
        annex = ANNEX.match(raw)
        if annex and (piece_kind == "annex" or raw[:5].isupper() or annex.end() == len(raw)):
            part = "annex"
            drafts.append(
                Draft(normalise(annex.group(0)), "annex", "annex", None, seg.start, seg.end)
            )
            drafts[-1].add_clause(None, seg.start, seg.end)
            continue
        if part == "annex":
            drafts[-1].extend(seg.end)
            continue
        heading = _heading(text, seg, lang)
        if heading is not None:
            op = heading
            if op.opener.preamble is None or (op.opener.operative is None and part == "operative"):
                part = "operative"
            end, who = heading_parts(text, op, lang, part, itu=True, limit=seg.end)
            rest = normalise(text[end : seg.end]).strip(" ,:")
            if who is None and rest and op.opener.operative and part == "operative":
                who = _list_addressee(rest, lang)
            drafts.append(
                Draft(
                    normalise(raw).rstrip(" :,"),
                    op.function(part),
                    part,
                    who,
                    seg.start,
                    seg.end,
                )
            )
            kind = ""
            continue
        if not drafts:
            continue
        draft = drafts[-1]
        lm = LABEL.match(text, seg.start, seg.end)
        label = (lm.group("l1") or lm.group("l2") or lm.group("l3")) if lm else None
        if label is not None and _continues(draft, label, kind):
            kind = kind or label_kind(label)
            if (
                kind == "letter"
                and label in ROMAN
                and draft.clauses
                and draft.clauses[-1][0] != chr(ord(label[0]) - 1)
            ):
                kind = "roman"
            draft.add_clause(label, seg.start, seg.end)
        elif not draft.clauses:
            draft.add_clause(None, seg.start, seg.end)
        else:
            draft.extend(seg.end)
    return [d.freeze() for d in drafts], notes


def _heading(text: str, seg: Line, lang: Phrases) -> OpenerMatch | None:
    """An opener that makes ``seg`` a heading line: lower-case, short, no final stop."""
    if seg.end - seg.start > MAX_HEADING or not text[seg.start].islower():
        return None
    if text[seg.end - 1] in ";.":
        return None
    return lang.opener_at(text, seg.start, seg.end)


def _continues(draft: Draft, label: str, kind: str) -> bool:
    """Whether ``label`` is the next clause of ``draft`` rather than a sub-item."""
    if not draft.clauses or draft.clauses[-1][0] is None:
        return not draft.clauses and (label in ("1", "a", "i") or label.isdigit())
    previous = draft.clauses[-1][0]
    assert previous is not None
    if "." in label:
        return False
    if kind == "letter" and label_kind(label) != "number":
        return next_label("letter", previous) == label
    if kind == "roman":
        return next_label("roman", previous) == label
    return label_kind(label) == "number" and next_label("number", previous) == label


def _list_addressee(rest: str, lang: Phrases) -> str | None:
    """The addressee of "invites Member States, Sector Members and Academia"."""
    names: list[str] = []
    for part in re.split(r",\s*|\s+(?:and|et|y)\s+", rest):
        found = lang.addressee_at(part, 0, itu=True)
        names.append(found[1] if found and found[0] == len(part) else part)
    return ", ".join(n for n in names if n) or None
