"""Parse a :class:`~reskg.model.Source` into a :class:`~reskg.model.Document`.

Three readers of structure share the phrase tables of ``reskg/lang/<code>/``:

* AKN files: the markup's paragraph roles (:mod:`reskg.parse.akn`);
* UN General Assembly texts: one section per paragraph (:mod:`reskg.parse.unga`);
* ITU texts: headings on their own lines, clauses under them (:mod:`reskg.parse.structure`).

The house style is recognised from the text: a "78/132." number line or a General
Assembly enacting formula means UNGA; otherwise ITU.
"""

from __future__ import annotations

from reskg.errors import StructureError
from reskg.model import Document, Source
from reskg.parse.akn import akn_sections
from reskg.parse.identity import UNGA_NUMBER, akn_identity, itu_identity, unga_identity
from reskg.parse.language import detect_language
from reskg.parse.lines import Line, split_lines
from reskg.parse.phrases import Phrases, languages, phrases
from reskg.parse.structure import itu_sections
from reskg.parse.unga import unga_sections

__all__ = ["detect_language", "languages", "parse"]

# How far into the text the enacting formula may stand (cover pages can be long).
HEAD_LINES = 80


def parse(source: Source, *, language: str | None = None) -> Document:
    """Identity, sections, clauses and footnotes of ``source``.

    Args:
        source: what :func:`reskg.read.read` returned.
        language: ``"fr"``, ``"en"``, ``"es"``...; detected from the text when ``None``.

    Raises:
        LanguageError: the language is unknown or cannot be detected.
        StructureError: no section of a resolution could be recognised.
    """
    code = language or _akn_language(source) or detect_language(source.text, path=source.path)
    lang = phrases(code)
    if source.format == "akn" and source.akn is not None:
        sections, notes = akn_sections(source, lang)
        title = next((b.span.of(source.text) for b in source.blocks if b.role == "title"), None)
        identity = akn_identity(source.akn, title, code)
    else:
        text = source.text
        lines = split_lines(text)
        formula, issuer = _formula(text, lines, lang)
        if issuer == "UNGA" or _unga_number(text, lines):
            start = formula + 1 if formula >= 0 else 0
            identity = unga_identity(text, lines, lang, start)
            sections, notes = unga_sections(text, lines, lang, start, identity.title)
        else:
            start = formula + 1 if formula >= 0 else _first_heading(text, lines, lang)
            identity = itu_identity(text, lines, lang, start)
            sections, notes = itu_sections(text, lines, lang, start)
    if not sections:
        raise StructureError(
            f"no section of a resolution found ({code}): no enacting formula or opening phrase",
            path=source.path,
        )
    return Document(source, identity, tuple(sections), tuple(notes))


def _akn_language(source: Source) -> str | None:
    if source.akn is None or source.akn.language is None:
        return None
    code = {"eng": "en", "fra": "fr", "fre": "fr", "spa": "es"}.get(source.akn.language)
    return code if code in languages() else None


def _formula(text: str, lines: list[Line], lang: Phrases) -> tuple[int, str | None]:
    """Index and issuer of the enacting formula line ("The General Assembly,")."""
    for i, ln in enumerate(lines[:HEAD_LINES]):
        raw = ln.text(text)
        m = lang.enacting_re.match(raw)
        whole = m is not None and m.end() == len(raw)  # "The General Assembly" alone on its line
        if m and (raw.rstrip().endswith(",") or whole) and len(raw) < 200:
            return i, lang.enacting[" ".join(m.group("who").casefold().split()).replace("’", "'")]
    return -1, None


def _unga_number(text: str, lines: list[Line]) -> bool:
    return any(UNGA_NUMBER.match(ln.text(text)) for ln in lines[:HEAD_LINES])


def _first_heading(text: str, lines: list[Line], lang: Phrases) -> int:
    """Without an enacting formula, the body starts at the first line opening a section."""
    for i, ln in enumerate(lines):
        if not ln.empty and text[ln.start].islower() and lang.opener_at(text, ln.start, ln.end):
            return i
    return 0
