"""The SPARQL 1.1 Service Description answered at ``GET /sparql`` without a query.

See https://www.w3.org/TR/sparql11-service-description/. Update is listed only when the
server has an admin token; the dataset is described by its union default graph, without
listing every document graph (there may be thousands).
"""

from __future__ import annotations

from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize

from reskg.store import formats

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_COMMENT = NamedNode("http://www.w3.org/2000/01/rdf-schema#comment")

_RESULT_FORMATS = (
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
)


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def describe(endpoint: str, *, updates: bool, media_type: str) -> bytes:
    """The description of the endpoint at ``endpoint``, serialised as ``media_type``."""
    service = BlankNode()
    dataset = BlankNode()
    default_graph = BlankNode()
    triples = [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), NamedNode(endpoint)),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, _sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, _sd("Graph")),
        Triple(
            service,
            RDFS_COMMENT,
            Literal(
                "reskg: UN and ITU resolution references, one named graph per document. "
                "Without FROM or protocol graphs the default graph is the union of all "
                "graphs. SERVICE, LOAD and graphs outside the store are refused."
            ),
        ),
    ]
    triples += [
        Triple(service, _sd("resultFormat"), NamedNode(FORMATS + name)) for name in _RESULT_FORMATS
    ]
    if updates:
        triples.append(Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Update")))
    body = serialize(triples, format=formats.rdf_format(media_type), prefixes={"sd": SD})
    assert body is not None
    return body
