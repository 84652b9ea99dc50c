"""The values that flow through the pipeline, as frozen dataclasses.

read -> :class:`Source`; parse -> :class:`Document`; cite -> :class:`Citation` (with
:class:`InstrumentRef` targets). Every span (``start``, ``end``) is a pair of Python ``str``
offsets into :attr:`Source.text`, the decoded source text, so ``text[start:end]`` is what
the document printed there. Nothing in these classes is ever mutated after construction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Format = Literal["txt", "docx", "pdf", "html", "akn"]
Part = Literal["preamble", "operative", "annex"]


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of :attr:`Source.text`."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        """The characters this span covers in ``text``."""
        return text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class AknMeta:
    """Identity facts read from an Akoma Ntoso (AKN4UN) file's FRBR metadata."""

    work_uri: str  # FRBRWork/FRBRuri, e.g. /akn/un/statement/deliberation/unga/2023-12-07/78-108/
    expression_uri: str | None
    date: date | None  # FRBRWork/FRBRdate name="adoption"
    author: str | None  # FRBRauthor href, e.g. "ga"
    language: str | None  # ISO 639-2, e.g. "fra"
    number: str | None  # the docNumber / FRBRnumber, e.g. "78/108"
    symbol: str | None  # e.g. "A/RES/78/108"


BlockRole = Literal[
    "title", "formula", "preamble", "operative", "heading", "annex", "footnote", "mark"
]


@dataclass(frozen=True, slots=True)
class Block:
    """A region of :attr:`Source.text` whose role the format's markup states (AKN).

    Readers of structured formats record what the markup says, so the parser uses the
    document's own structure instead of guessing it from phrases. ``label`` is an operative
    paragraph's printed number or a footnote's marker; ``heading`` is where the markup puts
    the opening phrase (AKN's italic span). A ``mark`` block is a footnote marker in the body.
    """

    role: BlockRole
    span: Span
    label: str | None = None
    heading: Span | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """A document as read: its decoded text and where it came from.

    ``text`` is the text every span indexes. For plain text it is the file decoded (a BOM is
    dropped); for DOCX, PDF, HTML and AKN it is the text the reader extracted, one paragraph
    per line. ``sha256`` is of the file's bytes, so re-reading an unchanged file gives the
    same hash.
    """

    path: str
    text: str
    format: Format
    encoding: str | None
    sha256: str
    akn: AknMeta | None = None
    # Offsets of text regions the reader marked as footnotes (AKN authorialNote, DOCX
    # footnotes), if the format says so; plain-text footnotes are found by the parser.
    footnote_spans: tuple[Span, ...] = ()
    # Paragraph roles stated by the markup (AKN); empty for formats that state none.
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class Identity:
    """Who adopted the document and what it is, as the document itself states."""

    issuer: str | None  # gold issuer code: "ITU-Council", "ITU-PP", "UNGA", ...
    type: str  # "resolution", "decision", "recommendation", ...
    number: str | None  # "1334", "140", "78/132"
    version_year: int | None  # "(MODIFIÉE EN 2023)" -> 2023; UNGA: year of adoption
    version_place: str | None  # "(REV. DUBAI, 2018)" -> "Dubai" (canonical English spelling)
    language: str  # ISO 639-1: "fr", "en", "es"
    title: str | None
    session: str | None = None  # "sixième séance plénière", "Seventy-eighth session", ...
    date: date | None = None  # date of adoption where stated
    symbol: str | None = None  # "A/RES/78/132"
    header: Span | None = None  # where the header line was found


@dataclass(frozen=True, slots=True)
class Clause:
    """A lettered or numbered clause (ITU) or one paragraph (UNGA) of a section."""

    label: str | None  # "a", "1", "2bis"; UNGA: preamble ordinal or operative number
    span: Span  # the clause's text, label included


@dataclass(frozen=True, slots=True)
class Section:
    """A run of clauses under one opening phrase ("rappelant", "instructs the Director ...")."""

    # as printed (whitespace normalised), e.g. "décide de charger le Secrétaire général"
    heading: str
    function: str  # English gold vocabulary: "recalling", "instructs", "annex", ...
    part: Part
    addressee: str | None  # English, e.g. "ITU Secretary-General", "Member States"
    span: Span  # heading through the end of the last clause
    clauses: tuple[Clause, ...] = ()


@dataclass(frozen=True, slots=True)
class Footnote:
    """A footnote's text, and the clause its mark sits in where that is known."""

    label: str  # "1", "*"
    span: Span
    section_index: int | None = None
    clause_index: int | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: identity, sections in order, footnotes."""

    source: Source
    identity: Identity
    sections: tuple[Section, ...]
    footnotes: tuple[Footnote, ...] = ()

    @property
    def text(self) -> str:
        return self.source.text


@dataclass(frozen=True, slots=True)
class InstrumentRef:
    """A cited instrument, as the citing text states it (after normalisation).

    Equality covers every field, so two citations of "Resolution 140 (Rev. Bucharest, 2022)"
    in French and English give equal refs. ``version_year``/``version_place`` are only what
    the text states; a version the system infers is carried by ``inferred_version_year``.
    """

    issuer: str | None
    type: str
    number: str | None = None
    version_year: int | None = None
    version_place: str | None = None
    title_en: str | None = None  # for named instruments, from the authority data
    self_ref: bool = False  # "la présente Résolution", "this resolution"
    article: str | None = None  # "Article 12", "No. 196" of a named instrument
    inferred_version_year: int | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """One reference to one instrument, with where it stands in the document."""

    span: Span  # exact: text[span.start:span.end] == surface
    surface: str
    target: InstrumentRef
    section_index: int | None  # index into Document.sections; None outside any section
    clause_index: int | None  # index into that section's clauses
    in_footnote: bool = False
    title_given: str | None = None  # the title the citing text gives ("intitulée "...")
    notes: tuple[str, ...] = field(default=())  # how it was resolved, for evidence
