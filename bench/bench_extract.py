#!/usr/bin/env python3
"""Throughput of citation extraction over the whole shared corpus, in MB/s per core.

Baseline, in the same run and on the same files: merely reading and decoding them
(``reskg.read.read``). Then read -> parse -> cite, and cite alone on already parsed
documents (the cost of this stage). One process, one core; MB are of the file bytes.
Files: ``../shared/corpus/*`` and the UNGA AKN files (a sample with ``--sample N``).

Usage: ``bench_extract.py [--sample N] [--repeat R]``; prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from reskg.cite import extract
from reskg.model import Document
from reskg.parse import parse
from reskg.read import read

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def files(sample: int) -> list[Path]:
    corpus = sorted((SHARED / "corpus").glob("*.txt"))
    akn = sorted((SHARED / "datasets" / "unxml-ga").glob("*session/*/*.xml"))[::sample]
    return corpus + akn


def timed(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=1, help="every Nth AKN file")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = files(args.sample)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    documents: list[Document] = []

    def read_all() -> None:
        for p in paths:
            read(p)

    def pipeline() -> None:
        documents.clear()
        for p in paths:
            documents.append(parse(read(p)))
            extract(documents[-1])

    def cite_only() -> None:
        for d in documents:
            extract(d)

    rows = [("read + decode (baseline)", timed(read_all, args.repeat))]
    rows.append(("read + parse + cite", timed(pipeline, args.repeat)))
    rows.append(("cite only (parsed documents)", timed(cite_only, args.repeat)))
    citations = sum(len(extract(d)) for d in documents)
    print(
        f"{len(paths)} files, {megabytes:.1f} MB, {citations} citations; "
        f"CPU seconds, best of {args.repeat}\n"
    )
    print("| stage | CPU s | MB/s per core |")
    print("|---|---:|---:|")
    for name, seconds in rows:
        print(f"| {name} | {seconds:.2f} | {megabytes / seconds:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
