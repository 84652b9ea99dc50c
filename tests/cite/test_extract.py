"""Document-level rules of reskg.cite.extract: footnote marks, sections, the session bound."""

from __future__ import annotations

import pytest

from reskg.cite import extract
from reskg.cite.resolve import CitingContext, latest_session
from reskg.model import Block, Clause, Document, Identity, Section, Source, Span


def _document(text: str, blocks: tuple[Block, ...] = (), body: Span | None = None) -> Document:
    source = Source("d", text, "akn", "utf-8", "0", blocks=blocks)
    identity = Identity("UNGA", "resolution", "78/1", 2023, None, "en", None)
    sections = ()
    if body is not None:
        sections = (
            Section("Recalling", "recalling", "preamble", None, body, (Clause("1", body),)),
        )
    return Document(source, identity, sections)


def test_footnote_mark_is_not_part_of_the_number() -> None:
    text = "Recalling its resolution 78/2205, and"
    mark = Block("mark", Span(31, 32), "5")
    [citation] = extract(_document(text, (mark,)))
    assert citation.target.number == "78/220"
    assert citation.surface == "its resolution 78/220"


def test_glued_number_without_mark_block_is_read_as_printed() -> None:
    [citation] = extract(_document("Recalling its resolution 78/2205, and"))
    assert citation.target.number == "78/2205"


def test_outside_every_section_is_dropped() -> None:
    text = "A/RES/70/1 page header\nRecalling resolution 70/125,"
    body = Span(23, len(text))
    citations = extract(_document(text, body=body))
    assert [c.target.number for c in citations] == ["70/125"]


def test_own_number_is_a_self_reference() -> None:
    text = "Recalling resolution 78/1,"
    [citation] = extract(_document(text, body=Span(0, len(text))))
    assert citation.target.self_ref


@pytest.mark.parametrize(
    ("year", "session"),
    [pytest.param(2023, 78, id="year-gives-session"), pytest.param(None, 81, id="fixed-bound")],
)
def test_latest_session_is_deterministic(year: int | None, session: int) -> None:
    assert latest_session(CitingContext("UNGA", "en", version_year=year)) == session
