#!/usr/bin/env python3
"""HTTP query latency and throughput of ``reskg serve`` against two peers on the same data.

    python bench/bench_query.py --store STORE [--docs-dir DIR] [--json FILE]

Dumps the store's dataset (``reskg export --format nq``) and serves it three ways on
127.0.0.1, each answering over its default graph:

1. ``reskg serve`` over the store (its default graph is the deduplicated union of the
   asserted named graphs, docs/architecture.md);
2. the Python peer: rdflib in memory behind rdflib-endpoint, run by ``--peer-python`` (a
   separate venv; ``pip install rdflib-endpoint``), loaded with the store's default graph;
3. the native upper bound: ``oxigraph serve-read-only`` over ``oxigraph load`` of the dump,
   whose default graph is the same union (reskg stores it materialised).

Then, over HTTP with keep-alive: p50/p95 of each named query of ``queries/*.rq``, the
servers' requests interleaved round by round (the same text on all three, parameters
bound by a VALUES block at the head of the WHERE clause, as the remote store binds them),
after checking that the three return the same number of rows;
reskg's ``/lineage`` and ``/instruments`` lookups against SPARQL equivalents (the lineage
query below, a label scan); and requests/s of both lookups under 1, 8 and 32 clients.
Prints a table with absolute figures and ratios (reskg/peer, reskg/oxigraph) and the
machine; ``--json FILE`` writes every figure. ``--docs-dir`` (the generated corpus) is
only recorded. Servers are this process's children and are stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

try:
    import httpx
except ImportError:  # the peer's venv (--serve-rdflib) needs only rdflib-endpoint and uvicorn
    httpx = None  # type: ignore[assignment]

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
JSON = "application/sparql-results+json"
PREFIXES = "PREFIX rkg: <https://w3id.org/reskg/ont#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
# What GET /lineage?id=WORK reports (versions, what cites it, what it cites, with evidence),
# as one SPARQL query for the peers.
LINEAGE = (
    PREFIXES
    + """SELECT ?kind ?version ?year ?revises ?other ?relation ?source ?surface WHERE {
  { BIND("version" AS ?kind)
    ?work rkg:hasVersion ?version .
    OPTIONAL { ?version rkg:versionYear ?year }
    OPTIONAL { ?version rkg:revises ?revises } }
  UNION
  { BIND("cited-by" AS ?kind)
    ?work (rkg:hasVersion?) ?version .
    ?citation rkg:hasCitedEntity ?version ; rkg:hasCitingClause ?clause ;
        rkg:inSourceDocument ?source ; rkg:surface ?surface ; rkg:isSelfReference false .
    ?clause ?relation ?version ; rkg:isClauseOf/rkg:isSectionOf ?other . }
  UNION
  { BIND("cites" AS ?kind)
    ?work (rkg:hasVersion?) ?version .
    ?clause rkg:isClauseOf/rkg:isSectionOf ?version .
    ?citation rkg:hasCitingClause ?clause ; rkg:hasCitedEntity ?other ;
        rkg:inSourceDocument ?source ; rkg:surface ?surface ; rkg:isSelfReference false .
    ?clause ?relation ?other . }
}"""
)
# What GET /instruments?q=TEXT searches (numbers, titles, labels), as a scan for the peers.
SEARCH = (
    PREFIXES
    + """SELECT DISTINCT ?node WHERE {
  { ?node rkg:number ?text } UNION { ?node rkg:title ?text } UNION { ?node skos:altLabel ?text }
  FILTER(CONTAINS(LCASE(STR(?text)), LCASE(?q)))
} ORDER BY ?node LIMIT 20"""
)
PICK = {
    "chains": "SELECT ?work (COUNT(DISTINCT ?v) AS ?n) WHERE { ?work rkg:hasVersion ?v } "
    "GROUP BY ?work ORDER BY DESC(?n) ?work",
    "documents": "SELECT ?doc (COUNT(?c) AS ?n) WHERE { ?c rkg:inSourceDocument ?doc } "
    "GROUP BY ?doc ORDER BY ?n ?doc",
    "numbers": "SELECT DISTINCT ?work ?number "
    "WHERE { ?work rkg:hasVersion ?v ; rkg:number ?number } ORDER BY ?work",
}


class Server:
    """One SPARQL endpoint this benchmark started: name, query URL, process, log."""

    def __init__(self, name: str, url: str, args: list[str], log: Path, env: Any = None) -> None:
        self.name, self.url, self.log, self.args, self.env = name, url, log, args, env
        self.probe = url
        self.start()

    def start(self) -> None:
        out = self.log.open("ab")
        self.proc = subprocess.Popen(self.args, stdout=out, stderr=subprocess.STDOUT, env=self.env)

    def stop(self, grace: float = 20) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def restart(self, client: httpx.Client) -> None:
        """rdflib-endpoint evaluates a query on its event loop and cannot cancel it: after a
        timeout (or a burst of queued requests) the peer is restarted so that it does not go
        on computing through the next measurement."""
        self.stop(grace=0)
        self.start()
        wait_up(client, self, self.probe, 3600)


def wait_up(client: httpx.Client, server: Server, probe: str, limit: float) -> float:
    """Seconds until ``probe`` answers 200 (the server has loaded its data)."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if server.proc.poll() is not None:
            sys.exit(f"{server.name} exited; see {server.log}")
        with contextlib.suppress(httpx.HTTPError):
            if client.get(probe, timeout=5).status_code == 200:
                return time.perf_counter() - start
        time.sleep(0.5)
    sys.exit(f"{server.name} not up after {limit:.0f} s; see {server.log}")


def bind(query: str, values: dict[str, str]) -> str:
    """``query`` with ``values`` (N-Triples terms) bound by a VALUES block at the head of its
    WHERE clause, so every engine starts from the bound value."""
    if not values:
        return query
    names = sorted(values)
    block = (
        f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(values[n] for n in names)}) }}"
    )
    where = re.search(r"WHERE\s*\{", query, re.IGNORECASE)
    assert where is not None, query
    return query[: where.end()] + "\n  " + block + "\n" + query[where.end() :]


def sparql(client: httpx.Client, url: str, query: str, timeout: float) -> tuple[float, int | str]:
    """Seconds and rows of one SPARQL request, or the error as a string."""
    start = time.perf_counter()
    try:
        r = client.post(
            url,
            content=query.encode(),
            timeout=timeout,
            headers={"content-type": "application/sparql-query", "accept": JSON},
        )
        seconds = time.perf_counter() - start
        if r.status_code != 200:
            return seconds, f"HTTP {r.status_code}"
        body = r.json()
        return seconds, len(body["results"]["bindings"]) if "results" in body else 1
    except httpx.TimeoutException:
        return time.perf_counter() - start, "timeout"
    except ValueError:  # Oxigraph cancels at --timeout-s with a 200 and a cut body
        return time.perf_counter() - start, "timeout (cut answer)"
    except httpx.HTTPError as error:
        return time.perf_counter() - start, type(error).__name__


def get(client: httpx.Client, url: str, timeout: float) -> tuple[float, int | str]:
    start = time.perf_counter()
    try:
        r = client.get(url, timeout=timeout)
    except httpx.TimeoutException:
        return time.perf_counter() - start, "timeout"
    seconds = time.perf_counter() - start
    return seconds, 1 if r.status_code == 200 else f"HTTP {r.status_code}"


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50_ms": statistics.median(ordered) * 1000, "p95_ms": p95 * 1000, "n": len(ordered)}


def timed(call: Any, repeat: int, budget: float, first: Any = None) -> dict[str, Any]:
    """Latency of ``call`` (returning seconds, rows or error): a warm-up (``first``, the
    request already made, when given), then up to ``repeat`` requests or ``budget`` seconds,
    at least three; a warm-up slower than ``budget`` is the only sample."""
    return timed_together({"": call}, repeat, budget, {"": first} if first else None)[""]


def timed_together(
    calls: dict[str, Any], repeat: int, budget: float, first: dict[str, Any] | None = None
) -> dict[str, dict[str, Any]]:
    """:func:`timed` for several servers at once, their requests interleaved: round after
    round, each server once, in an order that alternates. A change in the machine's load
    during the run then falls on every server alike, which matters for the ratios of
    millisecond queries. Each server has its own ``budget`` and leaves the rounds at its
    first error or when its budget is spent (after three samples)."""
    results: dict[str, dict[str, Any]] = {}
    samples: dict[str, list[float]] = {name: [] for name in calls}
    spent: dict[str, float] = {}
    for name, call in calls.items():
        seconds, rows = first[name] if first and first.get(name) else call(0)
        if isinstance(rows, str):
            results[name] = {"error": rows}
        elif seconds > budget:
            results[name] = percentiles([seconds])
        spent[name] = 0.0
    for i in range(repeat):
        active = [name for name in calls if name not in results]
        if not active:
            break
        for name in active if i % 2 == 0 else active[::-1]:
            if i >= 3 and spent[name] > budget:
                results[name] = percentiles(samples[name])
                continue
            seconds, rows = calls[name](i + 1)
            if isinstance(rows, str):
                results[name] = {"error": rows}
                continue
            samples[name].append(seconds)
            spent[name] += seconds
    for name in calls:
        if name not in results:
            results[name] = percentiles(samples[name])
    return {name: results[name] for name in calls}


async def throughput(urls: list[Any], clients: int, seconds: float, timeout: float) -> dict:
    """Requests/s of ``clients`` concurrent clients cycling through ``urls`` (GET URLs, or
    (url, query) pairs POSTed as SPARQL) for ``seconds``."""
    done, errors = 0, 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:
        stop = time.perf_counter() + seconds

        async def worker(k: int) -> None:
            nonlocal done, errors
            i = k
            while time.perf_counter() < stop:
                target = urls[i % len(urls)]
                i += clients
                try:
                    if isinstance(target, str):
                        r = await client.get(target)
                    else:
                        r = await client.post(
                            target[0],
                            content=target[1].encode(),
                            headers={"content-type": "application/sparql-query", "accept": JSON},
                        )
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                done, errors = done + ok, errors + (not ok)

        start = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(clients)))
        elapsed = time.perf_counter() - start
    return {"rps": done / elapsed, "requests": done, "errors": errors, "seconds": elapsed}


def dump(store: Path, work: Path, peer: bool = True) -> dict[str, Any]:
    """The store's dataset as N-Quads, and its default graph as N-Triples (for rdflib,
    when ``peer``)."""
    from pyoxigraph import DefaultGraph, RdfFormat, parse, serialize

    nq, nt = work / "dataset.nq", work / "default.nt"
    start = time.perf_counter()
    subprocess.run(
        [str(BIN / "reskg"), "export", "--format", "nq", "--out", str(nq), "--store", str(store)],
        check=True,
    )
    export_s = time.perf_counter() - start
    quads = triples = 0
    with nq.open("rb") as source, nt.open("wb") as out:
        batch = []
        for quad in parse(source, format=RdfFormat.N_QUADS):
            quads += 1
            if quad.graph_name == DefaultGraph():
                if not peer:
                    triples += 1
                    continue
                batch.append(quad.triple)
                if len(batch) >= 50_000:
                    out.write(serialize(batch, format=RdfFormat.N_TRIPLES) or b"")
                    triples, batch = triples + len(batch), []
        out.write(serialize(batch, format=RdfFormat.N_TRIPLES) or b"")
        triples += len(batch)
    return {
        "nq": nq,
        "nt": nt,
        "export_s": export_s,
        "quads": quads,
        "default_triples": triples,
        "nq_mb": nq.stat().st_size / 1e6,
    }


def serve_rdflib(nt: str, port: int) -> None:
    """Peer mode, run by --peer-python: rdflib in memory behind rdflib-endpoint."""
    import uvicorn
    from rdflib import Graph
    from rdflib_endpoint import SparqlEndpoint

    start = time.perf_counter()
    graph = Graph()
    graph.parse(nt, format="nt")
    print(f"loaded {len(graph)} triples in {time.perf_counter() - start:.1f} s", flush=True)
    app = SparqlEndpoint(graph=graph, path="/sparql", cors_enabled=False)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


def machine(peer_python: str) -> dict[str, Any]:
    import fastapi
    import pyoxigraph
    import uvicorn

    import reskg

    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    peer = subprocess.run(
        [
            peer_python,
            "-c",
            "import importlib.metadata as m, sys; print(sys.version"
            ".split()[0], *(m.version(p) for p in ('rdflib', 'rdflib-endpoint', "
            "'fastapi', 'uvicorn')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    py, rdflib_v, endpoint_v, peer_fastapi, peer_uvicorn = peer.stdout.split()
    oxigraph = subprocess.run([str(BIN / "oxigraph"), "--version"], capture_output=True, text=True)
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {int(mem) / 2**20:.1f} GiB RAM",
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "reskg": reskg.__version__,
        "pyoxigraph": pyoxigraph.__version__,
        "fastapi": fastapi.__version__,
        "uvicorn": uvicorn.__version__ if hasattr(uvicorn, "__version__") else "?",
        "oxigraph_server": oxigraph.stdout.strip(),
        "peer_python": py,
        "rdflib": rdflib_v,
        "rdflib_endpoint": endpoint_v,
        "peer_fastapi": peer_fastapi,
        "peer_uvicorn": peer_uvicorn,
    }


def named_queries() -> dict[str, Any]:
    from reskg.queries import catalogue

    return catalogue()


def pick(client: httpx.Client, url: str) -> dict[str, Any]:
    """Representative bindings, read from the data (by the oxigraph server)."""

    def rows(query: str) -> list[dict[str, str]]:
        r = client.post(
            url,
            content=(PREFIXES + query).encode(),
            timeout=600,
            headers={"content-type": "application/sparql-query", "accept": JSON},
        )
        r.raise_for_status()
        return [{k: v["value"] for k, v in b.items()} for b in r.json()["results"]["bindings"]]

    chains, documents, numbers = (rows(PICK[k]) for k in ("chains", "documents", "numbers"))
    from reskg.queries import named

    most = rows(named("most-cited").text)
    step = max(1, len(numbers) // 40)
    return {
        "work": chains[0]["work"],
        "versions": int(chains[0]["n"]),
        "document": documents[len(documents) // 2]["doc"],
        "hub": most[0]["work"],
        "works": [n["work"] for n in numbers[::step]][:40],
        "numbers": sorted({n["number"] for n in numbers[::step]})[:40],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="an ingested reskg store folder")
    parser.add_argument("--docs-dir", type=Path, help="the corpus the store was built from")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--peer-python", default=str(REPO / ".bench-venv" / "bin" / "python"))
    parser.add_argument("--repeat", type=int, default=20, help="requests per query and server")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per query and server")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request")
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=10.0, help="per throughput run")
    parser.add_argument("--port", type=int, default=18700, help="first of three ports")
    parser.add_argument(
        "--no-python-peer",
        action="store_true",
        help="leave rdflib out (a dataset it cannot hold in memory on this machine)",
    )
    parser.add_argument("--serve-rdflib", help=argparse.SUPPRESS)  # peer mode: N-Triples file
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    if args.serve_rdflib:
        serve_rdflib(args.serve_rdflib, args.port)
        return 0
    if args.store is None or not args.store.is_dir():
        parser.error("--store must be an ingested reskg store folder")
    if not Path(args.peer_python).exists():
        parser.error(
            f"no peer Python at {args.peer_python}: python -m venv .bench-venv && "
            ".bench-venv/bin/pip install rdflib-endpoint"
        )
    work = Path(tempfile.mkdtemp(prefix="reskg-bench-query-"))
    report: dict[str, Any] = {"store": str(args.store), "docs_dir": str(args.docs_dir or "")}
    report |= machine(args.peer_python)
    servers: list[Server] = []
    try:
        data = dump(args.store, work, peer=not args.no_python_peer)
        report["dataset"] = {k: v for k, v in data.items() if k not in ("nq", "nt")}
        start = time.perf_counter()
        subprocess.run(
            [
                str(BIN / "oxigraph"),
                "load",
                "--location",
                str(work / "oxigraph"),
                "--file",
                str(data["nq"]),
            ],
            check=True,
            capture_output=True,
        )
        report["dataset"]["oxigraph_load_s"] = time.perf_counter() - start
        env = os.environ | {"RESKG_QUERY_TIMEOUT": "60", "RESKG_MAX_RESULT_ROWS": "1000000"}
        host = "http://127.0.0.1"
        p = args.port
        servers = [
            Server(
                "reskg",
                f"{host}:{p}/sparql",
                [
                    str(BIN / "reskg"),
                    "serve",
                    "--store",
                    str(args.store),
                    "--port",
                    str(p),
                    "--no-build-if-empty",
                ],
                work / "reskg.log",
                env,
            ),
            Server(
                "rdflib",
                f"{host}:{p + 1}/sparql",
                [
                    args.peer_python,
                    __file__,
                    "--serve-rdflib",
                    str(data["nt"]),
                    "--port",
                    str(p + 1),
                ],
                work / "rdflib.log",
            ),
            Server(
                "oxigraph",
                f"{host}:{p + 2}/query",
                [
                    str(BIN / "oxigraph"),
                    "serve-read-only",
                    "--location",
                    str(work / "oxigraph"),
                    "--bind",
                    f"127.0.0.1:{p + 2}",
                    "--timeout-s",
                    str(int(args.timeout)),
                ],
                work / "oxigraph.log",
            ),
        ]
        if args.no_python_peer:
            servers = [s for s in servers if s.name != "rdflib"]
            report["python_peer"] = "left out (--no-python-peer)"
        by_name = {s.name: s for s in servers}
        client = httpx.Client(http2=False)
        ask = str(httpx.QueryParams({"query": "ASK {}"}))
        probe = {
            "reskg": f"{host}:{p}/queries",
            "rdflib": f"{host}:{p + 1}/sparql?{ask}",
            "oxigraph": f"{host}:{p + 2}/query?{ask}",
        }
        for s in servers:
            s.probe = probe[s.name]
        report["startup_s"] = {s.name: wait_up(client, s, s.probe, 3600) for s in servers}
        report["bindings"] = chosen = pick(client, by_name["oxigraph"].url)
        print(json.dumps({k: report[k] for k in ("machine", "dataset", "startup_s")}, indent=1))
        results = report["queries"] = {}
        values = {
            "work": f"<{chosen['work']}>",
            "instrument": f"<{chosen['hub']}>",
            "document": f"<{chosen['document']}>",
            "date": '"2012-06-30"^^<http://www.w3.org/2001/XMLSchema#date>',
        }
        texts = {"(floor) ASK {}": "ASK {}"}
        for name, query in named_queries().items():
            given = {p.name: values[p.name] for p in query.parameters}
            if name == "language-versions":
                given = {"instrument": values["work"]}
            texts[name] = bind(query.text, given)
        texts["lineage (SPARQL)"] = bind(LINEAGE, {"work": values["work"]})
        texts["instruments (SPARQL)"] = bind(SEARCH, {"q": json.dumps(chosen["numbers"][0])})
        for name, text in texts.items():
            first = {}
            for s in servers:
                first[s.name] = sparql(client, s.url, text, args.timeout)
                if s.name == "rdflib" and str(first[s.name][1]).startswith("timeout"):
                    s.restart(client)
            rows = {n: r for n, (_, r) in first.items()}
            entry: dict[str, Any] = {"rows": rows, "same_rows": len(set(rows.values())) == 1}
            entry |= timed_together(
                {
                    s.name: lambda _i, s=s, text=text: sparql(client, s.url, text, args.timeout)
                    for s in servers
                },
                args.repeat,
                args.budget,
                first,
            )
            results[name] = entry
            print(name, json.dumps(entry), flush=True)
        lineage_urls = [
            f"{host}:{p}/lineage?" + str(httpx.QueryParams({"id": w})) for w in chosen["works"]
        ]
        search_urls = [
            f"{host}:{p}/instruments?" + str(httpx.QueryParams({"q": n})) for n in chosen["numbers"]
        ]
        results["lineage (reskg /lineage)"] = {
            "reskg": timed(
                lambda i: get(client, lineage_urls[i % len(lineage_urls)], args.timeout),
                args.repeat,
                args.budget,
            )
        }
        results["instruments (reskg /instruments)"] = {
            "reskg": timed(
                lambda i: get(client, search_urls[i % len(search_urls)], args.timeout),
                args.repeat,
                args.budget,
            )
        }
        lineage_q = [bind(LINEAGE, {"work": f"<{w}>"}) for w in chosen["works"]]
        search_q = [bind(SEARCH, {"q": json.dumps(n)}) for n in chosen["numbers"]]
        plan: dict[str, dict[str, list[Any]]] = {
            "lineage": {"reskg": lineage_urls},
            "instruments": {"reskg": search_urls},
        }
        for s in servers:
            key = "reskg /sparql" if s.name == "reskg" else s.name
            plan["lineage"][key] = [(s.url, q) for q in lineage_q]
            plan["instruments"][key] = [(s.url, q) for q in search_q]
        report["throughput"] = through = {}
        for lookup, per_server in plan.items():
            for clients in (int(c) for c in args.clients.split(",")):
                for name, urls in per_server.items():
                    run = asyncio.run(throughput(urls, clients, args.seconds, args.timeout))
                    through[f"{lookup}|{clients}|{name}"] = run
                    if name == "rdflib":
                        by_name["rdflib"].restart(client)
                    print(lookup, clients, name, json.dumps(run), flush=True)
    finally:
        for s in servers:
            s.stop()
        for s in servers:
            report.setdefault("logs", {})[s.name] = s.log.read_text(errors="replace")[-2000:]
        shutil.rmtree(work / "oxigraph", ignore_errors=True)
    print()
    print(table(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, default=str))
    shutil.rmtree(work, ignore_errors=True)
    return 0


def table(report: dict[str, Any]) -> str:
    """The Markdown tables of the report: latency per query, throughput per lookup."""
    lines = [
        f"machine: {report['machine']}; Python {report['python']}; load average at start "
        f"{', '.join(f'{x:.1f}' for x in report['load_average'])}",
        f"reskg {report['reskg']} (pyoxigraph {report['pyoxigraph']}, fastapi "
        f"{report['fastapi']}); rdflib {report['rdflib']} + rdflib-endpoint "
        f"{report['rdflib_endpoint']}; {report['oxigraph_server']}",
        f"dataset: {report['dataset']['quads']:,} quads ({report['dataset']['nq_mb']:.0f} MB "
        f"N-Quads), default graph {report['dataset']['default_triples']:,} triples; "
        f"start-up s: {report['startup_s']}",
        "",
    ]
    lines += [
        "| query | rows | reskg p50 / p95 ms | rdflib p50 / p95 ms | oxigraph p50 / p95 ms"
        " | reskg÷rdflib | reskg÷oxigraph |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]

    def cell(entry: dict[str, Any], name: str) -> str:
        got = entry.get(name)
        if got is None:
            return "–"
        return got["error"] if "error" in got else f"{got['p50_ms']:.1f} / {got['p95_ms']:.1f}"

    def ratio(entry: dict[str, Any], a: str, b: str) -> str:
        x, y = entry.get(a, {}), entry.get(b, {})
        return f"{x['p50_ms'] / y['p50_ms']:.2f}x" if "p50_ms" in x and "p50_ms" in y else "–"

    for name, entry in report["queries"].items():
        rows = entry.get("rows", {})
        shown = (
            (
                str(next(iter(rows.values())))
                if entry.get("same_rows")
                else "DIFFER " + json.dumps(rows)
            )
            if rows
            else "–"
        )
        lines.append(
            f"| {name} | {shown} | {cell(entry, 'reskg')} | {cell(entry, 'rdflib')} | "
            f"{cell(entry, 'oxigraph')} | {ratio(entry, 'reskg', 'rdflib')} | "
            f"{ratio(entry, 'reskg', 'oxigraph')} |"
        )
    lines += [
        "",
        "Latency ratios: reskg p50 ÷ peer p50 (below 1: reskg faster). Throughput in "
        "requests/s: reskg through its /lineage and /instruments endpoints and through /sparql "
        "with the SPARQL equivalents the peers answer; ratios: reskg endpoint ÷ peer (above 1: "
        "reskg faster).",
        "",
        "| lookup | clients | reskg | reskg /sparql | rdflib | oxigraph | reskg÷rdflib"
        " | reskg÷oxigraph |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    through = report.get("throughput", {})
    keys = sorted({tuple(k.split("|")[:2]) for k in through}, key=lambda k: (k[0], int(k[1])))
    names = ("reskg", "reskg /sparql", "rdflib", "oxigraph")
    for lookup, clients in keys:
        rps = {n: through.get(f"{lookup}|{clients}|{n}", {}).get("rps") for n in names}
        shown = " | ".join(f"{rps[n]:.1f}" if rps[n] else "–" for n in names)
        ratios = [
            f"{rps['reskg'] / rps[n]:.2f}x" if rps["reskg"] and rps[n] else "–"
            for n in ("rdflib", "oxigraph")
        ]
        lines.append(f"| {lookup} | {clients} | {shown} | {' | '.join(ratios)} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
