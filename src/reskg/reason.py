"""OWL 2 RL materialisation of a document graph, kept apart from what was asserted.

The ontology promises more than the graph builder states: a ``rkg:recalls`` edge is also a
``rkg:cites``, a ``cito:cites`` and an ``eli:cites`` edge, a clause's citation is also its
version's, ``revises`` chains can be walked both ways and transitively, ``adoptedAt`` then
``sessionOf`` gives ``adoptedBy``. :func:`infer` computes those triples with owlrl over the
data plus the core ontology and its alignment module, and returns *only the new triples
about the data's own nodes*, so that they can be stored in a separate named graph
(validation keeps running on the asserted graph, and the inferred graph can be dropped and
rebuilt at any time). :func:`materialise` does that for a named graph of a dataset.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import owlrl
from rdflib import OWL, RDF, BNode, Dataset, Graph, URIRef
from rdflib.term import Node

from reskg.resources import ontology_dir

# Triples OWL 2 RL derives for every resource; they say nothing about the data.
_TRIVIAL_TYPES = frozenset({OWL.Thing, OWL.NamedIndividual})


@cache
def ontology_graph() -> Graph:
    """Core ontology + alignment module, parsed once per process (treat as read-only)."""
    graph = Graph()
    for name in ("reskg.ttl", "reskg-align.ttl"):
        graph.parse(ontology_dir() / name, format="turtle")
    return graph


def _data_nodes(graphs: Iterable[Graph]) -> set[Node]:
    """IRIs the data describes or links to, the only subjects kept in the result.

    Objects of ``rdf:type`` are left out: they are classes, and what OWL 2 RL concludes
    about classes is the ontology's business, not the document's.
    """
    nodes: set[Node] = set()
    for graph in graphs:
        for s, p, o in graph:
            if isinstance(s, URIRef):
                nodes.add(s)
            if isinstance(o, URIRef) and p != RDF.type:
                nodes.add(o)
    return nodes


def _is_news(triple: tuple[Node, Node, Node], nodes: set[Node]) -> bool:
    s, p, o = triple
    if s not in nodes or isinstance(o, BNode):  # anonymous class expressions
        return False
    if p == OWL.sameAs and s == o:
        return False
    return not (p == RDF.type and o in _TRIVIAL_TYPES)


def infer(data: Graph, *, context: Iterable[Graph] = ()) -> Graph:
    """Return the OWL 2 RL consequences of ``data`` that are not already asserted.

    ``context`` adds graphs (authority data: bodies, sessions) that take part in the
    reasoning but, like the ontology, are not repeated in the result. Only triples whose
    subject is a node of ``data`` or ``context`` are returned; schema-level and reflexive
    ``owl:sameAs`` conclusions are dropped. ``data`` is not modified.
    """
    extra = list(context)
    working = Graph()
    for graph in (ontology_graph(), data, *extra):
        for triple in graph:
            working.add(triple)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(working)
    nodes = _data_nodes([data, *extra])
    asserted = [ontology_graph(), data, *extra]
    news = Graph()
    for triple in working:
        if _is_news(triple, nodes) and not any(triple in graph for graph in asserted):
            news.add(triple)
    return news


def materialise(dataset: Dataset, asserted: URIRef, inferred: URIRef) -> int:
    """Replace named graph ``inferred`` with the OWL 2 RL consequences of ``asserted``.

    Returns the number of inferred triples stored. The asserted graph is left as it is.
    """
    source = Graph()
    for triple in dataset.graph(asserted):
        source.add(triple)
    news = infer(source)
    target = dataset.graph(inferred)
    target.remove((None, None, None))
    for triple in news:
        target.add(triple)
    return len(news)
