"""SHACL validation of real document graphs: pyshacl (``reskg.validate.validate_graph``, the
baseline) against the compiled validator (``reskg.conform.conform``), in the same run.

    python bench/bench_validate.py [--sample N] [--seed S] [--repeat R]

Builds the graphs of N real documents first (untimed): the texts of ``data/sources`` (ITU and
UNGA, English and French; AKN in French and Spanish) and a seeded sample of the UN's AKN files
of ``../shared/datasets/unxml-ga`` (English, French, Spanish). Both validators are warmed up
(shapes parsed and compiled), then each graph is validated by each, alternately; conform's
time is the best of R runs. Prints ms per document and per 1,000 triples, the ratio, and
whether the two reports agree (conformance and every result, message included).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from rdflib import Graph

from reskg.cite import extract
from reskg.conform import conform, default_shapes
from reskg.errors import ReskgError
from reskg.graph import build_graph
from reskg.iri import Minter
from reskg.parse import parse
from reskg.read import read
from reskg.validate import ValidationReport, validate_graph

REPO = Path(__file__).resolve().parents[1]
AKN = REPO.parent / "shared" / "datasets" / "unxml-ga"


def documents(sample: int, seed: int) -> list[Path]:
    own = sorted(p for p in (REPO / "data" / "sources").rglob("*") if p.suffix in (".txt", ".xml"))
    shared = sorted(AKN.glob("*session/*/*.xml"))
    rng = random.Random(seed)
    picked = rng.sample(own, min(len(own), sample // 2))
    picked += rng.sample(shared, min(len(shared), sample - len(picked)))
    return sorted(picked)


def graphs(paths: list[Path]) -> list[tuple[Path, Graph]]:
    built = []
    for path in paths:
        try:
            document = parse(read(path))
        except ReskgError as error:
            print(f"skipped {path.name}: {error}", file=sys.stderr)
            continue
        ingested = datetime(2024, 5, 1, tzinfo=UTC)
        graph = build_graph(document, extract(document), minter=Minter(), ingested=ingested)
        built.append((path, graph))
    return built


def timed(fn: Callable[[], ValidationReport], repeat: int) -> tuple[float, ValidationReport]:
    best, report = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        report = fn()
        best = min(best, time.perf_counter() - start)
    assert report is not None
    return best, report


def key(report: ValidationReport) -> tuple[bool, list[tuple[str | None, ...]]]:
    results = [
        (v.focus, v.path, v.component, v.severity, v.value, v.shape, v.message)
        for v in report.violations + report.warnings
    ]
    return report.conforms, sorted(results, key=lambda r: tuple(x or "" for x in r))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=50, help="documents to validate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="conform runs per graph (best)")
    args = parser.parse_args(argv)
    built = graphs(documents(args.sample, args.seed))
    if not built:
        print("no documents", file=sys.stderr)
        return 2
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores (load {load:.1f}), "
        f"Python {platform.python_version()}"
    )
    triples = sum(len(g) for _, g in built)
    print(f"documents: {len(built)} graphs, {triples:,} triples ({triples // len(built)} mean)\n")

    warm = built[0][1]
    validate_graph(warm)
    default_shapes().conform(warm)
    base: list[float] = []
    fast: list[float] = []
    differ: list[str] = []
    for path, graph in built:
        seconds, expected = timed(partial(validate_graph, graph), 1)
        base.append(seconds)
        seconds, got = timed(partial(conform, graph), args.repeat)
        fast.append(seconds)
        if key(got) != key(expected):
            differ.append(path.name)

    print("| validator | ms/document (mean) | median | max | ms per 1,000 triples |")
    print("|---|---:|---:|---:|---:|")
    for name, times in (("pyshacl (validate_graph)", base), ("reskg.conform", fast)):
        mean = 1000 * sum(times) / len(times)
        print(
            f"| {name} | {mean:.1f} | {1000 * statistics.median(times):.1f} | "
            f"{1000 * max(times):.1f} | {1e6 * sum(times) / triples:.2f} |"
        )
    print(f"\nspeed-up (total time): {sum(base) / sum(fast):.1f}x")
    ratios = sorted(b / f for b, f in zip(base, fast, strict=True))
    print(f"speed-up per document: min {ratios[0]:.1f}x, median {statistics.median(ratios):.1f}x")
    print(f"reports that differ: {len(differ)} of {len(built)} {differ or ''}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
