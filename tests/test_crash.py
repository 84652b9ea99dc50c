"""Faults: ``kill -9`` during an ingest, a read-only store folder, a full disk.

The kill test runs a real ``reskg ingest`` of several documents into an on-disk store and
sends SIGKILL to its whole process group at a random moment while it commits: after the
k-th document's progress line, plus a random few hundred milliseconds. Then the store must
open, every document graph in it must be complete (equal to the same document ingested
alone, the ingestion time aside) or absent, and a second ``reskg ingest`` must resume:
skip what is in, add the rest, and end with the store a clean run gives.
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat, parse
from rdflib import Graph, URIRef
from rdflib.compare import to_isomorphic

from reskg.errors import StoreError
from reskg.iri import Minter, document_slug
from reskg.store import open_store
from reskg.store.embedded import BATCH

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "data" / "sources"
FILES = [
    *sorted((SOURCES / "itu").glob("itu-pp18-res1[0-5]*-en.txt"))[:7],
    SOURCES / "itu" / "itu-council-res1334-2023-fr.txt",
    SOURCES / "akn" / "A_RES_78_132-2325902F.xml",
]
PROV_TIME = URIRef("http://www.w3.org/ns/prov#generatedAtTime")
M = Minter()
SEED = int(os.environ.get("RESKG_CRASH_SEED", "20261128"))


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("RESKG")}


def ingest_command(store: Path) -> list[str]:
    files = [str(f) for f in FILES]
    # Two new documents per bulk load, so that kills fall between and inside commits; one
    # process preparing them, so that the run lasts long enough for the kill points.
    command = [sys.executable, "-m", "reskg", "ingest", *files, "--store", str(store)]
    return [*command, "--batch", "2", "--workers", "1"]


def announced(store: Path) -> set[str]:
    """The graphs of a bulk load that the kill cut short (its announcement is still in the
    store): the next run removes them and ingests them again."""
    opened = open_store(str(store))
    try:
        data = opened.dump("application/n-triples", BATCH)
        return {str(o) for o in Graph().parse(data=data, format="nt").objects()}
    finally:
        opened.close()


def graphs(store: Path) -> dict[str, Graph]:
    """Every named graph of the store folder, without the ingestion times (which differ
    from run to run), keyed by name."""
    opened = open_store(str(store))
    try:
        found = {}
        for name in opened.graph_names():
            graph = Graph().parse(data=opened.dump("application/n-triples", name), format="nt")
            graph.remove((None, PROV_TIME, None))
            found[name] = graph
        return found
    finally:
        opened.close()


def same(a: Graph, b: Graph) -> bool:
    return to_isomorphic(a) == to_isomorphic(b)


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Graph]:
    """The store a clean, uninterrupted ingest of FILES gives."""
    store = tmp_path_factory.mktemp("reference") / "store"
    done = subprocess.run(
        ingest_command(store), env=environment(), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    found = graphs(store)
    assert all(M.document_graph(document_slug(f.name)) in found for f in FILES)
    return found


def kill_during_ingest(store: Path, after: int, extra: float) -> tuple[list[str], bool]:
    """Start an ingest, SIGKILL its process group ``extra`` seconds after the ``after``-th
    progress line; return the lines it printed, and whether the kill found it running
    (near the end it may have finished first: the lineage refresh takes a fraction of a
    second)."""
    process = subprocess.Popen(
        ingest_command(store),
        env=environment(),
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group: the workers die with it
    )
    assert process.stderr is not None
    lines: list[str] = []
    try:
        while len([ln for ln in lines if ln.startswith("ingest: ")]) < after:
            line = process.stderr.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
        time.sleep(extra)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        process.stderr.close()
    if process.returncode == 0:  # it ended on its own before the signal
        return lines, False
    assert process.returncode == -signal.SIGKILL, lines
    return lines, True


def kill_points() -> Iterator[tuple[int, float]]:
    """(progress lines to wait for, extra delay): every stage from the first commit to the
    lineage refresh that follows the last, at seeded random moments inside each."""
    rng = random.Random(SEED)
    for after in (1, 3, len(FILES) // 2, len(FILES) - 1, len(FILES)):
        yield after, round(rng.uniform(0.0, 0.4), 3)
    # At once after the last commit: before the lineage graph is refreshed (the window is
    # about 0.1 s, too narrow for a random delay to find reliably).
    yield len(FILES), 0.0


@pytest.mark.parametrize(("after", "extra"), list(kill_points()))
def test_kill_9_during_ingest_then_resume(
    after: int, extra: float, reference: dict[str, Graph], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    printed, killed = kill_during_ingest(store, after, extra)
    # Only the points after the last commits may come too late to find the run alive.
    assert killed or after >= len(FILES) - 1, printed
    # The store opens after the kill, and holds no leftover staging graph.
    found = graphs(store)
    assert not [name for name in found if name.startswith("urn:reskg:staging:")]
    documents = [M.document_graph(document_slug(f.name)) for f in FILES]
    present = [name for name in documents if name in found]
    # Every document graph is complete or absent: never half a document.
    for name in present:
        assert same(found[name], reference[name]), f"{name} is not the complete graph"
    assert len(present) >= after - 1, printed  # what was reported committed is there
    # Resume: a bulk load the kill cut short is rolled back, what else is in is skipped,
    # the rest goes in, and the end state is a clean run's.
    kept = [name for name in present if name not in announced(store)]
    done = subprocess.run(
        ingest_command(store), env=environment(), capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert f"{len(FILES) - len(kept)} added, 0 replaced, {len(kept)} unchanged" in done.stderr
    final = graphs(store)
    assert set(final) == set(reference)
    different = [name for name in reference if not same(final[name], reference[name])]
    assert different == [], f"differs from a clean run after resuming: {different}"


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """A tmpfs of ``size`` mounted on ``folder`` (root only): a real file system that
    can be made read-only or filled, as a disk can."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def run_ingest(store: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    command = [*ingest_command(store)[:4], *map(str, files or FILES), "--store", str(store)]
    return subprocess.run(command, env=environment(), capture_output=True, text=True, timeout=300)


def run_reskg(*args: str) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "reskg", *args]
    return subprocess.run(command, env=environment(), capture_output=True, timeout=300)


READS = {
    "export": ["export", "--format", "nq"],
    "query": ["query", "most-cited", "--format", "json"],
    "lineage": ["lineage", "Resolution 101 (Rev. Dubai, 2018)", "--json"],
    "validate": ["validate"],
}


def reads(store: Path) -> dict[str, bytes]:
    """What each reading command prints for ``store`` (each must exit 0)."""
    found = {}
    for name, args in READS.items():
        done = run_reskg(*args, "--store", str(store))
        assert done.returncode == 0, (name, done.stderr.decode()[-3000:])
        assert b"Traceback" not in done.stderr
        found[name] = b"".join(sorted(done.stdout.splitlines(True)))  # N-Quads come unordered
    return found


@contextmanager
def read_only(tmp_path: Path) -> Iterator[tuple[Path, list[tuple[str, int]], dict[str, bytes]]]:
    """A store holding FILES[0] made read-only: as root (who ignores permissions) a tmpfs
    remounted read-only, otherwise a folder chmod 555. Yields the store folder, its files
    and sizes, and what the reading commands printed while it was writable."""
    if os.geteuid() == 0:
        with tmpfs(tmp_path / "disk", "64m") as disk:
            store = disk / "store"
            assert run_ingest(store, FILES[0]).returncode == 0
            writable = reads(store)
            before = sorted((p.name, p.stat().st_size) for p in store.iterdir())
            subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
            yield store, before, writable
    else:
        store = tmp_path / "store"
        assert run_ingest(store, FILES[0]).returncode == 0
        writable = reads(store)
        before = sorted((p.name, p.stat().st_size) for p in store.iterdir())
        store.chmod(0o555)
        try:
            yield store, before, writable
        finally:
            store.chmod(0o755)


def test_a_read_only_store_folder_is_a_clear_store_error(tmp_path: Path) -> None:
    """A write to a read-only store (see ``read_only``): exit 6 naming the store, nothing
    written."""
    with read_only(tmp_path) as (store, before, _):
        done = run_ingest(store)
        after = sorted((p.name, p.stat().st_size) for p in store.iterdir())
    assert done.returncode == 6, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"reskg: {store}: cannot open the store: "), done.stderr
    assert "commands that only read open it read-only" in done.stderr
    assert done.stderr.rstrip().endswith("[store]")
    assert after == before


def test_a_read_only_store_can_be_read(tmp_path: Path) -> None:
    """export, query, lineage and validate open a read-only store read-only: they answer
    as they did while it was writable, and write nothing."""
    with read_only(tmp_path) as (store, before, writable):
        assert reads(store) == writable
        opened = open_store(str(store), only_reads=True)
        try:
            assert opened.graph_names() == sorted(graphs_of(writable["export"]))
            with pytest.raises(StoreError, match="open read-only"):
                opened.replace_graph(M.document_graph("x"), b"")
        finally:
            opened.close()
        after = sorted((p.name, p.stat().st_size) for p in store.iterdir())
    assert after == before


def graphs_of(nquads: bytes) -> set[str]:
    return {
        quad.graph_name.value
        for quad in parse(nquads, RdfFormat.N_QUADS)
        if isinstance(quad.graph_name, NamedNode)
    }


def test_a_writable_store_is_still_opened_read_write_for_reading(tmp_path: Path) -> None:
    """Reading commands open a writable folder read-write, as before: a running writer's
    lock still keeps them out (a read-only open beside a writer is undefined behaviour)."""
    writer = open_store(str(tmp_path / "store"))
    try:
        with pytest.raises(StoreError, match="cannot open the store"):
            open_store(str(tmp_path / "store"), only_reads=True)
    finally:
        writer.close()


def test_a_full_disk_is_a_clear_error_and_nothing_is_half_written(
    reference: dict[str, Graph], tmp_path: Path
) -> None:
    """A tmpfs fills while the ingest commits: exit 6 with the device's message, no
    traceback. A copy of what is left opens, holds the document that was there before and
    only complete document graphs, and an ingest on a roomy disk resumes it to the
    reference."""
    with tmpfs(tmp_path / "disk", "32m") as disk:
        store = disk / "store"
        first = run_ingest(store, FILES[0])
        assert first.returncode == 0, first.stderr
        # Opening the store once flushes its write-ahead log (megabytes that the next run
        # would otherwise free); then leave about 512 KB, less than the other documents
        # need whatever RocksDB's layout.
        open_store(str(store)).close()
        ballast = shutil.disk_usage(disk).free - 512 * 1024
        (disk / "ballast").write_bytes(b"\0" * max(ballast, 0))
        done = run_ingest(store)
        copy = tmp_path / "copy"
        shutil.copytree(store, copy)
    assert done.returncode == 6, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    last = done.stderr.rstrip().splitlines()[-1]
    assert last.startswith(f"reskg: {store}: ") and last.endswith("[store]"), last
    assert "No space left on device" in last
    found = graphs(copy)
    documents = [M.document_graph(document_slug(f.name)) for f in FILES]
    assert documents[0] in found
    for name in documents:
        if name in found:
            assert same(found[name], reference[name]), f"{name} is half-written"
    # Exit 6 above shows the device filled. Where that happened depends on RocksDB: the
    # write-ahead log may take the batches and the final flush fail, so any number of the
    # documents may be in; each that is in is whole (checked above).
    resumed = run_ingest(copy)
    assert resumed.returncode == 0, resumed.stderr
    final = graphs(copy)
    assert set(final) == set(reference)
    assert [name for name in reference if not same(final[name], reference[name])] == []
