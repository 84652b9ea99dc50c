"""Ingest throughput against the baseline of parsing alone, on the UN's AKN files.

    python bench/bench_ingest.py [--sample N] [--workers W] [--languages English,French,Spanish]
    python bench/bench_ingest.py --corpus DIR [--workers W]     # e.g. a bench/synth.py corpus

Runs, in one process and on the same files:

1. baseline: read + parse + cite each file (one core), no graph, no store;
2. ingest: ``reskg.dataset.build`` into a fresh on-disk store (graph building, SHACL
   validation and the atomic commit included), with W worker processes;

and prints documents/s, triples/s, the ratio of the two, peak memory and the store's size
on disk, plus every file that failed, by name. ``--sample 0`` takes every file.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

from reskg.cite import extract
from reskg.dataset import build
from reskg.errors import ReskgError
from reskg.parse import parse
from reskg.read import read
from reskg.store import open_store

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def corpus(languages: list[str], sample: int, seed: int) -> list[Path]:
    root = SHARED / "datasets" / "unxml-ga"
    files = sorted(p for lang in languages for p in root.glob(f"*session/{lang}/*.xml"))
    if sample and sample < len(files):
        files = sorted(random.Random(seed).sample(files, sample))
    return files


def baseline(files: list[Path]) -> tuple[float, int]:
    """Seconds to read, parse and cite every file on one core; failures counted."""
    failures = 0
    start = time.perf_counter()
    for file in files:
        try:
            extract(parse(read(file)))
        except ReskgError:
            failures += 1
    return time.perf_counter() - start, failures


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=300, help="files to take (0: all)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--languages", default="English,French,Spanish")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="every text of this folder instead")
    parser.add_argument("--keep", type=Path, help="build the store here and keep it")
    args = parser.parse_args(argv)
    if args.corpus:
        files = sorted(p for p in args.corpus.rglob("*") if p.suffix in {".txt", ".xml"})
    else:
        files = corpus(args.languages.split(","), args.sample, args.seed)
    if not files:
        print(f"no AKN files under {SHARED}", file=sys.stderr)
        return 2
    megabytes = sum(f.stat().st_size for f in files) / 1e6
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    what = f"from {args.corpus}" if args.corpus else f"AKN, languages {args.languages}"
    print(f"corpus: {len(files)} files ({megabytes:.1f} MB), {what}\n")

    parse_seconds, parse_failures = baseline(files)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="reskg-bench-"))
    try:
        store = open_store(str(folder / "store"))
        start = time.perf_counter()
        report = build(files, store, workers=args.workers)
        ingest_seconds = time.perf_counter() - start
        quads = store.count()
        store.close()
        del store
        # Reopened, RocksDB replays and drops its write-ahead log: the size that stays.
        open_store(str(folder / "store")).close()
        size = folder_size(folder / "store")
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    done = len(report.added) + len(report.replaced)
    rows = [
        ("parse + cite only (1 core)", parse_seconds, len(files) / parse_seconds, None),
        (
            f"ingest ({args.workers} workers)",
            ingest_seconds,
            done / ingest_seconds,
            report.triples / ingest_seconds,
        ),
    ]
    print("| run | seconds | documents/s | triples/s |")
    print("|---|---:|---:|---:|")
    for name, seconds, docs, triples in rows:
        rate = f"{triples:,.0f}" if triples else "–"
        print(f"| {name} | {seconds:.1f} | {docs:.2f} | {rate} |")
    print(f"\ningest / parse-only throughput: {rows[1][2] / rows[0][2]:.2f}x")
    refresh = ingest_seconds - report.seconds
    print(f"of the ingest: documents {report.seconds:.1f} s, lineage refresh {refresh:.1f} s")
    print(f"documents ingested: {done} of {len(files)}; triples {report.triples:,}")
    print(f"quads in store (with authority, ontology, lineage graphs): {quads:,}")
    print(f"store on disk: {size / 1e6:.1f} MB ({size / max(quads, 1):.0f} bytes/quad)")
    print(f"peak RSS (this process or a worker): {peak_rss_mb():.0f} MB")
    print(f"parse failures in the baseline: {parse_failures}")
    for failure in report.failed:
        print(f"FAILED {failure.path}: {failure.message} [{failure.rule}]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
