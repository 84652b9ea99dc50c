"""Ingest: files -> read, parse, cite, graph, validate -> one named graph each in the store.

The expensive part (everything up to a validated N-Triples payload) runs in worker
processes, one per core; the parent only commits. New documents are committed in batches,
each batch in one bulk load (:func:`reskg.union.add_new`), by a committer thread while the
workers go on; a document already in the store is replaced with one atomic
``replace_graph``. So a failure, a crash or a kill leaves every document graph either as
it was or as it is now. A document that fails is reported with its reason and the rest go
on; a store that cannot write (a full disk) stops the run with its error. A document whose
file hash and extractor version are those already stored is skipped: re-ingesting it
changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from rdflib import Graph

from reskg import __version__, union
from reskg.errors import ReskgError, StoreError
from reskg.iri import Minter, document_slug
from reskg.lineage.rows import DocumentRows, document_rows
from reskg.queries import stored_documents
from reskg.store import GraphStore
from reskg.store.interface import BadData

# What the readers take; other files in a folder are passed over (named in the report).
SUFFIXES = frozenset({".txt", ".docx", ".pdf", ".html", ".htm", ".xml", ".akn"})

# Documents submitted to each worker ahead of the parent's commits.
IN_FLIGHT_PER_WORKER = 8
# A batch of new documents is written in one bulk load when it reaches either bound.
BATCH_DOCUMENTS = 256
BATCH_TRIPLES = 200_000


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document turned into a validated graph, ready to commit."""

    path: str
    graph: str
    sha256: str
    ntriples: bytes
    triples: int
    citations: int
    lineage: DocumentRows  # its citation edges, for the lineage index (reskg.lineage.rows)


@dataclass(frozen=True, slots=True)
class Failure:
    path: str
    rule: str
    message: str


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did, file by file."""

    added: tuple[str, ...] = ()
    replaced: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    failed: tuple[Failure, ...] = ()
    skipped: tuple[str, ...] = ()  # files of a folder that no reader takes
    triples: int = 0
    seconds: float = 0.0
    # the citation edges of each document added or replaced, by graph (reskg.lineage.rows)
    lineage: Mapping[str, DocumentRows] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not self.failed


@dataclass(slots=True)
class _Tally:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    triples: int = 0
    lineage: dict[str, DocumentRows] = field(default_factory=dict)


def collect(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Expand folders (recursively, sorted) into files; return (files, passed over).

    A path given by name is always taken, whatever its suffix, so that a user who names a
    file gets a clear error from the reader rather than silence.
    """
    files: list[Path] = []
    passed: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUFFIXES:
                    files.append(child)
                elif child.name != "README.md":
                    passed.append(str(child))
        else:
            files.append(path)
    return files, passed


# How ingest validates each document graph against ontology/shapes.ttl: "compiled" (the
# shapes compiled by reskg.conform, pyshacl's report at about 1/45 of its cost) or
# "pyshacl" (the reference, reskg.validate).
VALIDATORS = ("compiled", "pyshacl")


def prepare(path: str, base: str, validator: str = "compiled") -> Prepared | Failure:
    """Read, parse, cite, build and validate one file (runs in a worker process)."""
    from reskg.cite import extract
    from reskg.conform import conform
    from reskg.graph import build_triples, to_ntriples
    from reskg.parse import parse
    from reskg.read import read
    from reskg.validate import validate_graph

    try:
        source = read(path)
        document = parse(source)
        citations = extract(document)
        triples = build_triples(document, citations, minter=Minter(base), ingested=_now())
        if validator == "pyshacl":
            graph = Graph()
            for triple in triples:
                graph.add(triple)
            report = validate_graph(graph)
        else:
            report = conform(triples)
        if not report.conforms:
            first = "; ".join(report.messages[:3])
            return Failure(path, "validate.shacl", f"does not conform to the shapes: {first}")
        data = to_ntriples(triples)
        _parse_strictly(data)
    except ReskgError as error:
        return Failure(path, error.rule, _reason(error, path))
    except Exception as error:
        return Failure(path, "internal", f"internal error ({type(error).__name__}): {error}")
    slug = document_slug(Path(path).name)
    return Prepared(
        path=path,
        graph=Minter(base).document_graph(slug),
        sha256=source.sha256,
        ntriples=data,
        triples=len(triples),
        citations=len(citations),
        lineage=DocumentRows.of(source.sha256, __version__, document_rows(triples)),
    )


def _parse_strictly(data: bytes) -> None:
    """Parse a payload the way a transactional load would (IRIs checked), here in the
    worker, so that the parent's bulk load can skip the check (``lenient``)."""
    from pyoxigraph import RdfFormat, parse

    try:
        for _ in parse(data, RdfFormat.N_TRIPLES):
            pass
    except SyntaxError as error:
        raise BadData(f"the document graph is not valid N-Triples: {error}") from None


def _reason(error: ReskgError, path: str) -> str:
    """What was wrong, without the file name when :class:`Failure` already carries it."""
    text = str(error)
    return text.removeprefix(f"{path}: ") if error.path == path else text


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _prepared(
    paths: Sequence[str], base: str, workers: int, validator: str
) -> Iterator[Prepared | Failure]:
    if workers <= 1 or len(paths) <= 1:
        for path in paths:
            yield prepare(path, base, validator)
        return
    # At most a few documents per worker in flight: the prepared payloads wait in memory
    # until the parent commits them, so an unbounded map would hold a whole corpus.
    in_flight: deque[Future[Prepared | Failure]] = deque()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for path in paths:
            if len(in_flight) >= IN_FLIGHT_PER_WORKER * workers:
                yield in_flight.popleft().result()
            in_flight.append(pool.submit(prepare, path, base, validator))
        while in_flight:
            yield in_flight.popleft().result()


Progress = Callable[[int, int, str], None]


def progress_printer(stream: object = None) -> Progress:
    """A progress bar on a terminal, plain log lines otherwise."""
    out = stream if stream is not None else sys.stderr
    tty = bool(getattr(out, "isatty", lambda: False)())

    def show(done: int, total: int, what: str) -> None:
        write = getattr(out, "write")  # noqa: B009 (an object typed loosely on purpose)
        if tty:
            width = 30
            filled = width * done // max(total, 1)
            name = what[-40:]
            write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:<40}")
            if done == total:
                write("\n")
        else:
            write(f"ingest: {done}/{total} {what}\n")

    return show


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    *,
    minter: Minter | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    batch: int = BATCH_DOCUMENTS,
    validator: str = "compiled",
) -> IngestReport:
    """Ingest ``paths`` (files or folders) into ``store``; see the module docstring.
    ``batch`` bounds the new documents written in one bulk load; ``validator`` is one
    of :data:`VALIDATORS`."""
    if validator not in VALIDATORS:
        raise ValueError(f"validator must be one of {VALIDATORS}, not {validator!r}")
    minter = minter or Minter.from_env()
    started = time.perf_counter()
    files, passed = collect(paths)
    known = stored_documents(store)
    todo: list[str] = []
    tally = _Tally()
    for file in files:
        graph = minter.document_graph(document_slug(file.name))
        digest = _sha256_or_none(file)
        if digest is not None and known.get(graph) == (digest, __version__):
            tally.unchanged.append(str(file))
        else:
            todo.append(str(file))
    workers = workers or min(os.cpu_count() or 1, 2)
    counter = _Counter(len(todo), progress)
    # Batches are written by one committer thread (the store releases the GIL while it
    # writes), so the parent goes on collecting what the workers prepare meanwhile.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reskg-commit") as committer:
        pending = _Batch(store, minter, tally, counter, committer, size=batch)
        for item in _prepared(todo, minter.base, workers, validator):
            if isinstance(item, Failure):
                tally.failed.append(item)
                counter.tick(item.path)
            elif pending.holds(item.graph) or store.contains_graph(item.graph):
                pending.flush()
                pending.settle()
                _commit(store, item, tally, minter)
                counter.tick(item.path)
            else:
                pending.add(item)
        pending.flush()
        pending.settle()
    return IngestReport(
        added=tuple(tally.added),
        replaced=tuple(tally.replaced),
        unchanged=tuple(tally.unchanged),
        failed=tuple(tally.failed),
        skipped=tuple(passed),
        triples=tally.triples,
        seconds=time.perf_counter() - started,
        lineage=tally.lineage,
    )


@dataclass(slots=True)
class _Counter:
    """Reports each document once it is in the store (or has failed), never before."""

    total: int
    progress: Progress | None
    done: int = 0

    def tick(self, path: str) -> None:
        self.done += 1
        if self.progress:
            self.progress(self.done, self.total, path)


@dataclass(slots=True)
class _Batch:
    """New documents (their graph is not in the store) waiting to be written together, and
    the batch the committer thread is writing (at most one at a time)."""

    store: GraphStore
    minter: Minter
    tally: _Tally
    counter: _Counter
    committer: ThreadPoolExecutor
    size: int = BATCH_DOCUMENTS
    items: list[Prepared] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    triples: int = 0
    writing: Future[None] | None = None
    written: list[Prepared] = field(default_factory=list)

    def holds(self, graph: str) -> bool:
        """Whether ``graph`` waits in this batch or is being written."""
        return graph in self.names or any(item.graph == graph for item in self.written)

    def add(self, item: Prepared) -> None:
        self.items.append(item)
        self.names.add(item.graph)
        self.triples += item.triples
        if len(self.items) >= self.size or self.triples >= BATCH_TRIPLES:
            self.flush()

    def flush(self) -> None:
        """Hand the waiting documents to the committer, once the batch before is in."""
        items, self.items, self.names, self.triples = self.items, [], set(), 0
        self.settle()
        if not items:
            return
        graphs = [(item.graph, item.ntriples) for item in items]
        self.writing = self.committer.submit(union.add_new, self.store, graphs, minter=self.minter)
        self.written = items

    def settle(self) -> None:
        """Wait for the batch being written and count it: added, or failed with the reason."""
        if self.writing is None:
            return
        writing, items, self.writing, self.written = self.writing, self.written, None, []
        try:
            writing.result()
        except StoreError as error:
            if not isinstance(error, BadData):
                raise  # the store cannot write (a full disk): no document can go in
            for item in items:
                self.tally.failed.append(Failure(item.path, error.rule, _reason(error, item.path)))
                self.counter.tick(item.path)
            return
        for item in items:
            self.tally.added.append(item.path)
            self.tally.triples += item.triples
            self.tally.lineage[item.graph] = item.lineage
            self.counter.tick(item.path)


def _commit(store: GraphStore, item: Prepared, tally: _Tally, minter: Minter) -> None:
    existed = store.contains_graph(item.graph)
    try:
        union.replace_asserted(store, item.graph, item.ntriples, minter=minter, existed=existed)
    except ReskgError as error:
        if isinstance(error, StoreError) and not isinstance(error, BadData):
            raise  # the store cannot write (a full disk): no document can go in
        tally.failed.append(Failure(item.path, error.rule, _reason(error, item.path)))
        return
    (tally.replaced if existed else tally.added).append(item.path)
    tally.triples += item.triples
    tally.lineage[item.graph] = item.lineage


def _sha256_or_none(file: Path) -> str | None:
    """The file's hash, or None when it cannot be read (the reader then says why)."""
    try:
        return hashlib.sha256(file.read_bytes()).hexdigest()
    except OSError:
        return None
