"""The ``reskg`` command line: thin wrappers over the package's verbs.

Every error reskg raises on purpose is a :class:`~reskg.errors.ReskgError`; this module is
the one place that turns it into a message on stderr and an exit code (README, "Exit
codes").
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from reskg.store import GraphStore

from reskg import __version__
from reskg.errors import NotFound, ReskgError, ValidationFailed
from reskg.ingest import BATCH_DOCUMENTS


class Validator(StrEnum):
    """How ``reskg ingest`` validates each document graph."""

    compiled = "compiled"
    pyshacl = "pyshacl"


app = typer.Typer(
    name="reskg",
    help="A knowledge graph of UN and ITU resolution references.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        envvar="RESKG_STORE",
        help="Store folder (embedded) or http(s):// URL of a SPARQL store.",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reskg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Read, parse and cite UN and ITU resolutions; build, query and serve their graph."""


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files to read.")],
    json_out: Annotated[bool, typer.Option("--json", help="Print the extraction JSON.")] = False,
    out: Annotated[str | None, typer.Option("--out", help="Write DIR/<stem>.json.")] = None,
    language: Annotated[str | None, typer.Option("--lang", help="Override detection.")] = None,
) -> None:
    """Read, parse and extract citations from documents; print or write the JSON.

    With --json, one file prints one object and several print a list; with --out DIR,
    each file is written to DIR/<file stem>.json; with neither, one summary line per file.
    A bad file is reported and the rest go on; the exit code is that of the first failure.
    """
    from reskg.extraction import extract_path

    target = Path(out) if out else None
    if target is not None:
        _output(target.mkdir, target, parents=True, exist_ok=True)
    results: list[dict[str, Any]] = []
    failures: list[ReskgError] = []
    for path in paths:
        try:
            result = extract_path(path, language)
        except ReskgError as error:
            failures.append(error)
            typer.echo(f"reskg: {error} [{error.rule}]", err=True)
            continue
        if target is not None:
            file = target / f"{Path(path).stem}.json"
            text = json.dumps(result, ensure_ascii=False, indent=1) + "\n"
            _output(file.write_text, file, text, "utf-8")
        elif json_out:
            results.append(result)
        else:
            typer.echo(
                f"{path}: {len(result['sections'])} sections, {len(result['citations'])} citations"
            )
    if json_out and target is None and results:
        payload: object = results[0] if len(paths) == 1 else results
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=1))
    if failures:
        typer.echo(f"reskg extract: {len(failures)} of {len(paths)} files failed", err=True)
        raise typer.Exit(failures[0].exit_code)


def _output(write: Callable[..., object], path: Path, *args: Any, **kwargs: Any) -> None:
    """Run ``write`` (mkdir, write_text, write_bytes); an OS refusal becomes a reskg error
    naming the output path, not a traceback."""
    try:
        write(*args, **kwargs)
    except OSError as error:
        raise ReskgError(
            f"cannot write the output: {error.strerror or error}", path=str(path), rule="output"
        ) from None


def _store(location: str | None, *, only_reads: bool = False) -> GraphStore:
    """Open the store; a command that only reads (``only_reads``) also opens a store
    folder on read-only media, read-only. Commands that write fail there with exit 6."""
    from reskg.store import open_store

    return open_store(location, only_reads=only_reads)


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files or folders to ingest.")],
    store: StoreOption = None,
    workers: Annotated[int, typer.Option(help="Parsing processes (0: one per core).")] = 0,
    batch: Annotated[
        int, typer.Option(min=1, help="New documents written per bulk load.")
    ] = BATCH_DOCUMENTS,
    validator: Annotated[
        Validator,
        typer.Option(
            help="SHACL validation of each document: the shapes compiled (fast) or pyshacl."
        ),
    ] = Validator.compiled,
) -> None:
    """Build documents into the store, one named graph each, atomically per document.

    Exits 0 when every document went in, 1 when any failed (each is named on stderr).
    """
    from reskg.dataset import build

    graph_store = _store(store)
    try:
        report = build(paths, graph_store, workers=workers or None, progress=True, batch=batch)
    finally:
        graph_store.close()
    for failure in report.failed:
        typer.echo(f"reskg: {failure.path}: {failure.message} [{failure.rule}]", err=True)
    typer.echo(
        f"ingest: {len(report.added)} added, {len(report.replaced)} replaced, "
        f"{len(report.unchanged)} unchanged, {len(report.failed)} failed, "
        f"{report.triples} triples in {report.seconds:.1f} s",
        err=True,
    )
    if report.failed:
        raise typer.Exit(1)


@app.command()
def validate(
    store: StoreOption = None,
    graph: Annotated[str | None, typer.Option(help="Only this document graph.")] = None,
) -> None:
    """Validate the stored document graphs against the SHACL shapes (exit 5 if any fails)."""
    from reskg.dataset import validate_store

    graph_store = _store(store, only_reads=True)
    try:
        if graph is not None and not graph_store.contains_graph(graph):
            raise NotFound(f"no graph {graph}", rule="validate.graph")
        results = validate_store(graph_store, only=graph)
    finally:
        graph_store.close()
    bad = {name: report for name, report in results.items() if not report.conforms}
    for name, report in bad.items():
        for message in report.messages[:20]:
            typer.echo(f"{name}: {message}", err=True)
    typer.echo(f"validate: {len(results) - len(bad)} of {len(results)} graphs conform")
    if bad:
        raise ValidationFailed(f"{len(bad)} graphs do not conform")


@app.command()
def reason(store: StoreOption = None) -> None:
    """Materialise OWL 2 RL inferences of the asserted graphs into the inferred graph."""
    from reskg.dataset import reason_store

    graph_store = _store(store)
    try:
        added = reason_store(graph_store)
    finally:
        graph_store.close()
    typer.echo(f"reason: {added} inferred triples")


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="A named query of queries/ or a .rq file.")],
    param: Annotated[list[str], typer.Option("--param", help="k=v, repeatable.")] = [],  # noqa: B006
    fmt: Annotated[str, typer.Option("--format", help="json, csv or table.")] = "table",
    store: StoreOption = None,
) -> None:
    """Run a named query (or a .rq file) with bound parameters."""
    from reskg import queries

    values = dict(_pair(p) for p in param)
    named = queries.from_file(name) if name.endswith(".rq") else queries.named(name)
    media = {"json": "application/sparql-results+json", "csv": "text/csv"}
    graph_store = _store(store, only_reads=True)
    try:
        if fmt in media:
            answer = graph_store.query(
                named.text,
                **queries.default_dataset(graph_store),
                media_type=media[fmt],
                bindings=queries.bind(named, values),
            )
            sys.stdout.write(answer.body.decode("utf-8"))
            return
        if fmt != "table":
            raise typer.BadParameter(f"--format must be json, csv or table, not {fmt!r}")
        table = queries.rows(graph_store, named, values)
    finally:
        graph_store.close()
    _print_table(table)


def _pair(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise typer.BadParameter(f"--param takes k=v, not {text!r}")
    return key, value


def _print_table(table: list[dict[str, Any]]) -> None:
    """Rows as aligned columns; IRIs shortened (ontology terms to rkg:, data IRIs relative to
    the base) and long cells cut at the front, where IRIs differ least."""
    from reskg.iri import Minter
    from reskg.vocab import RKG

    base = Minter.from_env().base

    def cell(value: object) -> str:
        text = str(value).replace(str(RKG._NS), "rkg:").replace(base, "")
        return text if len(text) <= 60 else "…" + text[-59:]

    columns = list(dict.fromkeys(k for row in table for k in row))
    cells = [[cell(row.get(c, "")) for c in columns] for row in table]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    typer.echo("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip())
    for row_cells in cells:
        typer.echo("  ".join(v.ljust(w) for v, w in zip(row_cells, widths, strict=True)).rstrip())
    typer.echo(f"({len(table)} rows)", err=True)


@app.command()
def lineage(
    target: Annotated[str, typer.Argument(help="An IRI or citation text.")],
    direction: Annotated[str, typer.Option(help="up, down or both.")] = "both",
    depth: Annotated[int, typer.Option(min=1, max=10)] = 1,
    as_of: Annotated[str | None, typer.Option("--as-of", help="YYYY-MM-DD.")] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
    store: StoreOption = None,
) -> None:
    """Version chain, citation ancestry and descendants of an instrument."""
    from datetime import date

    from reskg.iri import Minter
    from reskg.lineage import lineage_report, load_index, resolve_target

    if direction not in ("up", "down", "both"):
        raise typer.BadParameter("--direction must be up, down or both")
    when = date.fromisoformat(as_of) if as_of else None
    graph_store = _store(store, only_reads=True)
    try:
        index = load_index(graph_store)
    finally:
        graph_store.close()
    node = resolve_target(index, target, Minter.from_env())
    report = lineage_report(index, node, direction=direction, depth=depth, as_of=when)  # type: ignore[arg-type]
    if json_out:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
        return
    typer.echo(report["instrument"]["label"] + f"  <{node}>")
    for v in report["versions"]:
        typer.echo(
            f"  version {v['version_year']} {v['version_place'] or ''}  from {v['in_force_from']}"
        )
    for key, end in (("cites", "target"), ("cited_by", "source")):
        for edge in report[key]:
            typer.echo(f"  {key} [{edge['relation']}, depth {edge['depth']}] {edge[end]['label']}")


EXPORT_FORMATS = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", help="ttl, nt, nq, trig, jsonld or xml.")
    ] = "trig",
    graph: Annotated[str | None, typer.Option(help="One graph's IRI; default all.")] = None,
    out: Annotated[str | None, typer.Option(help="Write to this file, not stdout.")] = None,
    store: StoreOption = None,
) -> None:
    """Export the dataset (a quad format) or one graph."""
    if fmt not in EXPORT_FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    if graph is None and fmt not in ("nq", "trig"):
        raise typer.BadParameter(
            "the whole dataset needs a quad format (nq, trig); or give --graph"
        )
    from reskg.store.embedded import EmbeddedStore

    graph_store = _store(store, only_reads=True)
    try:
        if graph is not None and not graph_store.contains_graph(graph):
            raise NotFound(f"no graph {graph}", rule="export.graph")
        if isinstance(graph_store, EmbeddedStore):  # streamed, never whole in memory
            if out:
                path = Path(out)
                _output(_stream_to_file, path, path, graph_store, EXPORT_FORMATS[fmt], graph)
            else:
                graph_store.dump_to(sys.stdout.buffer, EXPORT_FORMATS[fmt], graph)
            return
        data = graph_store.dump(EXPORT_FORMATS[fmt], graph)
    finally:
        graph_store.close()
    if out:
        _output(Path(out).write_bytes, Path(out), data)
    else:
        sys.stdout.buffer.write(data)


def _stream_to_file(path: Path, store: Any, media_type: str, graph: str | None) -> None:
    """Dump into a file beside ``path`` and rename it: a failed export leaves no half file."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as target:
            store.dump_to(target, media_type, graph)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    store: StoreOption = None,
    build_if_empty: Annotated[
        bool | None,
        typer.Option(
            "--build-if-empty/--no-build-if-empty",
            help="Build data/sources into an empty store first (default: only for the "
            "default store folder).",
        ),
    ] = None,
) -> None:
    """Serve the graph over HTTP (SPARQL 1.1 Protocol, lineage, linked data).

    The default store (data/store), when it holds no document yet, is first built from
    data/sources; --build-if-empty does the same for any embedded store.
    """
    import uvicorn

    from api.app import create_service
    from api.settings import Settings
    from reskg.dataset import build_default_if_empty

    settings = Settings.from_env(store=store)
    if build_if_empty is None:
        build_if_empty = settings.store is None
    if build_if_empty and not (settings.store or "").startswith(("http://", "https://")):
        graph_store = _store(settings.store)
        try:
            report = build_default_if_empty(graph_store)
        finally:
            graph_store.close()
        if report is not None:
            typer.echo(
                f"serve: built the default graph: {len(report.added)} documents, "
                f"{len(report.failed)} failed, {report.triples} triples",
                err=True,
            )

    uvicorn.run(create_service(settings), host=host, port=port)


def main() -> None:
    """Entry point of the ``reskg`` script: runs the app, maps reskg errors to exit codes."""
    try:
        app()
    except ReskgError as error:
        print(f"reskg: {error} [{error.rule}]", file=sys.stderr)
        sys.exit(error.exit_code)
