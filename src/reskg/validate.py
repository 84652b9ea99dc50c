"""SHACL validation of one document graph against ``ontology/shapes.ttl``.

Validation runs on the *asserted* graph (never on the OWL 2 RL closure, which would hide
missing links behind inferred ones) with the core ontology and the section-function scheme
mixed in, because the shapes need ``rdfs:subClassOf`` (a ``rkg:Resolution`` is a
``rkg:Instrument``) and the function concepts. Non-conformance is a result, not an error:
:func:`validate_graph` returns a :class:`ValidationReport` listing every violation and
warning. Only input that cannot be read at all raises :class:`UnreadableGraphError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from reskg.errors import InputError
from reskg.resources import ontology_dir


class UnreadableGraphError(InputError):
    """The data graph (or a context graph) could not be read or parsed as RDF."""

    rule = "validate.unreadable"


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result, with IRIs as strings (``None`` where SHACL gives none)."""

    focus: str
    path: str | None
    component: str
    severity: str
    message: str
    value: str | None
    shape: str | None

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message} [{self.component.rsplit('#', 1)[-1]}]"


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of validating one graph: ``conforms`` is False iff there is a violation.

    Warnings (severity ``sh:Warning``, e.g. a section whose phrase has no known function)
    are listed but do not make the graph non-conforming.
    """

    conforms: bool
    violations: tuple[Violation, ...]
    warnings: tuple[Violation, ...]

    @property
    def messages(self) -> tuple[str, ...]:
        """One line per violation, for logs and failure notes."""
        return tuple(str(v) for v in self.violations)


@cache
def shapes_graph() -> Graph:
    """The shapes, parsed once per process (treat as read-only)."""
    return Graph().parse(ontology_dir() / "shapes.ttl", format="turtle")


@cache
def _ontology_graph() -> Graph:
    """Core ontology + section functions: the part of the context every validation needs."""
    graph = Graph()
    for name in ("reskg.ttl", "functions.ttl"):
        graph.parse(ontology_dir() / name, format="turtle")
    return graph


def _load(source: Graph | Path | str) -> Graph:
    """Return ``source`` as a graph; a path is parsed with the format its suffix implies."""
    if isinstance(source, Graph):
        return source
    path = Path(source)
    try:
        return Graph().parse(path)
    except FileNotFoundError as error:
        raise UnreadableGraphError("no such file", path=str(path)) from error
    except Exception as error:  # rdflib raises many unrelated types for bad syntax
        raise UnreadableGraphError(
            f"cannot parse as RDF: {type(error).__name__}: {error}", path=str(path)
        ) from error


def _text(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _results(report: Graph) -> list[Violation]:
    results = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        results.append(
            Violation(
                focus=str(report.value(result, SH.focusNode)),
                path=_text(report.value(result, SH.resultPath)),
                component=str(report.value(result, SH.sourceConstraintComponent)),
                severity=str(report.value(result, SH.resultSeverity)),
                message=str(report.value(result, SH.resultMessage) or ""),
                value=_text(report.value(result, SH.value)),
                shape=_text(report.value(result, SH.sourceShape)),
            )
        )
    return sorted(results, key=lambda v: (v.focus, v.path or "", v.component, v.value or ""))


def validate_graph(
    data: Graph | Path | str, *, context: Iterable[Graph | Path | str] = ()
) -> ValidationReport:
    """Validate one asserted graph (or RDF file) against the reskg shapes.

    ``context`` adds graphs that describe nodes the data only points at (authority data:
    bodies, sessions, offices). The ontology, the function scheme and the context are
    merged with a copy of the data (pyshacl's own ``ont_graph`` mixing copies only OWL and
    RDFS axioms, not the SKOS concepts the shapes need), so ``data`` is never modified.
    """
    merged = Graph()
    for graph in (_load(data), _ontology_graph(), *(_load(item) for item in context)):
        for triple in graph:
            merged.add(triple)
    conforms, report, _ = shacl_validate(
        merged,
        shacl_graph=shapes_graph(),
        inference="none",
        allow_warnings=True,
        advanced=False,
        inplace=True,  # merged is our own copy: spare pyshacl a second one
    )
    if not isinstance(report, Graph):  # pyshacl returns a Graph unless asked for text
        raise TypeError("pyshacl returned no results graph")
    results = _results(report)
    violations = tuple(v for v in results if URIRef(v.severity) == SH.Violation)
    warnings = tuple(v for v in results if URIRef(v.severity) != SH.Violation)
    return ValidationReport(conforms=bool(conforms), violations=violations, warnings=warnings)
