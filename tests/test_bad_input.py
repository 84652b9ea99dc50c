"""Bad input through the real command line: a clear error, bounded, offline, store unchanged.

Each row of ``CASES`` is a file of ``tests/data/bad/`` (made by ``make.py``) or a large file
made at test time, with the exit code ``reskg extract`` must give and the rule its message
must name. ``reskg ingest`` of the same file exits 1 (a document failed) naming the same
rule, and leaves the store exactly as it was. Every run is a real subprocess under a
2 GB address-space limit and a 60 s timeout, with a listener on 127.0.0.1 that the files
naming a remote resource point at: no run may connect to it.

docs/reliability.md has this table in prose.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reskg.iri import Minter, document_slug
from reskg.store import open_store
from tests.data.bad.make import LISTENER_PORT, make_large
from tests.loopback import Listener

REPO = Path(__file__).resolve().parents[1]
BAD = REPO / "tests" / "data" / "bad"
GOOD = REPO / "data" / "sources" / "itu" / "itu-pp18-res140-en.txt"

TIME_LIMIT = 60.0
MEMORY_LIMIT = 2 * 1024**3


@dataclass(frozen=True)
class Case:
    file: str  # a name in tests/data/bad/, or a large file made by make_large()
    code: int  # exit code of `reskg extract FILE`
    rule: str  # the rule named in the message ("" when the file reads and parses)
    large: bool = False


CASES = [
    # empty, binary, not a document
    Case("empty.txt", 3, "read.empty"),
    Case("blank.txt", 3, "read.empty"),
    Case("nul-bytes.txt", 3, "read.binary"),
    Case("control-chars.txt", 3, "read.binary"),
    Case("image.png", 3, "read.format"),
    Case("empty.docx", 3, "read.empty"),
    Case("empty.pdf", 3, "read.empty"),
    # damaged or mislabelled DOCX and PDF
    Case("truncated.docx", 3, "read.decode"),
    Case("zip-not-word.docx", 3, "read.format"),
    Case("text-named.docx", 3, "read.format"),
    Case("no-text.docx", 3, "read.empty"),
    Case("broken-xml.docx", 3, "read.decode"),
    Case("entity.docx", 3, "read.unsafe"),
    Case("truncated.pdf", 3, "read.decode"),
    Case("header-only.pdf", 3, "read.decode"),
    Case("text-named.pdf", 3, "read.format"),
    Case("no-text.pdf", 3, "read.empty"),
    Case("page-cycle.pdf", 3, "read.decode"),
    # encodings: two that read, three that are refused rather than guessed
    Case("ok-cp1252.txt", 0, ""),
    Case("ok-utf16-no-bom.txt", 0, ""),
    Case("mixed-encodings.txt", 3, "read.decode"),
    Case("bad-utf8-after-bom.txt", 3, "read.decode"),
    Case("odd-utf16.txt", 3, "read.decode"),
    # read, but not a resolution in a language reskg knows
    Case("german.txt", 4, "parse.language"),
    Case("recipe.txt", 4, "parse.structure"),
    Case("entity.html", 4, "parse.structure"),
    # XML: DTDs and entities (billion laughs, external and parameter entities, remote DTD)
    Case("billion-laughs.xml", 3, "read.unsafe"),
    Case("external-entity.xml", 3, "read.unsafe"),
    Case("remote-dtd.xml", 3, "read.unsafe"),
    Case("parameter-entity.xml", 3, "read.unsafe"),
    Case("rdf-bomb.xml", 3, "read.format"),
    Case("rdf-bomb.rdf", 3, "read.format"),
    Case("remote-context.jsonld", 3, "read.format"),
    Case("not-akn.xml", 3, "read.format"),
    Case("truncated-akn.xml", 3, "read.decode"),
    # large, made at test time
    Case("huge-200mb.txt", 3, "read.unsafe", large=True),
    Case("endless-line.txt", 4, "parse.structure", large=True),
    Case("long-text.txt", 3, "read.unsafe", large=True),
    Case("zip-bomb.docx", 3, "read.unsafe", large=True),
    Case("flate-bomb.pdf", 3, "read.unsafe", large=True),
    Case("deep-akn.xml", 3, "read.unsafe", large=True),
    Case("deep.html", 4, "parse.structure", large=True),
]


def _limits() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def reskg(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``reskg ARGS`` under the time and memory limits; fail on a traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESKG")}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "reskg", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT,
        preexec_fn=_limits,
        check=False,
    )
    elapsed = time.monotonic() - started
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert elapsed < TIME_LIMIT
    return done


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    found = Listener(LISTENER_PORT)
    yield found
    found.close()
    assert found.connections == 0, "a bad input made reskg connect to 127.0.0.1"


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_large(tmp_path_factory.mktemp("large"))


def path_of(case: Case, large: dict[str, Path]) -> Path:
    return large[case.file] if case.large else BAD / case.file


def dump(store: Path) -> set[str]:
    """Every quad of the store folder, as a set of N-Quads lines."""
    opened = open_store(str(store))
    try:
        return set(opened.dump("application/n-quads").decode("utf-8").splitlines())
    finally:
        opened.close()


@pytest.fixture(scope="module")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    """A store holding one real document (and the authority graphs), and its dump."""
    folder = tmp_path_factory.mktemp("base") / "store"
    done = reskg("ingest", str(GOOD), "--store", str(folder), "--workers", "1", cwd=REPO)
    assert done.returncode == 0, done.stderr
    quads = dump(folder)
    assert len(quads) > 1000
    return folder, quads


def test_the_committed_files_are_what_make_py_makes() -> None:
    from tests.data.bad.make import small_files

    for name, data in small_files().items():
        assert (BAD / name).read_bytes() == data, f"{name}: run python -m tests.data.bad.make"
    names = {case.file for case in CASES if not case.large}
    assert names == set(small_files()), "every file made is in the table, and only those"


@pytest.mark.parametrize("case", CASES, ids=[c.file for c in CASES])
def test_extract(case: Case, large: dict[str, Path], listener: Listener) -> None:
    path = path_of(case, large)
    done = reskg("extract", str(path), cwd=REPO)
    assert done.returncode == case.code, done.stderr
    if case.code == 0:
        assert "sections" in done.stdout and done.stderr == ""
        return
    first = done.stderr.splitlines()[0]
    assert first.startswith(f"reskg: {path}: ") and first.endswith(f"[{case.rule}]"), first
    assert "1 of 1 files failed" in done.stderr


REFUSED = [case for case in CASES if case.code != 0]


@dataclass(frozen=True)
class Batch:
    """One ``reskg ingest`` of every refused file at once, and the store around it."""

    done: subprocess.CompletedProcess[str]
    before: set[str]
    after: set[str]


@pytest.fixture(scope="module")
def batch(
    large: dict[str, Path],
    listener: Listener,
    base_store: tuple[Path, set[str]],
    tmp_path_factory: pytest.TempPathFactory,
) -> Batch:
    """Ingest all refused files in one run (two worker processes, as by default): one
    process start instead of forty, and the parallel path is the one exercised."""
    folder, before = base_store
    store = tmp_path_factory.mktemp("batch") / "store"
    shutil.copytree(folder, store)
    files = [str(path_of(case, large)) for case in REFUSED]
    done = reskg("ingest", *files, "--store", str(store), "--workers", "2", cwd=REPO)
    return Batch(done, before, dump(store))


@pytest.mark.parametrize("case", REFUSED, ids=[c.file for c in REFUSED])
def test_ingest_names_the_file_and_the_rule(
    case: Case, batch: Batch, large: dict[str, Path]
) -> None:
    path = path_of(case, large)
    lines = [ln for ln in batch.done.stderr.splitlines() if ln.startswith(f"reskg: {path}: ")]
    assert len(lines) == 1, batch.done.stderr
    assert lines[0].endswith(f"[{case.rule}]"), lines[0]


def test_ingest_of_bad_files_leaves_the_store_unchanged(batch: Batch) -> None:
    assert batch.done.returncode == 1, batch.done.stderr[-2000:]
    assert f"0 added, 0 replaced, 0 unchanged, {len(REFUSED)} failed" in batch.done.stderr
    assert batch.after == batch.before


def test_ingest_of_unusual_but_valid_encodings(
    base_store: tuple[Path, set[str]], tmp_path: Path
) -> None:
    folder, before = base_store
    store = tmp_path / "store"
    shutil.copytree(folder, store)
    files = [str(BAD / case.file) for case in CASES if case.code == 0]
    done = reskg("ingest", *files, "--store", str(store), cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert f"{len(files)} added, 0 replaced, 0 unchanged, 0 failed" in done.stderr
    assert dump(store) > before  # the documents went in and nothing was lost


def test_a_bad_file_among_good_ones_fails_alone(
    base_store: tuple[Path, set[str]], tmp_path: Path
) -> None:
    """The rest go on: a folder with a good and a bad document commits the good one."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(BAD / "truncated.docx", folder)
    shutil.copy(REPO / "data" / "sources" / "itu" / "itu-pp18-res71-en.txt", folder)
    store = tmp_path / "store"
    shutil.copytree(base_store[0], store)
    done = reskg("ingest", str(folder), "--store", str(store), cwd=REPO)
    assert done.returncode == 1
    assert "1 added, 0 replaced, 0 unchanged, 1 failed" in done.stderr
    assert "truncated.docx: a damaged or truncated ZIP archive" in done.stderr


@pytest.mark.parametrize(
    ("args", "code", "rule"),
    [
        pytest.param(["extract", "no/such/file.txt"], 3, "read.missing", id="missing-file"),
        pytest.param(["extract", "tests"], 3, "read.missing", id="directory"),
        pytest.param(
            ["export", "--graph", "../../etc/passwd", "--format", "nt"],
            3,
            "graph.iri",
            id="export-relative-graph",
        ),
        pytest.param(["validate", "--graph", "../x"], 3, "graph.iri", id="validate-relative-graph"),
        pytest.param(
            ["export", "--graph", "file:///etc/passwd", "--format", "nt"],
            8,
            "export.graph",
            id="export-file-graph",
        ),
        pytest.param(
            ["validate", "--graph", "file:///etc/passwd"], 8, "validate.graph", id="validate-file"
        ),
        pytest.param(["query", "../../etc/passwd"], 8, "query.name", id="query-name-traversal"),
    ],
)
def test_bad_names(
    args: list[str], code: int, rule: str, base_store: tuple[Path, set[str]], tmp_path: Path
) -> None:
    store = tmp_path / "store"
    shutil.copytree(base_store[0], store)
    needs_store = args[0] in ("export", "validate", "query")
    done = reskg(*args, *(["--store", str(store)] if needs_store else []), cwd=REPO)
    assert done.returncode == code, done.stderr
    assert done.stderr.splitlines()[0].endswith(f"[{rule}]"), done.stderr
    assert "root:" not in done.stdout  # nothing of /etc/passwd came out
    if needs_store:
        assert dump(store) == base_store[1]


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.txt",
        "a/../../b.xml",
        "C:\\x\\..\\y.txt",
        "...",
        "%2e%2e.txt",
        "",
        "../../名前.txt",
        "..名前..",
        "名前\\..\\..\\x.txt",
        "%E5%90%8D.txt",
        "．．／名前.txt",  # fullwidth dots and solidus, which NFKD folds to "../"
    ],
)
def test_file_names_cannot_leave_the_document_graphs(name: str) -> None:
    """A document's graph is named from its file name's slug: no slash, no dot-segment."""
    minter = Minter()
    slug = document_slug(Path(name).name)
    assert slug not in ("", ".", "..")
    assert "/" not in slug and "\\" not in slug and "%" not in slug
    assert minter.document_graph(slug) == minter.document_graph("") + slug


def test_non_latin_file_names_are_two_documents(
    base_store: tuple[Path, set[str]], tmp_path: Path
) -> None:
    """名前.txt and 他.txt once both slugged to ".txt": the second replaced the first."""
    folder = tmp_path / "in"
    folder.mkdir()
    sources = REPO / "data" / "sources" / "itu"
    shutil.copy(sources / "itu-pp18-res71-en.txt", folder / "名前.txt")
    shutil.copy(sources / "itu-pp18-res140-en.txt", folder / "他.txt")
    store = tmp_path / "store"
    shutil.copytree(base_store[0], store)
    done = reskg("ingest", str(folder), "--store", str(store), "--workers", "1", cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert "2 added, 0 replaced, 0 unchanged, 0 failed" in done.stderr
    minter = Minter()
    graphs = {minter.document_graph(document_slug(n)) for n in ("名前.txt", "他.txt")}
    assert len(graphs) == 2
    opened = open_store(str(store))
    try:
        assert graphs <= set(opened.graph_names())
        assert all(opened.count(graph) > 100 for graph in graphs)
    finally:
        opened.close()


def test_export_writes_the_dataset_and_leaves_no_partial_file(
    base_store: tuple[Path, set[str]], tmp_path: Path
) -> None:
    """``reskg export --out`` streams to a file beside the target and renames it: the file
    holds every quad of the store, and nothing else is left in the folder."""
    store = tmp_path / "store"
    shutil.copytree(base_store[0], store)
    out = tmp_path / "export" / "dataset.nq"
    out.parent.mkdir()
    done = reskg("export", "--format", "nq", "--out", str(out), "--store", str(store), cwd=REPO)
    assert done.returncode == 0, done.stderr
    assert set(out.read_text(encoding="utf-8").splitlines()) == base_store[1]
    assert [p.name for p in out.parent.iterdir()] == ["dataset.nq"]


def test_outputs_that_cannot_be_written(base_store: tuple[Path, set[str]], tmp_path: Path) -> None:
    """--out under a regular file or in a missing folder: exit 1 naming the path."""
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    done = reskg("extract", str(GOOD), "--out", str(blocker / "sub"), cwd=REPO)
    assert done.returncode == 1
    assert done.stderr.startswith(f"reskg: {blocker / 'sub'}: cannot write the output: ")
    assert done.stderr.rstrip().endswith("[output]")
    missing = tmp_path / "missing" / "dump.nq"
    store = tmp_path / "store"
    shutil.copytree(base_store[0], store)
    done = reskg("export", "--format", "nq", "--out", str(missing), "--store", str(store), cwd=REPO)
    assert done.returncode == 1
    assert done.stderr.startswith(f"reskg: {missing}: cannot write the output: ")
    assert not missing.parent.exists()
