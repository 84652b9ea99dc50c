"""The reader on arbitrary and on damaged bytes: a Source or a typed InputError, always.

Invariants: nothing but :class:`~reskg.errors.InputError` escapes :func:`read_bytes`; the
error names the file; a Source's blocks and footnote spans lie inside its text; reading
the same bytes twice gives the same Source (or the same error).
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reskg.errors import InputError
from reskg.model import Source
from reskg.read import read_bytes
from tests.fuzz.budget import fuzz
from tests.fuzz.seeds import files

NAMES = ("a.txt", "a.docx", "a.pdf", "a.html", "a.xml", "a.akn", "a", "a.md", "a.odt", "x/../a.txt")
MAGIC = (
    b"",
    b"%PDF-1.4\n",
    b"PK\x03\x04",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<html>",
    b"<akomaNtoso>",
)


def outcome(data: bytes, name: str) -> Source | tuple[type[InputError], str]:
    """What reading gives: the Source, or the error's type and message (checked here)."""
    try:
        source = read_bytes(data, name)
    except InputError as error:
        assert name in str(error), error
        return type(error), str(error)
    text = source.text
    assert text.strip()
    for span in (*(b.span for b in source.blocks), *source.footnote_spans):
        assert 0 <= span.start <= span.end <= len(text)
    return source


def check(data: bytes, name: str) -> None:
    assert outcome(data, name) == outcome(data, name)


@fuzz(400)
@given(st.sampled_from(MAGIC), st.binary(max_size=2048), st.sampled_from(NAMES))
def test_arbitrary_bytes(magic: bytes, data: bytes, name: str) -> None:
    check(magic + data, name)


@st.composite
def damaged(draw: st.DrawFn) -> tuple[bytes, str]:
    """A valid seed file with a few bytes flipped, inserted or removed, or cut short."""
    name = draw(st.sampled_from(sorted(files())))
    data = bytearray(files()[name])
    for _ in range(draw(st.integers(1, 4))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(("flip", "insert", "delete", "cut")))
        if action == "flip" and where < len(data):
            data[where] = draw(st.integers(0, 255))
        elif action == "insert":
            data[where:where] = draw(st.binary(min_size=1, max_size=16))
        elif action == "delete":
            del data[where : where + draw(st.integers(1, 64))]
        elif action == "cut":
            del data[where:]
    return bytes(data), name


@fuzz(400)
@given(damaged())
def test_damaged_files(case: tuple[bytes, str]) -> None:
    check(*case)


def test_the_seeds_read() -> None:
    """The fuzzing starts from files that do read (else it would only test refusals)."""
    for name, data in files().items():
        assert isinstance(outcome(data, name), Source), name
