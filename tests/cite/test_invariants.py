"""Properties that hold for any text: spans index the text exactly, extraction is
deterministic, and noise around a citation does not change its identity."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reskg.cite import extract
from reskg.model import Document, Identity, Source

CITATIONS = [
    "Résolution 140 (Rév. Bucarest, 2022) de la Conférence de plénipotentiaires",
    "Resolution 73 (Minneapolis, 1998)",
    "resolution 70/125 of 16 December 2015",
    "A/RES/70/1",
]


def _doc(text: str, lang: str = "en") -> Document:
    source = Source(path="p", text=text, format="txt", encoding="utf-8", sha256="0")
    identity = Identity(
        issuer="ITU-PP",
        type="resolution",
        number=None,
        version_year=None,
        version_place=None,
        language=lang,
        title=None,
    )
    return Document(source, identity, ())


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_spans_index_the_text(text: str) -> None:
    for c in extract(_doc(text)):
        assert text[c.span.start : c.span.end] == c.surface


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(CITATIONS),
    st.text(alphabet=" \t\u00a0abc,;", max_size=20),
    st.text(alphabet=" \t\u00a0abc,;", max_size=20),
)
def test_noise_around_does_not_change_identity(cite: str, before: str, after: str) -> None:
    alone = [c.target for c in extract(_doc(cite, "fr" if "Résolution" in cite else "en"))]
    lang = "fr" if "Résolution" in cite else "en"
    noisy = [c.target for c in extract(_doc(f"{before} {cite} {after}", lang))]
    assert noisy == alone and extract(_doc(cite, lang)) == extract(_doc(cite, lang))
