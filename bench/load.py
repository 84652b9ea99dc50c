"""A bounded load test: N concurrent clients for T seconds against a real ``reskg serve``.

    python bench/load.py [--clients 50] [--duration 60] [--store DIR] [--json]

1. the store: ``--store DIR`` (a built store folder), or else the default graph, built once
   from ``data/sources`` with ``reskg ingest`` into a cache folder (``--cache``; ingest is
   incremental, so later runs only check it) and served from a fresh copy, so that
   nothing another process has open is touched;
2. ``reskg serve`` as a subprocess on 127.0.0.1 and a free port, with a short query
   timeout (``--query-timeout``, ``RESKG_QUERY_TIMEOUT``);
3. ``--clients`` httpx async clients for ``--duration`` seconds. ``--slow-clients`` of them
   (default 1) send only a deliberately slow SPARQL query (a three-way cross product), which
   must get the intended 503 after the query timeout; the others mix /lineage lookups,
   /instruments searches, dereferenced IRIs, named queries (/queries/NAME) and SPARQL
   SELECTs, drawn with a seeded random generator from what the served graph holds;
4. every second, the resident memory (VmRSS) of the server and of the server with its
   query workers;
5. at the end, ``/health`` must still answer.

It prints, per kind, the count, status counts and p50/p95/p99 latency, and the RSS figures
(text, or JSON with ``--json``). It exits 1 if any 5xx other than the slow queries' 503
occurred, if a slow query got anything but 503, if a request failed at the transport
level (refused, reset, client timeout), if the server died or stopped answering
``/health``, or if the server's peak RSS passed ``--max-rss-mb``. ``tests/api/test_load.py``
runs a short version of the same engine over the small test graph.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "data" / "sources"
CACHE = Path(tempfile.gettempdir()) / "reskg-load-store"
BASE_IRI = "https://w3id.org/reskg/"  # the default RESKG_BASE: the served store is built with it

FAST_WEIGHTS: dict[str, int] = {
    "lineage": 20,
    "instruments": 20,
    "deref": 20,
    "named": 20,
    "sparql": 20,
}
KINDS = (*FAST_WEIGHTS, "slow")
# Counting a three-way cross product of every triple: never done within the timeout.
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SELECTS = [
    "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 10",
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 20",
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label "
    'FILTER(CONTAINS(LCASE(STR(?label)), "resolution")) } LIMIT 20',
    "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
    "ASK { ?s a ?c }",
    "SELECT * WHERE { ?s ?p ?o } LIMIT 50",
]
ACCEPTS = ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"]


# -- the store and the server ---------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(extra: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without any RESKG_* setting, plus ``extra``."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("RESKG")}
    environment.update(extra)
    return environment


def build_default_store(cache: Path = CACHE, sources: Path = SOURCES) -> Path:
    """The default graph of ``sources`` in ``cache/store``, built or brought up to date by
    ``reskg ingest`` (which skips unchanged documents). A document that fails is reported
    by ingest and left out, as ``make run`` does."""
    store = cache / "store"
    cache.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "reskg", "ingest", str(sources), "--store", str(store)]
    print(f"load: reskg ingest {sources} --store {store}", file=sys.stderr, flush=True)
    result = subprocess.run(command, env=_environment({}), check=False)
    if result.returncode not in (0, 1):  # 1: some documents failed, the rest went in
        raise SystemExit(f"load: reskg ingest exited {result.returncode}")
    return store


@dataclass
class ServerProcess:
    """A running ``reskg serve``: its base URL, process and log file."""

    base: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None


@contextmanager
def serve(
    store: Path,
    *,
    query_timeout: float,
    workers: int | None = None,
    env: Mapping[str, str] | None = None,
    startup: float = 120.0,
) -> Iterator[ServerProcess]:
    """Run ``reskg serve`` over ``store`` (a folder no other process has open) on a free
    port of 127.0.0.1 until the block ends."""
    port = free_port()
    settings = {"RESKG_QUERY_TIMEOUT": f"{query_timeout:g}", **(env or {})}
    if workers is not None:
        settings["RESKG_QUERY_WORKERS"] = str(workers)
    command = [
        sys.executable,
        "-m",
        "reskg",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--store",
        str(store),
        "--no-build-if-empty",
    ]
    log_path = store.with_name(f"{store.name}-server.log")
    with log_path.open("wb") as log:  # a file, not a pipe: nobody would read a pipe
        process = subprocess.Popen(
            command, env=_environment(settings), stdout=log, stderr=subprocess.STDOUT
        )
        server = ServerProcess(f"http://127.0.0.1:{port}", process, log_path)
        try:
            _wait_for_health(server, startup)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_for_health(server: ServerProcess, within: float) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not server.alive():
            output = server.log.read_text(errors="replace")[-4000:]
            raise RuntimeError(f"reskg serve exited early:\n{output}")
        with suppress(httpx.TransportError):
            if httpx.get(f"{server.base}/health", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"reskg serve did not answer /health within {within:g} s")


# -- memory ---------------------------------------------------------------------------------


def rss_kib(pid: int) -> int:
    """VmRSS of ``pid`` in KiB (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(r"^VmRSS:\s+(\d+)\s+kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (its query workers), from /proc."""
    found: list[int] = []
    pending = [pid]
    while pending:
        current = pending.pop()
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            with suppress(OSError):
                for child in children.read_text().split():
                    found.append(int(child))
                    pending.append(int(child))
    return found


@dataclass
class MemorySample:
    at: float  # seconds since the load started
    server_kib: int
    tree_kib: int  # the server and its query workers


def sample_memory(pid: int, at: float) -> MemorySample:
    server = rss_kib(pid)
    return MemorySample(at, server, server + sum(rss_kib(child) for child in descendants(pid)))


# -- what to ask ----------------------------------------------------------------------------


@dataclass
class Workload:
    """Requests drawn from what the served graph holds."""

    instruments: list[dict[str, Any]]
    named: list[tuple[str, dict[str, str]]]

    def request(self, kind: str, rng: random.Random) -> tuple[str, dict[str, Any], dict[str, str]]:
        """(path, query parameters, headers) of one request of ``kind``."""
        if kind == "slow":
            return "/sparql", {"query": SLOW_QUERY}, {}
        if kind == "sparql":
            query = rng.choice(SELECTS)
            accepts = ACCEPTS if query.startswith("SELECT") else ACCEPTS[::2]  # ASK: no CSV
            return "/sparql", {"query": query}, {"Accept": rng.choice(accepts)}
        if kind == "named":
            name, example = rng.choice(self.named)
            return f"/queries/{name}", dict(example), {}
        instrument = rng.choice(self.instruments)
        if kind == "lineage":
            params: dict[str, Any] = {
                "direction": rng.choice(["up", "down", "both"]),
                "depth": rng.randint(1, 3),
            }
            if rng.random() < 0.5:
                params["id"] = instrument["id"]
            else:
                params["cite"] = instrument["label"]
            return "/lineage", params, {}
        if kind == "instruments":
            words = instrument.get("number") or instrument["label"]
            return "/instruments", {"q": rng.choice([words, instrument["label"], ""])}, {}
        if kind == "deref":
            path = "/" + quote(instrument["id"][len(BASE_IRI) :], safe="/@:")
            if rng.random() < 0.5:
                return path, {"format": rng.choice(["ttl", "jsonld", "nt"])}, {}
            return path, {}, {"Accept": rng.choice(["text/turtle", "text/html"])}
        raise ValueError(f"unknown kind {kind!r}")


_PARAM = re.compile(r"--param (\w+)=(\S+)")


async def discover(client: httpx.AsyncClient, skip_named: Collection[str] = ()) -> Workload:
    """The instruments of the served graph and the named queries with their examples
    (``skip_named`` left out)."""
    instruments: list[dict[str, Any]] = []
    url: str | None = "/instruments?limit=100"
    while url is not None and len(instruments) < 1000:
        page = (await client.get(url)).raise_for_status().json()
        instruments += [item for item in page["items"] if item["id"].startswith(BASE_IRI)]
        url = page["next"]
    if not instruments:
        raise RuntimeError("the served graph holds no instrument")
    named = [
        (query["name"], dict(_PARAM.findall(query["example"] or "")))
        for query in (await client.get("/queries")).raise_for_status().json()
        if query["name"] not in skip_named
    ]
    return Workload(instruments, named)


# -- the run --------------------------------------------------------------------------------


@dataclass
class KindStats:
    count: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    # why each 503 came: "ran too long" (stopped at the deadline) or "workers busy" (no
    # query worker became free before the deadline), from the problem's detail
    shed: Counter[str] = field(default_factory=Counter)

    def add(self, status: str, seconds: float) -> None:
        self.count += 1
        self.statuses[status] += 1
        self.latencies.append(seconds)

    def percentile(self, share: float) -> float | None:
        """Nearest-rank percentile in seconds."""
        if not self.latencies:
            return None
        ordered = sorted(self.latencies)
        rank = max(1, round(share * len(ordered) + 0.5))
        return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Report:
    clients: int
    slow_clients: int
    duration: float
    query_timeout: float
    workers: int | None
    store: str
    elapsed: float = 0.0
    kinds: dict[str, KindStats] = field(default_factory=lambda: {k: KindStats() for k in KINDS})
    memory: list[MemorySample] = field(default_factory=list)
    transport_errors: Counter[str] = field(default_factory=Counter)
    alive_at_end: bool = False
    health_at_end: bool = False
    max_rss_mb: float | None = None
    skip_named: list[str] = field(default_factory=list)
    # the machine's 1-minute load average at the start and at the end: other work on the
    # machine shows here, and the latencies are worth what the machine had to give
    load_average: list[float] = field(default_factory=list)

    # -- verdict --------------------------------------------------------------------------

    def unexpected_5xx(self) -> int:
        """5xx answers other than the slow queries' 503."""
        total = 0
        for kind, stats in self.kinds.items():
            for status, count in stats.statuses.items():
                if (
                    status.isdigit()
                    and int(status) >= 500
                    and not (kind == "slow" and status == "503")
                ):
                    total += count
        return total

    def peak_server_mb(self) -> float:
        return max((s.server_kib for s in self.memory), default=0) / 1024

    def peak_tree_mb(self) -> float:
        return max((s.tree_kib for s in self.memory), default=0) / 1024

    def failures(self) -> list[str]:
        out = []
        if self.unexpected_5xx():
            out.append(f"{self.unexpected_5xx()} unexpected 5xx answers")
        answered = {s: n for s, n in self.kinds["slow"].statuses.items() if s.isdigit()}
        others = {s: n for s, n in answered.items() if s != "503"}
        if others:
            out.append(f"slow queries answered other than 503: {others}")
        if self.transport_errors:
            out.append(f"transport errors: {dict(self.transport_errors)}")
        if not self.alive_at_end:
            out.append("the server died")
        elif not self.health_at_end:
            out.append("the server did not answer /health at the end")
        if self.max_rss_mb is not None and self.peak_server_mb() > self.max_rss_mb:
            out.append(f"server RSS peaked at {self.peak_server_mb():.0f} MB > {self.max_rss_mb:g}")
        return out

    # -- output ---------------------------------------------------------------------------

    def as_json(self) -> dict[str, Any]:
        def ms(value: float | None) -> float | None:
            return None if value is None else round(value * 1000, 1)

        return {
            "machine": machine(),
            "config": {
                "clients": self.clients,
                "slow_clients": self.slow_clients,
                "duration_s": self.duration,
                "query_timeout_s": self.query_timeout,
                "query_workers": self.workers,
                "store": self.store,
                "skipped_named_queries": self.skip_named,
            },
            "load_average": [round(value, 2) for value in self.load_average],
            "elapsed_s": round(self.elapsed, 2),
            "kinds": {
                kind: {
                    "count": stats.count,
                    "per_s": round(stats.count / self.elapsed, 1) if self.elapsed else None,
                    "statuses": dict(sorted(stats.statuses.items())),
                    "why_503": dict(sorted(stats.shed.items())),
                    "p50_ms": ms(stats.percentile(0.50)),
                    "p95_ms": ms(stats.percentile(0.95)),
                    "p99_ms": ms(stats.percentile(0.99)),
                    "max_ms": ms(max(stats.latencies, default=None)),
                }
                for kind, stats in self.kinds.items()
            },
            "total_requests": sum(stats.count for stats in self.kinds.values()),
            "unexpected_5xx": self.unexpected_5xx(),
            "transport_errors": dict(self.transport_errors),
            "rss_mb": {
                "server_start": round(self.memory[0].server_kib / 1024, 1) if self.memory else None,
                "server_peak": round(self.peak_server_mb(), 1),
                "server_end": round(self.memory[-1].server_kib / 1024, 1) if self.memory else None,
                "with_workers_peak": round(self.peak_tree_mb(), 1),
                "samples": len(self.memory),
            },
            "alive_at_end": self.alive_at_end,
            "health_at_end": self.health_at_end,
            "failures": self.failures(),
        }

    def text(self) -> str:
        data = self.as_json()
        config = data["config"]
        lines = [
            f"reskg load: {config['clients']} clients ({config['slow_clients']} slow) for "
            f"{config['duration_s']:g} s, query timeout {config['query_timeout_s']:g} s, "
            f"{config['query_workers'] or 'default'} query workers",
            f"machine: {data['machine']}; load average "
            + " -> ".join(f"{value:g}" for value in data["load_average"]),
            f"store: {config['store']}",
            f"named queries left out: {', '.join(config['skipped_named_queries']) or 'none'}",
            "",
            f"{'kind':<12}{'count':>8}{'/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
            f"{'max ms':>9}  statuses",
        ]
        for kind, row in data["kinds"].items():

            def cell(value: float | None) -> str:
                return f"{value:>9.0f}" if value is not None else f"{'-':>9}"

            statuses = " ".join(f"{s}:{n}" for s, n in row["statuses"].items())
            if row["why_503"]:
                statuses += " (503: " + ", ".join(f"{w} {n}" for w, n in row["why_503"].items())
                statuses += ")"
            lines.append(
                f"{kind:<12}{row['count']:>8}{row['per_s'] or 0:>8.1f}{cell(row['p50_ms'])}"
                f"{cell(row['p95_ms'])}{cell(row['p99_ms'])}{cell(row['max_ms'])}  {statuses}"
            )
        rss = data["rss_mb"]
        lines += [
            "",
            f"requests: {data['total_requests']} in {data['elapsed_s']:g} s; "
            f"unexpected 5xx: {data['unexpected_5xx']}; "
            f"transport errors: {sum(data['transport_errors'].values())}",
            f"server RSS: {rss['server_start']} MB at start, {rss['server_peak']} MB peak, "
            f"{rss['server_end']} MB at end; with query workers {rss['with_workers_peak']} MB "
            f"peak ({rss['samples']} samples)",
            f"server alive at end: {data['alive_at_end']}; /health: {data['health_at_end']}",
            "verdict: "
            + ("PASS" if not data["failures"] else "FAIL: " + "; ".join(data["failures"])),
        ]
        return "\n".join(lines)


def machine() -> str:
    memory = ""
    with suppress(OSError):
        match = re.search(r"MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text())
        if match:
            memory = f", {int(match.group(1)) / 1024 / 1024:.0f} GiB"
    return (
        f"{os.cpu_count()} cores{memory}, {platform.system()} {platform.machine()}, "
        f"Python {platform.python_version()}"
    )


def _why_503(response: httpx.Response) -> str:
    try:
        detail = str(response.json().get("detail", ""))
    except ValueError:
        detail = ""
    if "stayed busy" in detail:
        return "workers busy"
    if "ran longer" in detail:
        return "ran too long"
    return "other"


async def _client(
    number: int,
    client: httpx.AsyncClient,
    workload: Workload,
    report: Report,
    stop_at: float,
    seed: int,
) -> None:
    rng = random.Random(seed * 1_000_003 + number)
    kinds = list(FAST_WEIGHTS)
    weights = list(FAST_WEIGHTS.values())
    loop = asyncio.get_running_loop()
    while loop.time() < stop_at:
        kind = "slow" if number < report.slow_clients else rng.choices(kinds, weights)[0]
        path, params, headers = workload.request(kind, rng)
        started = loop.time()
        try:
            response = await client.get(path, params=params, headers=headers)
            status = str(response.status_code)
            if response.status_code == 503:
                report.kinds[kind].shed[_why_503(response)] += 1
        except httpx.TimeoutException:
            status = "client-timeout"
            report.transport_errors[f"{kind}: client timeout"] += 1
        except httpx.TransportError as error:
            status = "transport-error"
            report.transport_errors[f"{kind}: {type(error).__name__}"] += 1
        report.kinds[kind].add(status, loop.time() - started)


class _Sampler(threading.Thread):
    """Samples the server's memory every second, in a thread of its own so that a busy
    event loop does not thin the samples out."""

    def __init__(self, pid: int, report: Report) -> None:
        super().__init__(name="rss-sampler", daemon=True)
        self.pid = pid
        self.report = report
        self.started_at = time.monotonic()
        self.halt = threading.Event()

    def run(self) -> None:
        while True:
            self.report.memory.append(sample_memory(self.pid, time.monotonic() - self.started_at))
            if self.halt.wait(1.0):
                self.report.memory.append(
                    sample_memory(self.pid, time.monotonic() - self.started_at)
                )
                return


async def run_load(
    server: ServerProcess,
    *,
    clients: int = 50,
    duration: float = 60.0,
    slow_clients: int = 1,
    query_timeout: float,
    workers: int | None = None,
    store: str = "",
    seed: int = 7,
    request_timeout: float = 60.0,
    max_rss_mb: float | None = None,
    skip_named: Collection[str] = (),
) -> Report:
    """Drive ``server`` with ``clients`` concurrent clients for ``duration`` seconds."""
    if not 0 <= slow_clients < clients:
        raise ValueError("slow clients must be fewer than clients")
    report = Report(clients, slow_clients, duration, query_timeout, workers, store)
    report.skip_named = sorted(skip_named)
    report.max_rss_mb = max_rss_mb
    # Idle connections are dropped after 2 s, before uvicorn closes them (5 s): a request
    # must never go out on a connection the server is closing at that very moment.
    limits = httpx.Limits(
        max_connections=clients + 4, max_keepalive_connections=clients + 4, keepalive_expiry=2.0
    )
    async with httpx.AsyncClient(
        base_url=server.base, limits=limits, timeout=request_timeout, follow_redirects=False
    ) as client:
        workload = await discover(client, skip_named)
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        stop_at = loop.time() + duration
        sampler = _Sampler(server.pid, report)
        report.load_average.append(os.getloadavg()[0])
        sampler.start()
        try:
            await asyncio.gather(
                *(_client(i, client, workload, report, stop_at, seed) for i in range(clients))
            )
        finally:
            report.elapsed = time.monotonic() - started
            sampler.halt.set()
            sampler.join()
            report.load_average.append(os.getloadavg()[0])
        report.alive_at_end = server.alive()
        if report.alive_at_end:
            with suppress(httpx.HTTPError):
                health = await client.get("/health", timeout=10)
                report.health_at_end = health.status_code == 200
    return report


# -- command line ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--slow-clients", type=int, default=1, help="clients sending slow SPARQL")
    parser.add_argument("--query-timeout", type=float, default=2.0, help="RESKG_QUERY_TIMEOUT")
    parser.add_argument("--workers", type=int, default=None, help="RESKG_QUERY_WORKERS (2-8)")
    parser.add_argument("--store", type=Path, default=None, help="a built store folder")
    parser.add_argument(
        "--cache", type=Path, default=CACHE, help="where the default store is built"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-rss-mb", type=float, default=None, help="fail above this peak")
    parser.add_argument(
        "--skip-named", default="", help="named queries to leave out, comma-separated"
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)

    source = args.store or build_default_store(args.cache)
    with tempfile.TemporaryDirectory(prefix="reskg-load-") as scratch:
        store = Path(scratch) / "store"
        shutil.copytree(source, store)
        with serve(store, query_timeout=args.query_timeout, workers=args.workers) as server:
            report = asyncio.run(
                run_load(
                    server,
                    clients=args.clients,
                    duration=args.duration,
                    slow_clients=args.slow_clients,
                    query_timeout=args.query_timeout,
                    workers=args.workers,
                    store=str(source),
                    seed=args.seed,
                    max_rss_mb=args.max_rss_mb,
                    skip_named=[name for name in args.skip_named.split(",") if name],
                )
            )
    print(json.dumps(report.as_json(), indent=2) if args.json else report.text())
    return 1 if report.failures() else 0


if __name__ == "__main__":
    sys.exit(main())
