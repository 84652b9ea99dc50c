"""Citation extraction: every reference to an instrument, with its span, place and identity.

``extract(document)`` is the pipeline verb (parse -> cite); ``parse_citation(text)`` resolves
one typed-in citation ("Resolution 140 (Rev. Bucharest, 2022)") for the lineage command.
Patterns: :mod:`reskg.cite.regexes`; finding: :mod:`reskg.cite.recognise`; identities:
:mod:`reskg.cite.resolve`.
"""

from __future__ import annotations

from bisect import bisect_right

from reskg.cite.recognise import Mention, recognise
from reskg.cite.regexes import LANGUAGES
from reskg.cite.resolve import CitingContext, resolve
from reskg.model import Citation, Document, InstrumentRef

__all__ = ["extract", "parse_citation"]


class _Locator:
    """Maps a text offset to (section index, clause index, in footnote)."""

    def __init__(self, document: Document) -> None:
        self._sections = document.sections
        self._starts = [s.span.start for s in document.sections]
        self._footnotes = document.footnotes

    def locate(self, offset: int) -> tuple[int | None, int | None, bool]:
        for note in self._footnotes:
            if note.span.start <= offset < note.span.end:
                return note.section_index, note.clause_index, True
        i = bisect_right(self._starts, offset) - 1
        while i >= 0 and not (self._sections[i].span.start <= offset < self._sections[i].span.end):
            i -= 1  # nested or touching spans: take the innermost that contains the offset
            if i >= 0 and self._sections[i].span.end <= offset:
                return None, None, False
        if i < 0:
            return None, None, False
        for j, clause in enumerate(self._sections[i].clauses):
            if clause.span.start <= offset < clause.span.end:
                return i, j, False
        return i, None, False


def _context(document: Document) -> CitingContext:
    identity = document.identity
    language = identity.language if identity.language in LANGUAGES else "en"
    return CitingContext(
        issuer=identity.issuer,
        language=language,
        number=identity.number,
        version_year=identity.version_year,
    )


def _citations(
    mention: Mention, document: Document, ctx: CitingContext, where: _Locator
) -> list[Citation]:
    section, clause, in_note = where.locate(mention.span.start)
    surface = mention.span.of(document.text)
    out = []
    for printed in mention.items:
        target, notes = resolve(printed, ctx)
        out.append(
            Citation(
                span=mention.span,
                surface=surface,
                target=target,
                section_index=section,
                clause_index=clause,
                in_footnote=in_note,
                title_given=mention.title_given,
                notes=notes,
            )
        )
    return out


def _masked_text(document: Document) -> str:
    """The text with footnote marks blanked out, offsets unchanged.

    A reader that keeps a note's marker in the line (AKN) glues it to what precedes it:
    "resolution 78/220" + mark "5" reads "78/2205". The reader records where each mark is
    (``mark`` blocks), so recognition runs on a copy where marks are spaces; surfaces are
    still cut from the real text.
    """
    marks = [b.span for b in document.source.blocks if b.role == "mark"]
    if not marks:
        return document.text
    chars = list(document.text)
    for span in marks:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return "".join(chars)


def extract(document: Document) -> tuple[Citation, ...]:
    """Every citation in ``document``, in text order; a list ("Résolutions 1332 et 1334")
    gives one citation per instrument, all with the list's span.

    Only citations inside a section (or in a footnote attributed to one) count: text outside
    every section is the header, the title or page furniture ("A/RES/78/132" repeated on each
    page of a PDF), which states nothing the document cites. A document without sections (a
    snippet) is all body. A reference elsewhere to the document itself comes back with
    ``self_ref``.
    """
    ctx = _context(document)
    header = document.identity.header
    where = _Locator(document)
    out: list[Citation] = []
    for mention in recognise(_masked_text(document), ctx.language, itu_document=ctx.itu):
        if header and mention.span.start < header.end and header.start < mention.span.end:
            continue  # the document's own header: "RESOLUTION 140 (REV. DUBAI, 2018)"
        found = _citations(mention, document, ctx, where)
        out.extend(c for c in found if c.section_index is not None or not document.sections)
    return tuple(out)


def parse_citation(text: str, language: str | None = None) -> InstrumentRef | None:
    """Resolve one typed-in citation, e.g. "Resolution 140 (Rev. Bucharest, 2022)".

    Without a language every language is tried and the longest recognised mention wins.
    The issuer comes from the text alone (no citing document): a bare ITU number with no
    conference named resolves with issuer None.

    Returns:
        The identity of the first instrument named, or None when nothing is recognised.
    """
    best: tuple[int, Mention, str] | None = None
    for lang in (language,) if language else LANGUAGES:
        for mention in recognise(text, lang, itu_document=True):
            length = mention.span.end - mention.span.start
            if best is None or length > best[0]:
                best = (length, mention, lang)
    if best is None:
        return None
    ctx = CitingContext(issuer=None, language=best[2])
    return resolve(best[1].items[0], ctx)[0]
