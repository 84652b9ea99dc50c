"""Shapes graph -> :class:`Shape` objects whose checks give pyshacl 0.40's results (focus,
value, path, component, generic message); SPARQL constraints planned for oxigraph. Anything
else, in the ``sh:`` namespace or in a form not handled here, raises UnsupportedShapeError."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pyoxigraph as ox
from pyshacl.rdfutil.stringify import stringify_node
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import Node, Variable

from reskg.conform import _checks as c
from reskg.conform._data import Ctx, Key, key, text
from reskg.errors import ReskgError

CHECKS = """minCount maxCount datatype nodeKind class pattern minLength maxLength minInclusive
    maxInclusive minExclusive maxExclusive uniqueLang lessThan lessThanOrEquals in hasValue or
    xone and not node qualifiedValueShape""".split()  # noqa: SIM905 (each at most once per shape)
PROPERTY_ONLY = {"minCount", "maxCount", "uniqueLang", "lessThan", "lessThanOrEquals"}
OTHER_WORDS = """flags qualifiedMinCount qualifiedMaxCount property sparql path message severity
    deactivated name description order group defaultValue targetClass targetNode targetSubjectsOf
    targetObjectsOf select prefixes declare prefix namespace inversePath""".split()  # noqa: SIM905
KNOWN = frozenset(CHECKS + OTHER_WORDS)
SHAPE_TYPES = {SH.NodeShape, SH.PropertyShape, SH.Shape, SH.SPARQLConstraint, SH.PrefixDeclaration}
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)
KINDS = {"IRI": "I", "Literal": "L", "BlankNode": "B", "BlankNodeOrIRI": "BI"}
KINDS |= {"BlankNodeOrLiteral": "BL", "IRIOrLiteral": "IL"}
LOGIC: dict[str, tuple[str, Callable[[int, int], bool]]] = {
    "or": ("one or more shapes", lambda n, total: n >= 1),
    "xone": ("exactly one shape", lambda n, total: n == 1),
    "and": ("all shapes", lambda n, total: n == total),
}
RANGES: dict[str, tuple[str, Callable[[int], bool]]] = {
    "minInclusive": (">=", lambda n: n >= 0), "minExclusive": (">", lambda n: n > 0),
    "maxInclusive": ("<=", lambda n: n <= 0), "maxExclusive": ("<", lambda n: n < 0),
}  # fmt: skip
Plan = tuple[frozenset[str] | None, frozenset[str], frozenset[str]]


class UnsupportedShapeError(ReskgError):
    """The shapes graph uses a SHACL construct that :mod:`reskg.conform` does not implement."""

    rule = "conform.unsupported"


def _unsupported(what: str) -> UnsupportedShapeError:
    return UnsupportedShapeError(f"{what}: not implemented by reskg.conform")


class Compiler:
    def __init__(self, sg: Graph) -> None:
        self.sg, self.done, self.active = sg, dict[Node, c.Shape](), set[Node]()
        self.lits: dict[Key, Literal] = {}
        self.inverse = False  # an inverse path needs the full object -> subjects index
        self.plans: list[Plan] = []
        for s, p, o in sg:
            local = str(p).removeprefix(str(SH))
            bad_type = p == RDF.type and str(o).startswith(str(SH)) and o not in SHAPE_TYPES
            if (local != str(p) and local not in KNOWN) or bad_type:
                raise _unsupported(f"{self.show(o if bad_type else p)} (on {self.show(s)})")

    def show(self, node: Node) -> str:
        return str(stringify_node(self.sg, node))

    def one(self, node: Node, p: URIRef) -> Any:
        found = list(self.sg.objects(node, p))
        if len(found) > 1:
            raise _unsupported(f"more than one {self.show(p)} on {self.show(node)}")
        return found[0] if found else None

    def shape(self, node: Node) -> c.Shape:
        if (done := self.done.get(node)) is not None:
            return done
        if node in self.active:
            raise _unsupported(f"recursive shape reference through {self.show(node)}")
        self.active.add(node)
        s = c.Shape(str(node), str(self.one(node, SH.severity) or SH.Violation))
        if (path := self.one(node, SH.path)) is not None:
            s.path_text, inverse = str(path), self.one(path, SH.inversePath)
            if isinstance(path, URIRef):
                s.path = str(path)
            elif isinstance(inverse, URIRef) and len(set(self.sg.predicates(path))) == 1:
                s.path, s.inverse, self.inverse = str(inverse), True, True
            else:
                raise _unsupported(f"sh:path {self.show(path)} (only predicate and inverse paths)")
        if (message := self.one(node, SH.message)) is not None:
            s.message = str(message)
        s.deactivated = bool(getattr(self.one(node, SH.deactivated), "value", False))
        s.targets = [(str(t), key(v, self.lits)) for t in TARGETS for v in self.sg.objects(node, t)]
        classes = {RDFS.Class, *self.sg.subjects(RDFS.subClassOf, RDFS.Class)}
        if set(self.sg.objects(node, RDF.type)) & classes:  # an implicit class target
            s.targets.append((str(SH.targetClass), str(node)))
        where = None if path is None else self.show(path)
        for name in CHECKS:
            if (value := self.one(node, SH[name])) is not None:
                s.checks += self.check(node, name, value, s, where)
        for p in self.sg.objects(node, SH.property):
            if (prop := self.shape(p)).path is None:
                raise _unsupported(f"sh:property {self.show(p)} without sh:path")
            s.props.append(prop)
        s.checks += [self.sparql(constraint, s) for constraint in self.sg.objects(node, SH.sparql)]
        if s.deactivated or s.severity in c.ALLOWED:
            s.tests = []  # conforms, whatever its results (pyshacl, allow_warnings)
        elif s.path is None and not s.props and all(k.test for k in s.checks):
            s.tests = [k.test for k in s.checks if k.test]
        self.active.discard(node)
        self.done[node] = s
        return s

    def check(self, node: Node, name: str, v: Any, s: c.Shape, where: str | None) -> list[c.Check]:
        """The check of ``sh:<name> v`` on shape ``node``, with pyshacl's message for it."""
        show, fmt, comp = self.show, c.fmt, f"{SH}{name[0].upper()}{name[1:]}ConstraintComponent"
        at = "\0F->" + where if where else "\0F"
        if name in PROPERTY_ONLY and s.path is None:
            raise _unsupported(f"sh:{name} on node shape {show(node)}")
        if name in ("minCount", "maxCount"):
            k, least = int(v.value), name == "minCount"
            fails = (lambda ctx, f, vs: len(vs) < k) if least else (lambda ctx, f, vs: len(vs) > k)
            text = f"{'Less' if least else 'More'} than {k} values on {at}"
            return [c.per_focus(comp, fails, fmt(text))]
        if name == "datatype":
            text = f"Value is not Literal with datatype {show(v)}"
            return [c.each(comp, c.datatype(v), fmt(text))]
        if name == "nodeKind":
            kinds = KINDS.get(str(v).removeprefix(str(SH)), "")
            test: c.Test = lambda ctx, x: c.kind(x) in kinds  # noqa: E731
            return [c.each(comp, test, fmt(f"Value is not of Node Kind {show(v)}"))]
        if name == "class":
            cls = key(v, self.lits)
            test = lambda ctx, x: ctx.has_class(x, cls)  # noqa: E731
            return [c.each(comp, test, fmt(f"Value does not have class {show(v)}"))]
        if name == "pattern":
            flags = str(getattr(self.one(node, SH.flags), "value", "")).lower()
            re_flags = (re.I if "i" in flags else 0) | (re.M if "m" in flags else 0)
            rx = re.compile(str(v.value) if v.value and len(v.value) > 1 else str(v), re_flags)
            return [c.each(comp, c.string_test(rx), fmt(f"Value does not match pattern '{v}'"))]
        if name in ("minLength", "maxLength"):
            least = name == "minLength"
            test = (
                c.string_test(None, least=int(v.value))
                if least
                else c.string_test(None, most=int(v.value))
            )
            text = f"String length not {'>=' if least else '<='} {stringify_node(Graph(), v)}"
            return [c.each(comp, test, fmt(text))]
        if name in RANGES:
            word, sign = RANGES[name]
            return [c.each(comp, c.in_range(v, sign), fmt(f"Value is not {word} {show(v)}"))]
        if name == "uniqueLang":
            text = "More than one String shares the same Language"
            return [c.per_focus(comp, c.duplicate_languages, fmt(text))] if v.value is True else []
        if name in ("lessThan", "lessThanOrEquals"):
            word, orequal = ("<", True) if name == "lessThanOrEquals" else ("<=", False)
            run = c.less_than(str(v), orequal, f"sh:{name}")
            return [c.Check(comp, run, fmt(f"Value of \0F->{show(v)} {word} \0V"))]
        if name == "in":
            items: set[Node] = set()
            for item in self.sg.items(v):
                items.add(item)  # one by one, as pyshacl does: its message lists them in set order
            keys = frozenset(key(i, self.lits) for i in items)
            test = lambda ctx, x: x in keys  # noqa: E731
            return [c.each(comp, test, fmt(f"Value \0V not in list {[show(i) for i in items]}"))]
        if name == "hasValue":
            wanted = key(v, self.lits)
            lacks: Callable[[Ctx, Key, Any], int] = lambda ctx, f, vs: wanted not in vs  # noqa: E731
            text = f"value is not a in the set of values: {[show(v)]}"
            if where:
                text = f"{where} does not contain a value in the set: {[show(v)]}"
            return [c.per_focus(comp, lacks, fmt(f"Node \0F{'->' if where else ' '}{text}"))]
        if name in LOGIC:
            (phrase, count), items_ = LOGIC[name], list(self.sg.items(v))
            shapes = [self.shape(i) for i in (items_ if name == "xone" else dict.fromkeys(items_))]
            test = c.counting(shapes, lambda n: count(n, len(shapes)))
            text = f"Node \0V must conform to {phrase} in {' , '.join(map(show, items_))}"
            return [c.each(comp, test, fmt(text))]
        if name == "not":
            text = f"Node \0V must not conform to shape {show(v)}"
            return [c.each(comp, c.counting([self.shape(v)], lambda n: n == 0), fmt(text))]
        if name == "node":
            text = f"Value does not conform to Shape {show(v)}. See details for more information."
            test, run = c.node(self.shape(v))
            return [c.Check(comp, run, fmt(text), test)]
        assert name == "qualifiedValueShape"
        if s.path is None or self.sg.value(node, SH.qualifiedValueShapesDisjoint):
            raise _unsupported(f"this sh:qualifiedValueShape on {show(node)}")
        least, most = self.one(node, SH.qualifiedMinCount), self.one(node, SH.qualifiedMaxCount)
        counts = (f" MinCount {least}" if least is not None else "") + (
            f" MaxCount {most}" if most is not None else ""
        )
        message, checks = fmt(f"Focus node does not conform to shape{counts}: {show(v)}"), []
        for bound, is_max in ((most, True), (least, False)):
            if bound is not None:
                qualified = c.qualified(self.shape(v), int(bound.value), is_max)
                comp = f"{SH}Qualified{'Max' if is_max else 'Min'}CountConstraintComponent"
                checks.append(c.per_focus(comp, qualified, message))
        return checks

    def sparql(self, node: Node, s: c.Shape) -> c.Check:
        """A SPARQL-based constraint, run once for all focus nodes (``VALUES ?this``)."""
        sg, select, where = self.sg, self.one(node, SH.select), self.show(node)
        if select is None:
            raise _unsupported(f"SPARQL constraint {where} without sh:select")
        query, message = str(select), self.one(node, SH.message)
        forbidden = (
            "MINUS VALUES SERVICE GRAPH FROM SELECT.*SELECT $shapesGraph $currentShape ?failure"
        )
        for word in forbidden.split():
            pattern = re.escape(word).replace(r"\.\*", ".*")
            if re.search(rf"(?<![\w?$:/#-]){pattern}(?![\w:-])", query, re.I | re.S):
                raise _unsupported(f"{word} in SPARQL constraint {where}")
        if s.path is not None:  # $PATH, as pyshacl substitutes it
            path = ("^" if s.inverse else "") + f"<{s.path}>"
            query = re.sub(r"([\s{}()])[\$\?]PATH", lambda m: m[1] + path, query)
        prefixes = {"rdf": str(RDF), "rdfs": str(RDFS), "owl": str(OWL)}
        ontologies = set(sg.subjects(RDF.type, OWL.Ontology))
        for holder in sg.objects(node, SH.prefixes):
            declares = set(sg.objects(holder, SH.declare))
            if not (declares and holder in ontologies):
                declares |= {d for o in ontologies for d in sg.objects(o, SH.declare)}
            prefixes |= {
                str(self.one(d, SH.prefix)): str(self.one(d, SH.namespace)) for d in declares
            }
        head, _, body = query.partition("{")
        if not re.search(r"[\$\?]this\b|\*", head):
            raise _unsupported(f"SPARQL constraint {where} that does not select $this")
        head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes.items()) + head
        try:
            ox.Store().query(f"{head}{{ VALUES ?this {{ }} {body}")
            plan = _plan(f"{head}{{{body}")
        except Exception as error:  # the two parsers raise several types
            raise _unsupported(f"SPARQL constraint {where} that does not parse: {error}") from error
        self.plans.append(plan)
        if getattr(self.one(node, SH.deactivated), "value", False):
            return c.Check(f"{SH}SPARQLConstraintComponent", lambda ctx, fvs: [], c.fmt(""))
        message = s.message if message is None else str(message)  # pyshacl fills it in, too
        run = _sparql(f"{head}{{{body}", s.path is None, message, plan[2])
        return c.Check(f"{SH}SPARQLConstraintComponent", run, c.fmt(""))


def _steps(path: Any) -> list[str] | None:
    """The predicates a property path can traverse; None when it may traverse any (negated
    sets) or match without a triple (zero-length paths)."""
    if isinstance(path, URIRef):
        return [str(path)]
    if isinstance(path, InvPath):
        return _steps(path.arg)
    if isinstance(path, SequencePath | AlternativePath):
        parts = [_steps(a) for a in path.args]
        return None if any(p is None for p in parts) else [x for p in parts if p for x in p]
    if isinstance(path, MulPath) and path.mod == "+":
        return _steps(path.path)
    return None


def _patterns(node: Any, required: bool) -> Iterator[Any]:
    """The triple patterns of a query's algebra; ``required``: those every solution matches."""
    if isinstance(node, CompValue):
        yield from node.get("triples") or ()
        for name, child in node.items():
            optional = node.name in ("LeftJoin", "Minus") and name == "p2"
            if not required or (
                name in ("p", "p1", "p2") and node.name != "Union" and not optional
            ):
                yield from _patterns(child, required)
    elif isinstance(node, list | tuple) and not required:
        for child in node:
            yield from _patterns(child, required)


def _plan(query: str) -> Plan:
    """What a query reads: (the data predicates, None for any; predicates whose objects it reads
    as predicates; predicates without whose triples it has no solution). A variable predicate
    must take its values from a required pattern (``?c rkg:f/rkg:citationProperty ?edge``)."""
    algebra = prepareQuery(query).algebra
    required = [t for t in _patterns(algebra, True) if len(t) == 3]
    used, binders = set[str](), set[str]()
    for _, p, _ in (t for t in _patterns(algebra, False) if len(t) == 3):
        if isinstance(p, Variable):
            found = [step for _, q, o in required if o == p and (step := _last(q)) is not None]
            if not found:
                return None, frozenset(), frozenset()
            binders.add(found[0])
        elif (steps := _steps(p)) is None:
            return None, frozenset(), frozenset()
        used.update(steps or ())
    needed = {str(p) for _, p, _ in required if isinstance(p, URIRef)}
    for _, p, _ in required:
        needed |= {str(a) for a in getattr(p, "args", ()) if isinstance(p, SequencePath)}
    return frozenset(used | binders), frozenset(binders), frozenset(n for n in needed if n)


def _last(p: Any) -> str | None:
    p = p.args[-1] if isinstance(p, SequencePath) else p
    return str(p) if isinstance(p, URIRef) else None


def _sparql(
    query: str, node_shape: bool, message: str | None, needed: frozenset[str]
) -> Callable[[Ctx, c.FV], c.Rows]:
    """One result per distinct solution per focus node, as pyshacl gives them."""

    def run(ctx: Ctx, fvs: c.FV) -> c.Rows:
        foci, rows = Counter(f for f, _ in fvs), c.Rows()
        if not foci or any(not (ctx.o.pairs[p] or ctx.d.pairs[p]) for p in needed):
            return []  # a predicate every solution needs has no triple
        for bound in ctx.solutions(query, list(foci)):
            if node_shape:
                bound.setdefault("value", bound["this"])
            said = message
            for name, k in bound.items():
                said = said and re.sub(f"{{[?$]{name}}}", text(k), said)  # as pyshacl does
            path, this = bound.get("path"), bound["this"]
            row = (this, bound.get("value"), None if path is None else text(path), said)
            rows += [row] * foci[this]
        return rows

    return run
