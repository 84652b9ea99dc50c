#!/usr/bin/env python3
"""Load time, memory and lookup latency of the lineage index, before and after the compact
columns, on the same store.

    python bench/bench_lineage.py --store /tmp/b10k/store [--sample 200] [--json FILE]

Each way runs in a child process of its own (so that neither inherits the other's heap),
opening the store read-only:

- ``before``: ``bench/lineage_before.py``, the index as it was (a networkx
  ``MultiDiGraph`` with an object per edge, loaded from SPARQL JSON read into dicts);
- ``after``: :func:`reskg.lineage.load_index` (compact columns, filled from the engine's
  solutions as they stream).

Per way: seconds to load; peak RSS of the child (``ru_maxrss``, the store's own caches
included, the same for both); RSS that the load left behind, as measured and after
``malloc_trim`` gives freed heap back; and, in a second child with ``tracemalloc``, the
bytes the index itself holds (every Python allocation still live after the load) and the
peak of Python allocations while loading. Then p50/p95 of lookups over a fixed sample of
instruments: ``walk`` up and down (depth 1 and 3), ``versions``, ``in_force``, and the whole
``lineage_report`` (what ``GET /lineage`` returns, without HTTP). A third child runs the
two queries alone, keeping nothing (``store only``: the engine's time and RocksDB's
caches, a floor under both ways). Every answer is hashed and the two ways must agree: the
reports, the walks in order, and what the index derives (``lineage_graph``). Exits 1 if
they do not. ``--no-trace`` skips the tracemalloc children.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import hashlib
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "bench"), str(REPO / "src"), str(REPO)]

from reskg.lineage import lineage_graph, lineage_report  # noqa: E402
from reskg.store.embedded import EmbeddedStore  # noqa: E402

ON = date(2015, 6, 30)


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def trim() -> None:
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # glibc only
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def load(way: str, store: EmbeddedStore) -> Any:
    if way == "before":
        import lineage_before

        return lineage_before.load_index(store)
    from reskg.lineage import load_index

    return load_index(store)


def reporter(way: str) -> Any:
    if way == "before":
        import lineage_before

        return lineage_before.lineage_report
    return lineage_report


def sample(index: Any, size: int) -> list[str]:
    """Works with versions, versions and named instruments, drawn with a fixed seed."""
    nodes = sorted(index.instruments)
    return sorted(random.Random(7).sample(nodes, min(size, len(nodes))))


def timed(calls: list[Any]) -> tuple[float, float]:
    seconds = []
    for call in calls:
        start = time.perf_counter()
        call()
        seconds.append(time.perf_counter() - start)
    seconds.sort()
    return statistics.median(seconds) * 1e3, seconds[int(0.95 * (len(seconds) - 1))] * 1e3


def digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:16]


def edge_key(level: int, edge: Any) -> list[Any]:
    e = edge.evidence
    return [level, edge.citing, edge.cited, edge.relation, e.source, e.clause, e.surface,
            e.start, e.end, e.citation, str(edge.citing_date)]  # fmt: skip


def store_only(location: str) -> dict[str, Any]:
    """The two queries run by the engine and their solutions counted, nothing kept: what
    the store itself costs (RocksDB's caches), a floor under both ways."""
    from reskg.queries import internal

    store = EmbeddedStore(location, read_only=True)
    trim()
    before = rss_mb()
    start = time.perf_counter()
    for name in ("lineage-nodes", "lineage-edges"):
        sum(1 for _ in store.engine.query(internal(name).text))
    out = {"way": "store", "load_s": time.perf_counter() - start}
    out["rss_after_mb"] = rss_mb() - before
    trim()
    out["rss_trimmed_mb"] = rss_mb() - before
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def child(way: str, location: str, size: int, trace: bool) -> dict[str, Any]:
    if way == "store":
        return store_only(location)
    store = EmbeddedStore(location, read_only=True)
    trim()
    before = rss_mb()
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    index = load(way, store)
    seconds = time.perf_counter() - start
    out: dict[str, Any] = {"way": way, "load_s": seconds}
    if trace:
        gc.collect()
        held, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        out |= {"index_mb": held / 2**20, "python_peak_mb": peak / 2**20}
        return out
    out["rss_after_mb"] = rss_mb() - before
    trim()
    out["rss_trimmed_mb"] = rss_mb() - before
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["instruments"] = len(index.instruments)
    out["edges"] = len(index.edges)
    report = reporter(way)
    nodes = sample(index, size)
    works = sorted({index.work_of(n) for n in nodes})
    out["lookups_ms"] = {
        name: timed(calls)
        for name, calls in {
            "walk up 1": [lambda n=n: index.walk(n, "up", 1) for n in nodes],
            "walk down 1": [lambda n=n: index.walk(n, "down", 1) for n in nodes],
            "walk up 3": [lambda n=n: index.walk(n, "up", 3) for n in nodes],
            "walk down 3": [lambda n=n: index.walk(n, "down", 3) for n in nodes],
            "versions": [lambda w=w: index.versions(w) for w in works],
            "in_force": [lambda w=w: index.in_force(w, ON) for w in works],
            "lineage_report": [lambda n=n: report(index, n, as_of=ON) for n in nodes],
            "lineage_report depth 3": [lambda n=n: report(index, n, depth=3) for n in nodes],
        }.items()
    }
    walks = [
        [edge_key(level, edge) for level, edge in index.walk(n, way_, depth)]
        for n in nodes
        for way_ in ("up", "down")
        for depth in (1, 3)
    ]
    start = time.perf_counter()
    derived = sorted(lineage_graph(index).serialize(format="nt").splitlines())
    out["derive_s"] = time.perf_counter() - start
    out["digests"] = {
        "reports": digest([report(index, n, depth=2, as_of=ON) for n in nodes]),
        "walks": digest(walks),
        "versions": digest([[v.__repr__() for v in index.versions(w)] for w in works]),
        "derived": digest(derived),
    }
    return out


def run_child(way: str, args: argparse.Namespace, trace: bool) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", way, "--store", args.store,
               "--sample", str(args.sample)] + (["--trace"] if trace else [])  # fmt: skip
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--store", required=True, help="an on-disk store (opened read-only)")
    parser.add_argument("--sample", type=int, default=200, help="instruments looked up")
    parser.add_argument("--json", help="write every figure to this file")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc runs")
    parser.add_argument("--child", choices=["before", "after", "store"], help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.store, args.sample, args.trace)))
        return 0
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.2f}, Python {platform.python_version()}")  # fmt: skip
    results: dict[str, dict[str, Any]] = {}
    for way in ("before", "after"):
        results[way] = run_child(way, args, trace=False)
        if not args.no_trace:
            results[way] |= run_child(way, args, trace=True)
        print(f"{way}: loaded in {results[way]['load_s']:.1f} s", file=sys.stderr)
    results["store"] = floor = run_child("store", args, trace=False)
    old, new = results["before"], results["after"]
    print(f"store: {args.store}: {new['instruments']} instruments, {new['edges']} edges")
    rows = [("load (s)", "load_s"), ("peak RSS (MB)", "peak_rss_mb"),
            ("RSS left by the load (MB)", "rss_after_mb"),
            ("RSS left, after malloc_trim (MB)", "rss_trimmed_mb"),
            ("index held, tracemalloc (MB)", "index_mb"),
            ("Python peak while loading (MB)", "python_peak_mb"),
            ("derive lineage graph (s)", "derive_s")]  # fmt: skip
    print(f"{'':34} {'before':>10} {'after':>10} {'before/after':>13} {'store only':>11}")
    for label, key in rows:
        if key in old and key in new:
            ratio = old[key] / new[key] if new[key] else float("inf")
            alone = f"{floor[key]:11.1f}" if key in floor else ""
            print(f"{label:34} {old[key]:10.1f} {new[key]:10.1f} {ratio:12.1f}x {alone}")
    print(f"{'lookup p50 / p95 (ms)':34} {'before':>17} {'after':>17}")
    for name, (p50, p95) in old["lookups_ms"].items():
        q50, q95 = new["lookups_ms"][name]
        print(f"{name:34} {p50:8.3f} {p95:8.3f} {q50:8.3f} {q95:8.3f}")
    same = old["digests"] == new["digests"]
    print(f"same answers: {'yes' if same else 'NO'} {new['digests']}")
    if not same:
        print(f"  before: {old['digests']}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
