"""Document + citations -> RDF under the reskg ontology: the one module that knows its terms.

One call builds the named graph of one source document: the document's own instrument
(work, version, language version, the file that carries it), its sections and clauses,
one citation record per citation and a typed edge (``rkg:recalls``, ``rkg:instructs`` ...)
from the citing clause to the cited work or version. Cited instruments get just enough
description (type, number, issuer, version year) to be found and merged with the same
instrument cited elsewhere; IRIs come from :mod:`reskg.iri`, so they coincide.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from reskg import __version__
from reskg.authority import Authority, load_authority
from reskg.iri import Minter, document_slug, undocs_symbol_iri
from reskg.model import Citation, Document, InstrumentRef
from reskg.resources import ontology_dir
from reskg.vocab import RKG

FUNCTION = Namespace("https://w3id.org/reskg/id/function/")

# Instrument type code (gold vocabulary) -> class. Types the ontology does not name stay
# plain rkg:Instrument.
TYPE_CLASS: dict[str, URIRef] = {
    "resolution": RKG.Resolution,
    "decision": RKG.Decision,
    "recommendation": RKG.Recommendation,
    "declaration": RKG.Declaration,
    "plan-of-action": RKG.PlanOfAction,
    "agenda": RKG.Agenda,
    "commitment": RKG.Commitment,
    "constitution": RKG.Constitution,
    "convention": RKG.Convention,
    "regulations": RKG.Regulations,
    "charter": RKG.Charter,
    "report": RKG.Report,
    "outcome-document": RKG.OutcomeDocument,
}

PART_CLASS: dict[str, URIRef] = {
    "preamble": RKG.PreambularSection,
    "operative": RKG.OperativeSection,
    "annex": RKG.AnnexSection,
}

MEDIA_TYPES: dict[str, str] = {
    "txt": "text/plain",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html",
    "akn": "application/akn+xml",
}

# Issuers whose numbered acts keep their number across revisions (lineages).
REVISED_BY_NUMBER = frozenset(
    {"ITU-PP", "ITU-Council", "ITU-WTSA", "ITU-WTDC", "ITU-WRC", "ITU-RA", "ITU-T", "ITU-WTPF"}
)


@dataclass(frozen=True, slots=True)
class FunctionTerm:
    concept: URIRef
    edge: URIRef


@cache
def function_terms() -> dict[str, FunctionTerm]:
    """Section function (English, lower case) -> its SKOS concept and typed citation edge,
    read from ``ontology/functions.ttl`` so that the scheme stays the one source.

    A function is found by the concept's notation first, then by its English labels
    (preferred, alternative and hidden: "stressing" may be a label of a broader concept);
    a function the scheme does not know gets no concept and the generic ``rkg:cites``.
    """
    scheme = Graph().parse(ontology_dir() / "functions.ttl", format="turtle")
    terms: dict[str, FunctionTerm] = {}
    by_label: dict[str, FunctionTerm] = {}
    for concept, notation in scheme.subject_objects(SKOS.notation):
        edge = scheme.value(concept, RKG.citationProperty)
        if not (isinstance(concept, URIRef) and isinstance(edge, URIRef)):
            continue
        term = FunctionTerm(concept, edge)
        terms[str(notation).lower()] = term
        for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in scheme.objects(concept, predicate):
                if isinstance(label, Literal) and label.language == "en":
                    by_label.setdefault(str(label).lower(), term)
    return {**by_label, **terms}


def function_term(function: str) -> FunctionTerm | None:
    """The scheme's term for ``function``, or for its longest leading words the scheme
    knows: a UN italic opening phrase carries its object ("recalls request", "reiterates
    strong condemnation"), and the edge is still the verb's (``recalls``)."""
    terms = function_terms()
    words = function.split()
    for size in range(len(words), 0, -1):
        term = terms.get(" ".join(words[:size]))
        if term is not None:
            return term
    return None


def _bare_label(label: str | None) -> str | None:
    """A clause label as the ontology keeps it, without punctuation: "(a)" -> "a"."""
    if label is None:
        return None
    return re.sub(r"[^0-9A-Za-z]", "", label) or None


Triple = tuple[URIRef, URIRef, URIRef | Literal]


def build_triples(
    document: Document,
    citations: Iterable[Citation],
    *,
    minter: Minter,
    ingested: datetime,
) -> set[Triple]:
    """The named-graph content of one source document, as a set of rdflib-term triples
    (what ingest validates and writes; no rdflib store is built)."""
    builder = _Builder(document, minter)
    builder.identity(ingested)
    builder.structure()
    for index, citation in enumerate(citations):
        builder.citation(index, citation)
    return builder.triples


def build_graph(
    document: Document,
    citations: Iterable[Citation],
    *,
    minter: Minter,
    ingested: datetime,
) -> Graph:
    """The named-graph content of one source document (a plain rdflib Graph)."""
    graph = Graph()
    for triple in build_triples(document, citations, minter=minter, ingested=ingested):
        graph.add(triple)
    return graph


# N-Triples escapes (RDF 1.1 N-Triples, ECHAR and UCHAR).
_LITERAL_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_XSD_STRING = XSD.string


def _iri(node: URIRef) -> str:
    return "<" + _IRI_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04X}", str(node)) + ">"


def _term(node: URIRef | Literal) -> str:
    if isinstance(node, URIRef):
        return _iri(node)
    text = '"' + str(node).translate(_LITERAL_ESCAPES) + '"'
    if node.language:
        return f"{text}@{node.language}"
    if node.datatype is not None and node.datatype != _XSD_STRING:
        return f"{text}^^{_iri(node.datatype)}"
    return text


def to_ntriples(triples: Iterable[Triple]) -> bytes:
    """Serialise triples as N-Triples, sorted (so the same graph gives the same bytes).
    Each IRI is written once per call: a document's few hundred triples repeat a few
    dozen subjects and predicates."""
    written: dict[URIRef, str] = {}

    def iri(node: URIRef) -> str:
        text = written.get(node)
        if text is None:
            text = written[node] = _iri(node)
        return text

    def term(node: URIRef | Literal) -> str:
        return iri(node) if isinstance(node, URIRef) else _term(node)

    lines = sorted(f"{iri(s)} {iri(p)} {term(o)} .\n" for s, p, o in triples)
    return "".join(lines).encode("utf-8")


class _Builder:
    def __init__(self, document: Document, minter: Minter) -> None:
        self.document = document
        self.minter = minter
        self.triples: set[Triple] = set()
        self.slug = document_slug(document.source.path.replace("\\", "/").rsplit("/", 1)[-1])
        self.lang = document.identity.language
        identity = document.identity
        self.ref = InstrumentRef(
            issuer=identity.issuer,
            type=identity.type,
            number=identity.number,
            version_year=identity.version_year,
            version_place=identity.version_place,
        )
        self.work = URIRef(minter.work(self.ref))
        self.version = URIRef(minter.version(self.ref) or f"{self.work}/!main")
        self.expression = URIRef(minter.expression(str(self.version), self.lang))
        self.source = URIRef(minter.document(self.slug))

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.triples.add((s, p, o))

    # -- the document's own instrument ------------------------------------------------

    def identity(self, ingested: datetime) -> None:
        identity, source = self.document.identity, self.document.source
        self.instrument(self.ref, self.work)
        self.version_node(self.ref, self.work, self.version)
        if identity.date is not None:
            self.add(self.version, RKG.adoptedOn, Literal(identity.date, datatype=XSD.date))
        if identity.title:
            self.add(self.version, RKG.title, Literal(identity.title, lang=self.lang))
        self.add(self.expression, RDF.type, RKG.LanguageVersion)
        self.add(self.expression, RKG.isLanguageVersionOf, self.version)
        self.add(self.version, RKG.hasLanguageVersion, self.expression)
        self.add(self.expression, RKG.language, Literal(self.lang, datatype=XSD.language))
        if identity.title:
            self.add(self.expression, RKG.title, Literal(identity.title, lang=self.lang))
        self.add(self.source, RDF.type, RKG.SourceDocument)
        self.add(self.source, RKG.embodies, self.expression)
        self.add(self.expression, RKG.isEmbodiedIn, self.source)
        self.add(self.source, RKG.sha256, Literal(source.sha256))
        self.add(self.source, RKG.mediaType, Literal(MEDIA_TYPES[source.format]))
        self.add(self.source, DCTERMS.identifier, Literal(self.slug))
        self.add(self.source, RKG.extractorVersion, Literal(__version__))
        self.add(self.source, PROV.generatedAtTime, Literal(ingested, datatype=XSD.dateTime))
        if identity.symbol:
            self.add(self.work, SKOS.exactMatch, URIRef(undocs_symbol_iri(identity.symbol)))
        if source.akn is not None:
            self.add(self.expression, RKG.aknUri, Literal(source.akn.expression_uri or ""))
            self.add(self.version, RKG.aknUri, Literal(source.akn.work_uri))

    def instrument(self, ref: InstrumentRef, work: URIRef) -> None:
        self.add(work, RDF.type, TYPE_CLASS.get(ref.type, RKG.Instrument))
        numbered = not self.minter.is_named(ref)
        if numbered and ref.issuer in REVISED_BY_NUMBER:
            self.add(work, RDF.type, RKG.Lineage)
        if numbered and ref.number is not None:
            self.add(work, RKG.number, Literal(ref.number))
        body = URIRef(self.minter.body(ref.issuer or "unknown"))
        self.add(work, RKG.issuedBy, body)
        self.add(body, RDF.type, RKG.Body)
        if ref.issuer is not None:
            self.add(body, RKG.code, Literal(ref.issuer))
        if ref.title_en:
            self.add(work, RKG.title, Literal(ref.title_en, lang="en"))

    def version_node(self, ref: InstrumentRef, work: URIRef, version: URIRef) -> None:
        self.add(version, RDF.type, RKG.InstrumentVersion)
        self.add(version, RKG.isVersionOf, work)
        self.add(work, RKG.hasVersion, version)
        if ref.version_year is not None:
            self.add(version, RKG.versionYear, Literal(ref.version_year))
        if ref.version_place:
            self.add(version, RKG.versionPlace, Literal(ref.version_place))

    # -- sections and clauses ---------------------------------------------------------

    def structure(self) -> None:
        text = self.document.text
        for i, section in enumerate(self.document.sections):
            node = URIRef(self.minter.section(self.slug, i))
            self.add(node, RDF.type, PART_CLASS[section.part])
            self.add(self.version, RKG.hasSection, node)
            self.add(node, RKG.isSectionOf, self.version)
            self.add(node, RKG.position, Literal(i + 1))
            self.add(node, RKG.heading, Literal(section.heading, lang=self.lang))
            self.add(node, RKG.inSourceDocument, self.source)
            term = function_term(section.function)
            if term is not None:
                self.add(node, RKG.hasFunction, term.concept)
            if section.addressee:
                self.add(node, RKG.addresseeText, Literal(section.addressee, lang="en"))
            for j, clause in enumerate(section.clauses):
                cl = URIRef(self.minter.clause(self.slug, i, j))
                self.add(cl, RDF.type, RKG.Clause)
                self.add(node, RKG.hasClause, cl)
                self.add(cl, RKG.isClauseOf, node)
                self.add(cl, RKG.position, Literal(j + 1))
                label = _bare_label(clause.label)
                if label:
                    self.add(cl, RKG.clauseLabel, Literal(label))
                span = clause.span
                self.add(cl, RKG.spanStart, Literal(span.start))
                self.add(cl, RKG.spanEnd, Literal(span.end))
                self.add(cl, RKG.text, Literal(span.of(text), lang=self.lang))

    # -- citations --------------------------------------------------------------------

    def target(self, ref: InstrumentRef) -> URIRef:
        """The cited node: the version the text names, else the work; the document's own
        version for a self reference."""
        if ref.self_ref:
            return self.version
        work = URIRef(self.minter.work(ref))
        self.instrument(ref, work)
        version = self.minter.version(ref)
        if version is None:
            return work
        node = URIRef(version)
        self.version_node(ref, work, node)
        return node

    def citation(self, index: int, citation: Citation) -> None:
        ref = citation.target
        node = URIRef(self.minter.citation(self.slug, index))
        cited = self.target(ref)
        self.add(node, RDF.type, RKG.Citation)
        self.add(node, RKG.hasCitedEntity, cited)
        self.add(node, RKG.inSourceDocument, self.source)
        self.add(node, RKG.surface, Literal(citation.surface, lang=self.lang))
        self.add(node, RKG.spanStart, Literal(citation.span.start))
        self.add(node, RKG.spanEnd, Literal(citation.span.end))
        self.add(node, RKG.isSelfReference, Literal(ref.self_ref))
        self.add(node, RKG.extractorVersion, Literal(__version__))
        if ref.version_year is not None:
            self.add(node, RKG.statedYear, Literal(ref.version_year))
        if ref.version_place:
            self.add(node, RKG.statedPlace, Literal(ref.version_place))
        if citation.in_footnote:
            self.add(node, RKG.inFootnote, Literal(True))
        if citation.title_given:
            self.add(node, RKG.titleGiven, Literal(citation.title_given, lang=self.lang))
        if citation.section_index is None or citation.clause_index is None:
            return
        clause = URIRef(
            self.minter.clause(self.slug, citation.section_index, citation.clause_index)
        )
        self.add(node, RKG.hasCitingClause, clause)
        if ref.self_ref:
            return  # a text naming itself is no citation edge
        section = self.document.sections[citation.section_index]
        term = function_term(section.function)
        self.add(clause, term.edge if term is not None else RKG.cites, cited)


def authority_graph(minter: Minter, authority: Authority | None = None) -> Graph:
    """The authority data as RDF (its own named graph): bodies with their names in each
    language, conferences as sessions, named instruments with their aliases."""
    authority = authority or load_authority()
    graph = Graph()
    for body in authority.bodies:
        node = URIRef(minter.body(body.code))
        graph.add((node, RDF.type, RKG.Body))
        graph.add((node, RKG.code, Literal(body.code)))
        for language, name in body.names:
            graph.add((node, RDFS.label, Literal(name, lang=language)))
        if body.parent:
            graph.add((node, RKG.isOrganOf, URIRef(minter.body(body.parent))))
    for conference in authority.conferences:
        node = URIRef(minter.conference(conference.body, conference.year))
        graph.add((node, RDF.type, RKG.Session))
        graph.add((node, RKG.sessionOf, URIRef(minter.body(conference.body))))
        graph.add((node, RKG.placeName, Literal(conference.place)))
        graph.add(
            (
                node,
                RDFS.label,
                Literal(f"{conference.short} ({conference.place}, {conference.year})", lang="en"),
            )
        )
    for named in authority.instruments:
        ref = InstrumentRef(
            issuer=named.issuer,
            type=named.type,
            number=named.adopted_by,
            title_en=named.title_en,
        )
        node = URIRef(minter.work(ref))
        graph.add((node, RDF.type, TYPE_CLASS.get(named.type, RKG.Instrument)))
        graph.add((node, RKG.issuedBy, URIRef(minter.body(named.issuer))))
        graph.add((node, RKG.title, Literal(named.title_en, lang="en")))
        for language, aliases in named.aliases:
            for alias in aliases:
                graph.add((node, SKOS.altLabel, Literal(alias, lang=language)))
    return graph
