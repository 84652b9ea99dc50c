#!/usr/bin/env python3
"""Can the Python peer hold a dataset? rdflib's in-memory graph loading N-Triples, under
a memory ceiling.

    .bench-venv/bin/python bench/bench_peer_memory.py FILE [--limit-gb 20] [--json OUT]

``bench_query.py`` serves its Python peer from rdflib's in-memory ``Graph``; at 50k
documents the question is whether that graph fits on the machine at all. This loads
``FILE`` (N-Triples, one triple a line, e.g. a store's default graph) into one ``Graph``,
a slice of lines at a time with the same ``Graph.parse`` the peer uses, and prints the
triples held, the seconds so far and the peak RSS after each slice. The address space is
capped at ``--limit-gb`` (``RLIMIT_AS``), so running out is a ``MemoryError`` here, never
the machine's OOM killer. The last line is JSON: triples loaded, lines in the file,
seconds, peak RSS, and whether memory ran out.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from itertools import islice
from pathlib import Path


def peak_rss_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2  # kB on Linux


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path, help="N-Triples, one triple a line")
    parser.add_argument("--limit-gb", type=float, default=20.0, help="address-space cap")
    parser.add_argument("--slice", type=int, default=1_000_000, help="lines parsed at once")
    parser.add_argument("--json", type=Path, help="also write the result here")
    args = parser.parse_args(argv)
    limit = int(args.limit_gb * 1024**3)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    from rdflib import Graph

    graph = Graph()
    lines = loaded = 0
    ran_out = False
    start = time.perf_counter()
    with args.file.open("rb") as source:
        while True:
            chunk = list(islice(source, args.slice))
            if not chunk:
                break
            lines += len(chunk)
            try:
                graph.parse(data=b"".join(chunk), format="nt")
            except MemoryError:
                ran_out = True
                break
            loaded = len(graph)
            print(
                f"{loaded:>12,} triples  {time.perf_counter() - start:8.1f} s  "
                f"peak RSS {peak_rss_gb():5.2f} GB",
                flush=True,
            )
    result = {
        "file": str(args.file),
        "limit_gb": args.limit_gb,
        "triples_loaded": loaded,
        "lines_read": lines,
        "seconds": round(time.perf_counter() - start, 1),
        "peak_rss_gb": round(peak_rss_gb(), 2),
        "ran_out_of_memory": ran_out,
    }
    del graph
    print(json.dumps(result), flush=True)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
