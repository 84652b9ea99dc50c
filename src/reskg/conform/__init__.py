"""Compiled SHACL validation: the report :func:`reskg.validate.validate_graph` gives (pyshacl,
no inference, warnings allowed), for the SHACL subset ``ontology/shapes.ttl`` uses, in a few ms.

:func:`compile_shapes` reads a shapes graph once and turns each shape into plain Python checks
over per-call dict indexes (subject -> predicate -> objects, object -> predicate -> subjects);
a construct it does not implement raises :class:`UnsupportedShapeError` naming it, so no
constraint is ever skipped. SPARQL constraints run in pyoxigraph, once per constraint for all
focus nodes (``VALUES ?this``), over the ontology and the data triples they can read. Where
pyshacl departs from the SHACL spec (datatype checks, comparisons, severities of nested shapes,
generic messages) this package follows pyshacl 0.40, reusing its comparison and printing code.

Supported: targets (``sh:targetClass`` with the ``rdfs:subClassOf`` closure of ontology + data,
implicit class targets, ``targetNode``, ``targetSubjectsOf``, ``targetObjectsOf``); predicate and
inverse paths; ``minCount maxCount datatype class nodeKind pattern flags minLength maxLength
minInclusive maxInclusive minExclusive maxExclusive uniqueLang lessThan lessThanOrEquals in
hasValue or xone and not node property qualifiedValueShape qualifiedMinCount qualifiedMaxCount
severity message deactivated``; ``sh:sparql`` with ``sh:select``, ``sh:prefixes``/``sh:declare``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from functools import cache
from typing import Any

from rdflib import RDF, RDFS, Graph
from rdflib.namespace import SH

from reskg.conform._checks import Result, Shape, validate
from reskg.conform._compile import TARGETS, Compiler, UnsupportedShapeError
from reskg.conform._data import SUBCLASS, TYPE, Background, Ctx, Index, Key, text, triples
from reskg.validate import ValidationReport, Violation, _ontology_graph, shapes_graph

__all__ = ["CompiledShapes", "UnsupportedShapeError", "compile_shapes", "conform"]
VIOLATION = str(SH.Violation)


class CompiledShapes:
    """A shapes graph compiled for data validated together with an ontology; reuse it."""

    def __init__(self, shapes: Graph, ontology: Graph) -> None:
        compiler = Compiler(shapes)
        classes = {RDFS.Class, *shapes.subjects(RDFS.subClassOf, RDFS.Class)}  # implicit targets
        nodes = {n for t in TARGETS for n in shapes.subjects(t)} | {
            n for k in (SH.NodeShape, SH.PropertyShape) for n in shapes.subjects(RDF.type, k)
            if set(shapes.objects(n, RDF.type)) & classes
        }  # fmt: skip
        self.top: list[Shape] = [compiler.shape(n) for n in sorted(nodes, key=str)]
        loads = [plan[0] for plan in compiler.plans]
        by_predicate = {str(SH.targetSubjectsOf), str(SH.targetObjectsOf)}
        watch = {SUBCLASS} | {str(k) for s in self.top for t, k in s.targets if t in by_predicate}
        watch |= {p for plan in compiler.plans for p in plan[1] | plan[2]}
        self.bg = Background(ontology, watch, compiler.inverse)
        self.bg.loads = None if None in loads else frozenset(p for ps in loads if ps for p in ps)
        self.bg.binders = frozenset(p for plan in compiler.plans for p in plan[1])
        self.bg.index.lits = {**compiler.lits, **self.bg.index.lits}

    def conform(
        self, data: Graph | Iterable[Any], *, context: Iterable[Graph] = ()
    ) -> ValidationReport:
        """Validate ``data`` (and ``context``) merged with the ontology, as validate_graph does."""
        everything = itertools.chain(triples(data), *(triples(g) for g in context))
        ctx = Ctx(self.bg, Index(everything, self.bg.watch, self.bg.index, self.bg.every_po))
        ok, results = True, list[Result]()
        for shape in self.top:
            conforms, found = validate(ctx, shape, list(_focus_nodes(ctx, shape)))
            ok, results = ok and conforms, results + found
        report = [
            Violation(text(r.focus), r.path, r.component, r.severity,
                      r.check.message(ctx, r.focus, r.value) if r.message is None else r.message,
                      None if r.value is None else text(r.value), r.shape)
            for r in results
        ]  # fmt: skip
        report.sort(key=_order)
        return ValidationReport(
            conforms=ok,
            violations=tuple(v for v in report if v.severity == VIOLATION),
            warnings=tuple(v for v in report if v.severity != VIOLATION),
        )


def _order(v: Violation) -> tuple[str, ...]:
    """validate_graph's order, then shape and message (pyshacl leaves these ties unordered)."""
    return (v.focus, v.path or "", v.component, v.value or "", v.shape or "", v.message)


def _focus_nodes(ctx: Ctx, shape: Shape) -> set[Key]:
    found: set[Key] = set()
    for kind, k in shape.targets:
        if kind == str(SH.targetNode):
            found.add(k)
        elif kind == str(SH.targetClass):
            found.update(x for cls in ctx.closure(k, False) for x in ctx.subjs(cls, TYPE))
        else:
            end = 0 if kind == str(SH.targetSubjectsOf) else 1
            found.update(pair[end] for pair in ctx.pairs(str(k)))
    return found


def compile_shapes(shapes: Graph, ontology: Graph) -> CompiledShapes:
    """Compile ``shapes`` for data validated merged with ``ontology``. Raises
    :class:`UnsupportedShapeError` naming the first construct this package does not implement."""
    return CompiledShapes(shapes, ontology)


@cache
def default_shapes() -> CompiledShapes:
    """``ontology/shapes.ttl`` (the graph validate_graph uses) compiled against reskg.ttl and
    functions.ttl, once per process."""
    return compile_shapes(shapes_graph(), _ontology_graph())


def conform(data: Graph | Iterable[Any], *, context: Iterable[Graph] = ()) -> ValidationReport:
    """Validate one document graph (or its triples) exactly as
    :func:`reskg.validate.validate_graph` does, against the default shapes."""
    return default_shapes().conform(data, context=context)
