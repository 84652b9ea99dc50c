"""Every query of ``queries/`` answers what it answered before it was rewritten for speed.

The store is the default one (``reskg.dataset.build``: the union default graph, the
authority, ontology and lineage graphs) over a handful of real texts of ``data/sources``.
Each named query runs with the values of its ``# Example:`` header and, when it has
parameters, with them left free (``GET /queries/NAME`` without them lists everything); the
internal queries the code runs get the values the code gives them. The answers are compared
with the ones recorded in ``tests/data/queries/`` (``internal/`` for ``queries/internal/``),
which were taken from the query texts as they were before the rewrite.

Rows are compared as terms (datatypes and language tags included) and as multisets. A query
that had an ``ORDER BY`` must still give them in that order (recorded as ``order``), up to
rows whose sort keys are equal, whose order SPARQL leaves open. When a ``LIMIT`` cuts through
a run of equal keys, the rows kept of that run may be any of the run's rows: the recording
keeps the whole run (``candidates``).

To re-record after a change of extraction that changes the answers (never to make a
rewritten query pass), run ``RESKG_RECORD_QUERY_ANSWERS=1 pytest tests/store/test_query_answers.py``
and review the diff of ``tests/data/queries/``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reskg.dataset import build
from reskg.iri import Minter
from reskg.queries import WHOLE_ANSWERS, NamedQuery, bind, catalogue, default_dataset, internal
from reskg.store import GraphStore, open_store

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO / "data" / "sources"
RECORDED = REPO / "tests" / "data" / "queries"
RECORD = bool(os.environ.get("RESKG_RECORD_QUERY_ANSWERS"))

# The texts of tests/test_pipeline.py, a third language of UNGA 78/132, two more texts that
# cite what the others cite (for the queries that join ITU and UNGA citations) and one that
# cites a version of Res. 71 which the PP-18 text superseded (stale citations).
DOCS = [
    SOURCES / "itu" / "itu-council-res1334-2023-fr.txt",
    SOURCES / "itu" / "itu-pp18-res140-en.txt",
    SOURCES / "itu" / "itu-pp18-res71-en.txt",
    SOURCES / "itu" / "itu-pp18-res139-en.txt",
    SOURCES / "itu" / "itu-pp18-res169-en.txt",
    SOURCES / "unga" / "unga-78-132-en.txt",
    SOURCES / "unga" / "unga-79-194-en.txt",
    SOURCES / "akn" / "A_RES_78_132-2325902F.xml",
    SOURCES / "akn" / "A_RES_78_132-2325902S.xml",
]
M = Minter()
D = M.base + "akn/un/statement/deliberation/"
FR = M.document("itu-council-res1334-2023-fr.txt")

# Values for the internal queries that have no example: what api.routes.linked_data
# dereferences (a work, a version, an instrument named in the authority, a source
# document, a citation record) and an IRI the graph does not know.
NODES = [
    D + "itu-pp/res-140",
    D + "itu-pp/2018/res-140",
    D + "unga/2023/78-132",
    M.base + "id/instrument/wsis-tunis-agenda-for-the-information-society",
    FR,
    M.base + "id/nothing-of-the-kind",
]
INTERNAL: dict[str, list[dict[str, str]]] = {
    "describe-node": [{"node": node} for node in NODES],
    "node-exists": [{"node": node} for node in NODES],
    "instrument-labels": [{}],
    "lineage-edges": [{}],
    "lineage-nodes": [{}],
    "pages-figures": [{}],
    "pages-names": [{}],
    "pages-texts": [{}],
}


@dataclass(frozen=True)
class Case:
    """One query run: the query, its recording, and the parameter values of this run."""

    query: NamedQuery
    file: Path
    parameters: dict[str, str]

    @property
    def id(self) -> str:
        name = self.file.relative_to(RECORDED).with_suffix("").as_posix()
        if not self.query.parameters:
            return name
        values = ",".join(f"{k}={_short(v)}" for k, v in self.parameters.items())
        return f"{name}[{values or 'free'}]"


def _short(value: str) -> str:
    return value.removeprefix(D).removeprefix(M.base)


def example_values(query: NamedQuery) -> dict[str, str]:
    """The ``--param NAME=VALUE`` pairs of the query's ``# Example:`` header."""
    words = shlex.split(query.example or "")
    return dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w == "--param")


def cases() -> list[Case]:
    found = []
    for query in catalogue().values():
        runs = [example_values(query)]
        if query.parameters:
            runs.append({})
        found += [Case(query, RECORDED / f"{query.name}.json", values) for values in runs]
    for name, runs in INTERNAL.items():
        query = internal(name)
        found += [Case(query, RECORDED / "internal" / f"{name}.json", v) for v in runs]
    for name in ("pages-citations", "pages-clauses"):
        query = internal(name)
        found.append(Case(query, RECORDED / "internal" / f"{name}.json", example_values(query)))
    return found


CASES = cases()


@pytest.fixture(scope="module", params=["embedded", "remote"])
def store(request: pytest.FixtureRequest) -> Iterator[GraphStore]:
    """The same graph in an in-memory store (values bound by the engine's substitution) and
    in an Oxigraph server (values bound by a VALUES block, reskg.store.remote)."""
    if request.param == "remote":
        graph_store = open_store(request.getfixturevalue("oxigraph_server"))
        graph_store.update("DROP SILENT ALL")
    else:
        graph_store = open_store(":memory:")
    report = build(DOCS, graph_store, workers=1, minter=M)
    assert report.failed == ()
    yield graph_store
    graph_store.close()


def _term(cell: dict[str, str]) -> str:
    """A SPARQL JSON results cell as an N-Triples term (blank nodes as ``_:``: their labels
    are the engine's own)."""
    if cell["type"] == "uri":
        return f"<{cell['value']}>"
    if cell["type"] == "bnode":
        return "_:"
    literal = json.dumps(cell["value"], ensure_ascii=False)
    if "xml:lang" in cell:
        return f"{literal}@{cell['xml:lang']}"
    return f"{literal}^^<{cell.get('datatype', 'http://www.w3.org/2001/XMLSchema#string')}>"


# Triples whose object is the time of the ingest or the extractor's version, not the text's.
_VOLATILE = re.compile(
    r"^(.* <(?:http://www\.w3\.org/ns/prov#generatedAtTime"
    r"|https://w3id\.org/reskg/ont#extractorVersion)>) .* \.$"
)


def answer(store: GraphStore, text: str, parameters: dict[str, str], query: NamedQuery) -> Any:
    """The answer as the library and the API get it (the store's default graph, the values
    bound by the engine): rows of terms for a SELECT, sorted N-Triples lines for a
    CONSTRUCT."""
    construct = re.search(r"^\s*CONSTRUCT\b", text, re.MULTILINE | re.IGNORECASE) is not None
    result = store.query(
        text,
        **default_dataset(store),
        media_type="application/n-triples" if construct else "application/sparql-results+json",
        limits=WHOLE_ANSWERS,
        bindings=bind(query, parameters),
    )
    if construct:
        lines = (
            _VOLATILE.sub(r"\1 _:volatile .", line) for line in result.body.decode().splitlines()
        )
        return sorted({line for line in lines if line})
    data = json.loads(result.body)
    rows = [{k: _term(v) for k, v in row.items()} for row in data["results"]["bindings"]]
    return {"columns": data["head"]["vars"], "rows": rows}


# -- ORDER BY and LIMIT ---------------------------------------------------------------

_ORDER = re.compile(r"\bORDER\s+BY\s+(.*?)(?:\bLIMIT\b|\bOFFSET\b|$)", re.IGNORECASE | re.DOTALL)
_LIMIT = re.compile(r"\bLIMIT\s+(\d+)\s*$", re.IGNORECASE)
_ORDER_TERM = re.compile(r"(?:ASC|DESC)?\s*\(([^()]*)\)|(\?\w+)", re.IGNORECASE)


def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def order_keys(text: str) -> list[list[str]] | None:
    """The top-level ``ORDER BY`` of ``text``: per condition, the variables it adds up (the
    queries order by variables and by sums of them); ``None`` without one."""
    match = _ORDER.search(_body(text).rsplit("}", 1)[-1])
    if match is None:
        return None
    return [
        re.findall(r"\?(\w+)", inner or variable)
        for inner, variable in _ORDER_TERM.findall(match.group(1))
    ]


def limit(text: str) -> int | None:
    match = _LIMIT.search(_body(text).strip())
    return int(match.group(1)) if match else None


def _key(row: dict[str, str], keys: list[list[str]]) -> tuple[Any, ...]:
    def value(term: str | None) -> Any:
        if term is None:
            return None
        number = re.match(r'^"([-+0-9.eE]+)"\^\^<http://www.w3.org/2001/XMLSchema#\w+>$', term)
        return float(number.group(1)) if number else term

    key: list[Any] = []
    for variables in keys:
        parts = [value(row.get(v)) for v in variables]
        if len(parts) == 1:
            key.append(parts[0])
        else:
            key.append(None if None in parts else sum(parts))
    return tuple(key)


def runs(rows: list[dict[str, str]], keys: list[list[str]]) -> list[tuple[Any, Counter[str]]]:
    """Consecutive rows with equal sort keys, each run as its key and its rows (a multiset)."""
    found: list[tuple[Any, Counter[str]]] = []
    for row in rows:
        key = _key(row, keys)
        line = json.dumps(row, sort_keys=True, ensure_ascii=False)
        if found and found[-1][0] == key:
            found[-1][1][line] += 1
        else:
            found.append((key, Counter([line])))
    return found


def _lines(rows: list[dict[str, str]]) -> Counter[str]:
    return Counter(json.dumps(row, sort_keys=True, ensure_ascii=False) for row in rows)


# -- recording ------------------------------------------------------------------------


_RECORDED_NOW: set[Path] = set()


def record(store: GraphStore, case: Case, got: Any) -> None:
    entry: dict[str, Any] = {"parameters": case.parameters}
    if isinstance(got, list):
        entry["triples"] = got
    else:
        entry.update(got)
        keys, cut = order_keys(case.query.text), limit(case.query.text)
        if keys:
            entry["order"] = keys
        else:  # rows in no particular order: sorted, so that a re-recording diffs well
            entry["rows"] = sorted(got["rows"], key=lambda r: json.dumps(r, sort_keys=True))
        if keys and cut is not None and len(got["rows"]) == cut and got["rows"]:
            # The whole run of rows that share the last kept row's sort key.
            text = _LIMIT.sub("", case.query.text.rstrip())
            whole = answer(store, text, case.parameters, case.query)["rows"]
            last = _key(got["rows"][-1], keys)
            entry["candidates"] = [r for r in whole if _key(r, keys) == last]
    if case.file in _RECORDED_NOW:
        data = json.loads(case.file.read_text(encoding="utf-8"))
    else:  # the first case of this file in this run: what an older recording held goes
        data = {"query": case.query.name, "cases": []}
        _RECORDED_NOW.add(case.file)
    data["cases"] = [c for c in data["cases"] if c["parameters"] != case.parameters] + [entry]
    data["cases"].sort(key=lambda c: json.dumps(c["parameters"], sort_keys=True))
    case.file.parent.mkdir(parents=True, exist_ok=True)
    case.file.write_text(_dump(data), encoding="utf-8")


def _dump(data: dict[str, Any]) -> str:
    """JSON with one row (or triple) per line, so that a re-recording diffs row by row."""

    def one(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    entries = []
    for entry in data["cases"]:
        fields = []
        for field, value in entry.items():
            if isinstance(value, list) and field != "columns":
                items = ",\n".join(f"   {one(item)}" for item in value)
                fields.append(
                    f"  {one(field)}: [\n{items}\n  ]" if value else f"  {one(field)}: []"
                )
            else:
                fields.append(f"  {one(field)}: {one(value)}")
        entries.append(" {\n" + ",\n".join(fields) + "\n }")
    return f'{{"query": {one(data["query"])}, "cases": [\n' + ",\n".join(entries) + "\n]}\n"


def recorded(case: Case) -> dict[str, Any]:
    data = json.loads(case.file.read_text(encoding="utf-8"))
    for entry in data["cases"]:
        if entry["parameters"] == case.parameters:
            return dict(entry)
    raise AssertionError(f"{case.file} records no answer for {case.parameters}")


# -- the tests ------------------------------------------------------------------------


def test_every_query_is_covered() -> None:
    """A new query of queries/ (or queries/internal/, apart from ingest bookkeeping and the
    update scripts) gets a recorded answer too."""
    covered = {case.query.name for case in CASES}
    internal_files = {p.stem for p in (REPO / "queries" / "internal").glob("*.rq")}
    bookkeeping = {"default-graph-filled", "stored-documents"}
    assert set(catalogue()) <= covered
    assert internal_files - bookkeeping <= covered


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_query_gives_the_recorded_answer(store: GraphStore, case: Case) -> None:
    got = answer(store, case.query.text, case.parameters, case.query)
    if RECORD:
        if store.location == ":memory:":
            record(store, case, got)
        return
    expected = recorded(case)
    if "triples" in expected:
        assert got == expected["triples"]
        return
    assert got["columns"] == expected["columns"]
    assert _lines(got["rows"]) == _lines(expected["rows"]) or "candidates" in expected
    keys = expected.get("order")
    if keys is None:
        return
    got_runs, expected_runs = runs(got["rows"], keys), runs(expected["rows"], keys)
    if "candidates" in expected:
        # The last run was cut by LIMIT: same key and size, rows taken from the whole run.
        *got_runs, (got_key, got_last) = got_runs
        *expected_runs, (expected_key, expected_last) = expected_runs
        assert got_key == expected_key
        assert got_last.total() == expected_last.total()
        assert not got_last - _lines(expected["candidates"])
    assert got_runs == expected_runs
