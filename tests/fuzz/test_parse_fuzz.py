"""The parser and the extractor on arbitrary text and on real resolutions with noise.

Invariants: :func:`~reskg.parse.parse` returns a Document or raises a
:class:`~reskg.errors.ReskgError` (no structure, unknown language), never anything else;
every section, clause and footnote span lies inside the text; sections come in text order
and clauses in order inside their section; every citation's ``text[start:end]`` is its
surface and points at a real section and clause; the same text gives the same result.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reskg.cite import extract
from reskg.errors import ReskgError
from reskg.model import Citation, Document, Source, Span
from reskg.parse import parse
from tests.fuzz.budget import fuzz
from tests.fuzz.seeds import texts

# Noise that reaches the parser's decisions: line breaks, clause labels, opening phrases,
# citations, typographic spaces, bookmarks, page furniture, stray control characters.
FRAGMENTS = (
    "\n", "\n\n", "\r\n", "\t", "\f", "\u00a0", "\u2028", "\ufeff", " ", "1.", "a)", "(b)",
    "2bis\t", "*", "¹", "[bookmark: _Toc1]", "recalling", "rappelant", "considerando",
    "decides", "décide", "instructs the Secretary-General", "The General Assembly,",
    "Le Conseil de l'UIT,", "Resolution 140 (Rev. Bucharest, 2022)", "résolution 70/1",
    "A/RES/78/132", "ANNEX", "ANNEXE", "- 3 -", "RÉSOLUTION 1334 (MODIFIÉE EN 2023)", "é",
    "\u0301", "\x00", "\x1b", "😀", "(", ")", ";", ",",
)  # fmt: skip


def source(text: str, name: str = "fuzz.txt") -> Source:
    return Source(path=name, text=text, format="txt", encoding="utf-8", sha256="0" * 64)


def inside(span: Span, text: str) -> bool:
    return 0 <= span.start <= span.end <= len(text)


def outcome(text: str) -> tuple[Document, tuple[Citation, ...]] | tuple[type[ReskgError], str]:
    """Parse and cite ``text``, checking every invariant; a refusal is its type and message."""
    try:
        document = parse(source(text))
    except ReskgError as error:
        return type(error), str(error)
    starts = [s.span.start for s in document.sections]
    assert starts == sorted(starts)
    for section in document.sections:
        assert inside(section.span, text)
        clause_starts = [c.span.start for c in section.clauses]
        assert clause_starts == sorted(clause_starts)
        for clause in section.clauses:
            assert inside(clause.span, text)
            assert section.span.start <= clause.span.start <= clause.span.end <= section.span.end
    for note in document.footnotes:
        assert inside(note.span, text)
    if document.identity.header is not None:
        assert inside(document.identity.header, text)
    citations = extract(document)
    for citation in citations:
        assert inside(citation.span, text)
        assert text[citation.span.start : citation.span.end] == citation.surface
        if citation.section_index is not None:
            section = document.sections[citation.section_index]
            if citation.clause_index is not None:
                assert 0 <= citation.clause_index < len(section.clauses)
    return document, citations


def check(text: str) -> None:
    assert outcome(text) == outcome(text)


@st.composite
def noised(draw: st.DrawFn) -> str:
    """A real resolution with fragments inserted and ranges deleted at random places."""
    text = draw(st.sampled_from(texts()))
    for _ in range(draw(st.integers(1, 12))):
        where = draw(st.integers(0, len(text)))
        if draw(st.booleans()):
            piece = draw(st.sampled_from(FRAGMENTS) | st.text(max_size=8))
            text = text[:where] + piece + text[where:]
        else:
            text = text[:where] + text[where + draw(st.integers(1, 400)) :]
    return text


@fuzz(200, deadline_ms=5000)
@given(noised())
def test_real_texts_with_noise(text: str) -> None:
    check(text)


@fuzz(400)
@given(st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=12), max_size=40).map("".join))
def test_fragments_in_any_order(text: str) -> None:
    check(text)


@fuzz(300)
@given(st.text(max_size=600))
def test_arbitrary_text(text: str) -> None:
    check(text)


def test_the_real_texts_parse_and_cite() -> None:
    """The noise starts from texts that parse and cite (else it would test refusals only)."""
    for text in texts():
        found = outcome(text)
        assert isinstance(found[0], Document) and found[1], text[:60]
