"""Compiled shapes and their checks, evaluated as pyshacl 0.40 evaluates them (including where
it departs from the SHACL spec): datatype tests, comparisons, severities of nested shapes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from pyshacl.rdfutil.compare import compare_literal as _compare_literal
from rdflib import RDF, RDFS, XSD, Literal
from rdflib.namespace import SH
from rdflib.term import Node

from reskg.conform._data import Ctx, Key, text

FV = list[tuple[Key, Collection[Key]]]  # focus node, its value nodes
Row = tuple[Key, Key | None, str | None, str | None]  # focus, value, path, message
Rows = list["Row | Result"]  # a Result: reported as it is (sh:node's details)
Test = Callable[[Ctx, Key], bool]
Message = Callable[[Ctx, Key, Key | None], str]
ALLOWED = frozenset({str(SH.Info), str(SH.Warning)})  # allow_warnings=True
XSD_INT = str(XSD.integer)
compare_literal: Callable[[Literal, Literal], int] = _compare_literal


@dataclass(frozen=True, slots=True)
class Check:
    component: str
    run: Callable[[Ctx, FV], Rows]
    message: Message
    test: Test | None = None  # for one result per failing value node: the value passes


@dataclass(eq=False)
class Shape:
    name: str
    severity: str
    path: str | None = None  # a predicate IRI
    inverse: bool = False
    path_text: str | None = None  # str() of the sh:path node, as the report gives it
    message: str | None = None
    deactivated: bool = False
    checks: list[Check] = field(default_factory=list)
    props: list[Shape] = field(default_factory=list)
    targets: list[tuple[str, Key]] = field(default_factory=list)
    tests: list[Test] | None = None  # when a value conforms iff it passes these


@dataclass(frozen=True, slots=True)
class Result:
    focus: Key
    path: str | None
    component: str
    severity: str
    value: Key | None
    shape: str
    message: str | None
    check: Check


def validate(ctx: Ctx, shape: Shape, foci: list[Key]) -> tuple[bool, list[Result]]:
    """pyshacl's ``Shape.validate``: conformance (warnings allowed) and every result."""
    if shape.deactivated or not foci:
        return True, []
    path, get = shape.path, ctx.subjs if shape.inverse else ctx.objs
    fvs: FV = [(f, get(f, path)) for f in foci] if path else [(f, (f,)) for f in foci]
    strict, ok, out = shape.severity not in ALLOWED, True, []
    for check in shape.checks:
        if rows := check.run(ctx, fvs):
            ok = ok and not strict
            out += [
                row if isinstance(row, Result) else
                Result(row[0], shape.path_text if row[2] is None else row[2], check.component,
                       shape.severity, row[1], shape.name,
                       shape.message if row[3] is None else row[3], check)
                for row in rows
            ]  # fmt: skip
    values = [v for _, vs in fvs for v in vs]
    for prop in shape.props if values else ():
        conforms, results = validate(ctx, prop, values)
        ok = ok and (conforms or not strict or all(r.severity in ALLOWED for r in results))
        out += results
    return ok, out


def conforms(ctx: Ctx, shape: Shape, v: Key) -> bool:
    if shape.tests is not None:
        return all(test(ctx, v) for test in shape.tests)
    return validate(ctx, shape, [v])[0]


def each(component: str, test: Test, message: Message) -> Check:
    """A constraint with one result per value node that fails ``test``."""

    def run(ctx: Ctx, fvs: FV) -> Rows:
        return [(f, v, None, None) for f, vs in fvs for v in vs if not test(ctx, v)]

    return Check(component, run, message, test)


def per_focus(
    component: str, fails: Callable[[Ctx, Key, Collection[Key]], int], message: Message
) -> Check:
    """A constraint with ``fails(...)`` results (without a value) per focus node."""

    def run(ctx: Ctx, fvs: FV) -> Rows:
        return [
            (f, None, None, None) for f, vs in fvs if (n := fails(ctx, f, vs)) for _ in range(n)
        ]

    return Check(component, run, message)


def fmt(template: str) -> Message:
    """``template`` with \\0F / \\0V replaced by the focus / value node as pyshacl prints them."""

    def message(ctx: Ctx, f: Key, v: Key | None) -> str:
        return re.sub(
            "\0([FV])", lambda m: ctx.show(f if m[1] == "F" or v is None else v), template
        )

    return message


_ACTUAL: dict[Node, Any] = {
    XSD.string: (str, bytes), RDF.langString: (str, bytes), XSD.integer: int, XSD.float: float,
    XSD.decimal: Decimal, XSD.boolean: bool, XSD.date: date, XSD.time: time,
    XSD.dateTime: datetime,
}  # fmt: skip
_WELL_TYPED: dict[tuple[str, str], bool] = {}  # (lexical, datatype) -> pyshacl accepts it


def datatype(rule: Node) -> Test:
    """pyshacl's datatype test: the same IRI and, for the types it knows, a well-typed value."""
    name, kinds = str(rule), _ACTUAL.get(rule, object)
    other = (
        rule == RDFS.Literal,
        rule == RDFS.Datatype,
        rule == XSD.string,
        rule == RDF.langString,
    )

    def test(ctx: Ctx, v: Key) -> bool:
        if isinstance(v, str) or len(v) == 1:
            return False
        if v[1] == name:
            if (ok := _WELL_TYPED.get((v[0], name))) is None:
                lit = ctx.lit(v)
                ok = lit is not None and lit.ill_typed is not True and isinstance(lit.value, kinds)
                if len(v[0]) < 40 and len(_WELL_TYPED) < 100_000:  # numbers, dates: they recur
                    _WELL_TYPED[v[0], name] = ok
            return ok
        any_, typed, plain, lang = other
        return (
            any_
            or (typed and v[1] != "")
            or (plain and v[1] == v[2] == "")
            or (lang and v[2] != "")
        )

    return test


def in_range(bound: Literal, sign: Callable[[int], bool]) -> Test:
    """pyshacl's min/max test: ``sign(compare_literal(value, bound))``; ints compared directly."""
    quick = bound.value if bound.datatype == XSD.integer and type(bound.value) is int else None
    bound_is_str = isinstance(bound.value, str)

    def test(ctx: Ctx, v: Key) -> bool:
        lit = None if isinstance(v, str) or len(v) == 1 else ctx.lit(v)
        if lit is None:
            return False
        if quick is not None and v[1] == XSD_INT and type(x := lit.value) is int:
            return sign((x > quick) - (x < quick))
        if isinstance(lit.value, str) != bound_is_str:
            return False
        try:
            return sign(compare_literal(lit, bound))
        except (TypeError, NotImplementedError):
            return False

    return test


def string_test(rx: re.Pattern[str] | None, least: int = -1, most: int = -1) -> Test:
    """sh:pattern, sh:minLength, sh:maxLength on the lexical form (IRIs too, blank nodes fail)."""

    def test(ctx: Ctx, v: Key) -> bool:
        if least == 0:
            return True
        if not isinstance(v, str) and len(v) == 1:
            return False
        if rx is not None:
            return rx.search(text(v)) is not None
        return len(text(v)) >= least if least > 0 else len(text(v)) <= most

    return test


def _comparable(ctx: Ctx, k: Key, what: str) -> tuple[Any, bool]:
    if isinstance(k, str):
        return k, True
    if len(k) == 1:
        raise ValueError(f"{what} cannot compare a blank node")
    lit = ctx.lit(k)
    return (lit.value, True) if lit is not None and isinstance(lit.value, str) else (lit, False)


def less_than(other: str, orequal: bool, what: str) -> Callable[[Ctx, FV], Rows]:
    """pyshacl's sh:lessThan(OrEquals): a result per value and other value it is not below."""

    def run(ctx: Ctx, fvs: FV) -> Rows:
        rows: Rows = []
        for f, vs in fvs:
            for v in vs:
                x, x_str = _comparable(ctx, v, what)
                for o in ctx.objs(f, other):
                    y, y_str = _comparable(ctx, o, what)
                    if x_str != y_str or not (x <= y if orequal else x < y):
                        rows.append((f, v, None, None))
        return rows

    return run


def kind(v: Key) -> str:
    return "I" if isinstance(v, str) else "L" if len(v) == 3 else "B"


def node(shape: Shape) -> tuple[Test, Callable[[Ctx, FV], Rows]]:
    """sh:node as pyshacl 0.40 has it: a value fails if it does not conform *or* has results
    (warnings too), and these results are reported as well (as details of the value's)."""

    def test(ctx: Ctx, v: Key) -> bool:
        ok, results = validate(ctx, shape, [v])
        return ok and not results

    def run(ctx: Ctx, fvs: FV) -> Rows:
        rows: Rows = []
        for f, vs in fvs:
            for v in vs:
                ok, results = validate(ctx, shape, [v])
                rows += [(f, v, None, None), *results] if results or not ok else []
        return rows

    return test, run


def counting(shapes: list[Shape], ok: Callable[[int], bool]) -> Test:
    """sh:or / xone / and / not: ``ok(number of the shapes the value conforms to)``."""
    return lambda ctx, v: ok(sum(conforms(ctx, s, v) for s in shapes))


def qualified(shape: Shape, bound: int, most: bool) -> Callable[[Ctx, Key, Collection[Key]], int]:
    def fails(ctx: Ctx, f: Key, vs: Collection[Key]) -> int:
        n = sum(conforms(ctx, shape, v) for v in vs)
        return int(n > bound if most else n < bound)

    return fails


def duplicate_languages(ctx: Ctx, f: Key, vs: Collection[Key]) -> int:
    langs = Counter(v[2] for v in vs if not isinstance(v, str) and len(v) == 3 and v[2])
    return sum(1 for n in langs.values() if n > 1)
