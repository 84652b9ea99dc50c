"""Response models at the HTTP boundary, so that ``/docs`` shows every answer's shape.

The library returns plain dicts and dataclasses (``reskg.lineage.lineage_report``,
``reskg.extraction.to_json``); these models only describe and check them on the way out.
Field names follow the library's JSON exactly: a model never renames a key.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class InstrumentCard(BaseModel):
    """An instrument (work, version or named instrument) as lineage and search show it."""

    id: str = Field(description="The instrument's IRI.")
    issuer: str | None = Field(description="Issuer code: ITU-PP, ITU-Council, UNGA, ...")
    type: str | None = Field(description="resolution, decision, agenda, ...")
    number: str | None
    version_year: int | None
    version_place: str | None
    label: str = Field(
        description="A display label, e.g. 'ITU-PP Resolution 140 (Bucharest, 2022)'."
    )


class VersionOut(BaseModel):
    id: str
    version_year: int | None
    version_place: str | None
    date: str | None = Field(description="Adoption date (YYYY-MM-DD) where the graph knows it.")
    revises: str | None = Field(description="The version this one revises.")
    in_force_from: str | None = Field(description="Adoption date, or year where no date is known.")
    in_force_to: str | None = Field(
        description="When the next version was adopted; null if current."
    )


class EvidenceOut(BaseModel):
    source: str = Field(description="The source document's IRI.")
    clause: str | None = Field(description="The citing clause's IRI.")
    surface: str = Field(description="The cited text exactly as the document states it.")
    start: int = Field(description="Start offset of the surface in the decoded source text.")
    end: int = Field(description="End offset (exclusive).")


class CitesEdge(BaseModel):
    relation: str = Field(description="recalls, considers, instructs, ... (the clause's verb).")
    depth: int
    target: InstrumentCard
    evidence: list[EvidenceOut]


class CitedByEdge(BaseModel):
    relation: str
    depth: int
    source: InstrumentCard
    evidence: list[EvidenceOut]


class SparqlUsed(BaseModel):
    query: str = Field(description="The named query's SPARQL text.")
    parameters: dict[str, str] = Field(description="Its parameters, bound to these IRIs.")


class LineageReport(BaseModel):
    """``reskg.lineage.lineage_report``: what ``reskg lineage --json`` prints."""

    instrument: InstrumentCard
    work: str = Field(description="The work (numbered act) the instrument belongs to.")
    versions: list[VersionOut] = Field(description="The work's versions, oldest first.")
    cites: list[CitesEdge]
    cited_by: list[CitedByEdge]
    as_of: str | None = Field(None, description="Present when as_of was asked for.")
    in_force: str | None = Field(None, description="The version in force on as_of.")
    sparql: dict[str, SparqlUsed] = Field(description="Named queries that give the same facts.")


class InstrumentHit(InstrumentCard):
    kind: Literal["work", "version", "named"]
    work: str | None = Field(description="For a version: its work.")
    titles: list[str] = Field(description="Titles the graph states, in any language.")
    symbols: list[str] = Field(description="UN document symbols, e.g. A/RES/78/132.")
    match: Literal["exact", "name", "cited-as"] = Field(
        description="exact: the text names it; name: its names contain the words; "
        "cited-as: texts cite it with those words."
    )
    page: str = Field(description="The instrument's HTML page.")


class InstrumentPage(BaseModel):
    total: int = Field(description="Matches in all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="The next page's URL, or null on the last page.")
    items: list[InstrumentHit]


class ParameterOut(BaseModel):
    name: str
    kind: str = Field(description="IRI, string, integer or date.")
    description: str


class NamedQueryOut(BaseModel):
    name: str
    summary: str
    parameters: list[ParameterOut]
    example: str | None
    url: str = Field(description="Where to run it: GET this URL with ?parameter=value.")


class QueryAnswer(BaseModel):
    name: str
    summary: str
    sparql: str = Field(description="The query text that was run (values are bound, not spliced).")
    parameters: dict[str, str]
    columns: list[str]
    rows: list[dict[str, str | int | bool | float]]


class Open(BaseModel):
    """The extraction contract may grow a field; it passes through rather than vanish."""

    model_config = ConfigDict(extra="allow")


class ClauseOut(Open):
    label: str | None
    start: int
    end: int


class SectionOut(Open):
    heading: str | None
    function: str | None
    part: str | None
    addressee: str | None
    clauses: list[ClauseOut]


class DocumentOut(Open):
    issuer: str | None
    type: str | None
    number: str | None
    version_year: int | None
    language: str | None
    title: str | None
    id: str | None


class TargetOut(Open):
    id: str | None
    issuer: str | None
    type: str | None
    number: str | None
    version_year: int | None
    version_place: str | None
    title_en: str | None
    self: bool


class CitationOut(Open):
    section_function: str | None
    section_heading: str | None
    clause: str | None
    surface: str
    start: int
    end: int
    target: TargetOut


class Extraction(Open):
    """The extraction JSON of the gold contract (``reskg extract --json``)."""

    document: DocumentOut
    sections: list[SectionOut]
    citations: list[CitationOut]
