"""One validation call's view of the data: plain-dict indexes over plain keys (rdflib terms hash
and compare in Python, ten times slower), merged per subject with the ontology's, class
closures, data nodes printed as pyshacl prints them, and the oxigraph store for SPARQL."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable
from typing import Any

import pyoxigraph as ox
from pyshacl.rdfutil.stringify import stringify_blank_node, stringify_node
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.plugins.stores.memory import Memory
from rdflib.term import Identifier, Node

Key = str | tuple[str, ...]  # IRI: str; literal: (lexical, datatype|"", lang|""); bnode: (id,)
EMPTY: frozenset[Key] = frozenset()
TYPE, SUBCLASS, XSD_STRING = str(RDF.type), str(RDFS.subClassOf), str(XSD.string)
THIS = ox.Variable("this")


def key(n: Node, lits: dict[Key, Literal]) -> Key:
    if isinstance(n, URIRef):
        return str(n)
    if isinstance(n, Literal):
        k = (str(n), str(n.datatype or ""), (n.language or "").lower())  # rdflib's term equality
        lits.setdefault(k, n)
        return k
    return (str(n),)


def text(k: Key) -> str:
    """What ``str()`` of the rdflib term gives: the IRI, lexical form or blank node id."""
    return k if isinstance(k, str) else k[0]


def triples(data: Graph | Iterable[Any]) -> Iterable[Any]:
    """The triples of ``data``; a plain in-memory Graph is read from its index (10x faster)."""
    if type(data) is Graph and type(data.store) is Memory:
        spo = getattr(data.store, "_Memory__spo", None)
        if isinstance(spo, dict) and sum(len(x) for d in spo.values() for x in d.values()) == len(
            data
        ):  # the store holds this graph only
            return ((s, p, o) for s, d in spo.items() for p, os in d.items() for o in os)
    return data


class Index:
    """subject -> predicate -> objects; object -> predicate -> subjects (only rdf:type and
    rdfs:subClassOf unless ``every_po``); (subject, object) pairs of the ``watch`` predicates.
    With a ``base``, each subject or object also in the base starts with the base's entries."""

    def __init__(
        self, triples: Iterable[Any], watch: Iterable[str], base: Index | None, every_po: bool
    ) -> None:
        self.sp: dict[Key, dict[str, set[Key]]] = {}
        self.po: dict[Key, dict[str, set[Key]]] = {}
        sp, po = self.sp, self.po
        lits: dict[Key, Literal] = {}
        pairs: dict[str, list[tuple[Key, Key]]] = {p: [] for p in watch}
        bsp: dict[Key, dict[str, set[Key]]] = base.sp if base else {}
        bpo: dict[Key, dict[str, set[Key]]] = base.po if base else {}
        last_s: Any = None  # triples come grouped by subject and predicate: convert once
        last_p: Any = None
        d: dict[str, set[Key]] = {}
        vs: set[Key] = set()
        pair: list[tuple[Key, Key]] | None = None
        ks: Key = ""
        kp, inverse = "", False
        for s, p, o in triples:
            if s is not last_s:
                last_s, last_p, ks = s, None, str(s) if type(s) is URIRef else key(s, lits)
                if ks in sp:
                    d = sp[ks]
                else:
                    b = bsp.get(ks)
                    d = sp[ks] = {q: set(v) for q, v in b.items()} if b else {}
            if p is not last_p:
                last_p, kp = p, str(p)
                vs = d.setdefault(kp, set())
                inverse, pair = every_po or kp in (TYPE, SUBCLASS), pairs.get(kp)
            if type(o) is URIRef:
                ko: Key = str(o)
            elif type(o) is Literal:
                dt, lang = o.datatype, o.language
                ko = (str(o), str(dt) if dt else "", lang.lower() if lang else "")
                if ko not in lits:
                    lits[ko] = o
            else:
                ko = key(o, lits)
            vs.add(ko)
            if inverse:
                if (e := po.get(ko)) is None:
                    b = bpo.get(ko)
                    e = po[ko] = {q: set(v) for q, v in b.items()} if b else {}
                if (us := e.get(kp)) is None:
                    e[kp] = {ks}
                else:
                    us.add(ks)
            if pair is not None:
                pair.append((ks, ko))
        self.lits, self.pairs = lits, pairs


def ox_term(k: Key, terms: dict[Key, Any]) -> Any:
    if (t := terms.get(k)) is None:
        if isinstance(k, str):
            t = ox.NamedNode(k)
        elif len(k) == 1:
            t = ox.BlankNode(k[0])
        else:
            lang, dt = k[2] or None, ox.NamedNode(k[1]) if k[1] else None
            t = ox.Literal(k[0], language=lang, datatype=dt)
        terms[k] = t
    return t


class Background:
    """The ontology side of every call: its index, class closures, its triples for oxigraph."""

    def __init__(self, ontology: Graph, watch: Iterable[str], every_po: bool) -> None:
        self.ontology, self.watch, self.every_po = ontology, frozenset(watch), every_po
        self.index = Index(ontology, self.watch, None, every_po)
        self.memo: tuple[dict[Key, frozenset[Key]], dict[Key, frozenset[Key]]] = ({}, {})
        self.loads: frozenset[str] | None = frozenset()  # data predicates SPARQL reads (None: all)
        self.binders: frozenset[str] = frozenset()  # ... and the objects of these predicates
        self._quads: dict[str | None, list[ox.Quad]] = {}

    def quads(self, p: str | None) -> list[ox.Quad]:
        """The ontology's triples of predicate ``p`` (None: all) for oxigraph, made once."""
        if (found := self._quads.get(p)) is None:
            terms: dict[Key, Any] = {}
            self._quads[p] = found = [
                ox.Quad(ox_term(s, terms), ox_term(q, terms), ox_term(o, terms))
                for s, d in self.index.sp.items() for q, os in d.items()
                if p is None or q == p for o in os
            ]  # fmt: skip
        return found


class Ctx:
    """Merged lookups over one call's data and the ontology."""

    def __init__(self, bg: Background, data: Index) -> None:
        self.bg, self.d, self.o = bg, data, bg.index
        self.memo = ({}, {}) if data.pairs[SUBCLASS] else bg.memo  # data subclass axioms
        self.store: ox.Store | None = None
        self.rdflib: Graph | None = None  # for SPARQL, when oxigraph would compare differently
        self.prefixes: Graph | None = None

    def objs(self, s: Key, p: str) -> Collection[Key]:
        d = self.d.sp.get(s) or self.o.sp.get(s)
        return d.get(p, EMPTY) if d else EMPTY

    def subjs(self, o: Key, p: str) -> Collection[Key]:
        d = self.d.po.get(o) or self.o.po.get(o)
        return d.get(p, EMPTY) if d else EMPTY

    def pairs(self, p: str) -> list[tuple[Key, Key]]:
        return self.o.pairs[p] + self.d.pairs[p]

    def lit(self, k: Key) -> Literal | None:
        found = self.d.lits.get(k)  # not `or`: Literal(False) is falsy
        return self.o.lits.get(k) if found is None else found

    def closure(self, start: Key, up: bool) -> frozenset[Key]:
        """``start`` and its super- (``up``) or subclasses, as rdflib's transitive walks give."""
        memo = self.memo[up]
        if (found := memo.get(start)) is not None:
            return found
        seen, todo = {start}, [start]
        while todo:
            step = self.objs(todo.pop(), SUBCLASS) if up else self.subjs(todo.pop(), SUBCLASS)
            todo.extend(c for c in step if c not in seen)
            seen.update(step)
        if len(memo) > 100_000:
            memo.clear()
        memo[start] = result = frozenset(seen)
        return result

    def has_class(self, v: Key, c: Key) -> bool:
        return len(v) != 3 and any(c in self.closure(t, True) for t in self.objs(v, TYPE))

    def term(self, k: Key) -> Identifier:
        if isinstance(k, str):
            return URIRef(k)
        if len(k) == 1:
            return BNode(k[0])
        found = self.lit(k)
        return Literal(k[0], k[2] or None, k[1] or None) if found is None else found

    def show(self, k: Key) -> str:
        """A data node as pyshacl prints it in a message."""
        node = self.term(k)
        if self.prefixes is None:  # those of the fresh graph validate_graph hands to pyshacl
            self.prefixes = Graph()
        try:
            if not isinstance(node, BNode):
                return str(stringify_node(self.prefixes, node))
        except (LookupError, ValueError):
            return str(node)
        graph, todo = Graph(), [k]  # the blank node's description, as pyshacl prints it
        while todo:
            for p, os in (self.d.sp.get(s := todo.pop()) or self.o.sp.get(s) or {}).items():
                for o in os:
                    graph.add((self.term(s), URIRef(p), self.term(o)))
                    todo.extend([o] if len(o) == 1 and not isinstance(o, str) else [])
        try:
            return str(stringify_node(graph, node))
        finally:  # pyshacl caches by id(graph), which a later graph may reuse
            for cached in [c for c in stringify_blank_node.dict_cache if c[0] == id(graph)]:
                del stringify_blank_node.dict_cache[cached]

    def solutions(self, query: str, foci: list[Key]) -> list[dict[str, Key]]:
        """The distinct solutions of a SPARQL constraint's ``query`` for each focus node (bound
        to ``$this``), over the ontology and the data. oxigraph runs it once for all focus
        nodes (``VALUES ?this``; a query per blank node), in a store of this call's own (its
        in-memory store keeps what it deletes), holding only the triples the query can read.
        With ill-typed literals, or values of one predicate of several datatypes, the engines
        compare differently (oxigraph by the spec): rdflib then runs it, as pyshacl does."""
        if self.store is None and self.rdflib is None:
            self._load()
        found: list[dict[str, Key]] = []
        if self.rdflib is not None:
            for f in foci:
                rows = self.rdflib.query(query, initBindings={"this": self.term(f)})
                for row in {frozenset(r.asdict().items()) for r in rows}:  # type: ignore[union-attr]
                    found.append({"this": f} | {str(n): key(t, self.d.lits) for n, t in row})
            return found
        assert self.store is not None
        terms: dict[Key, Any] = {}
        back = {ox_term(f, terms): f for f in foci}
        named = " ".join(str(t) for t in back if not isinstance(t, ox.BlankNode))
        head, _, body = query.partition("{")
        runs: list[tuple[str, dict[ox.Variable, Any] | None]] = []
        runs += [(f"{head}{{ VALUES ?this {{ {named} }} {body}", None)] if named else []
        runs += [(query, {THIS: t}) for t in back if isinstance(t, ox.BlankNode)]
        for text_, bindings in runs:
            solutions = self.store.query(text_, substitutions=bindings)
            assert isinstance(solutions, ox.QuerySolutions)
            names = [v.value for v in solutions.variables]
            for solution in {tuple(s[n] for n in names) for s in solutions}:
                pairs = zip(names, solution, strict=True)
                found.append({n: back.get(t) or self.unox(t) for n, t in pairs if t is not None})
        return found

    def _load(self) -> None:
        loads = self.bg.loads
        if loads is not None:
            dynamic = {o for b in self.bg.binders for _, o in self.pairs(b)}
            loads = loads | {o for o in dynamic if isinstance(o, str)}
        read = [(s, p, os) for s, d in self.d.sp.items() for p, os in d.items()]
        read = [t for t in read if loads is None or t[1] in loads]
        ill_typed, kinds = False, dict[str, set[str]]()  # datatypes of each predicate's literals
        for _, p, os in read:
            for o in os:
                if not isinstance(o, str) and len(o) == 3:
                    lit = self.lit(o)
                    ill_typed = ill_typed or (lit is not None and lit.ill_typed is True)
                    kinds.setdefault(p, set()).add("@" if o[2] else o[1])
        if ill_typed or any(len(k) > 1 for k in kinds.values()):
            self.rdflib = Graph()
            for triple in self.bg.ontology:
                self.rdflib.add(triple)
            for s, d in self.d.sp.items():
                for p, os in d.items():
                    for o in os:
                        self.rdflib.add((self.term(s), URIRef(p), self.term(o)))
            return
        terms: dict[Key, Any] = {}
        self.store = ox.Store()
        self.store.extend(
            itertools.chain.from_iterable(self.bg.quads(p) for p in loads)
            if loads is not None else self.bg.quads(None)
        )  # fmt: skip
        self.store.extend(
            ox.Quad(ox_term(s, terms), ox_term(p, terms), ox_term(o, terms))
            for s, p, os in read for o in os
        )  # fmt: skip

    def unox(self, t: Any) -> Key:
        """The key of a term oxigraph returns (which does not tell "x" from "x"^^xsd:string)."""
        if isinstance(t, ox.NamedNode):
            return str(t.value)
        if isinstance(t, ox.BlankNode):
            return (str(t.value),)
        dt = "" if t.language or t.datatype.value == XSD_STRING else str(t.datatype.value)
        k = (str(t.value), dt, str(t.language or ""))
        typed = (k[0], XSD_STRING, "")
        return typed if self.lit(k) is None and self.lit(typed) is not None else k
