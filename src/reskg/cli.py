"""The ``reskg`` command line: thin wrappers over the package's verbs.

Every error reskg raises on purpose is a :class:`~reskg.errors.ReskgError`; this module is
the one place that turns it into a message on stderr and an exit code (README, "Exit
codes").
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from reskg import __version__
from reskg.errors import ReskgError

EXIT_NOT_IMPLEMENTED = 2

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


def _not_implemented(command: str, issue: int) -> NoReturn:
    typer.echo(f"reskg {command}: not implemented yet (tracked in issue {issue})", err=True)
    raise typer.Exit(EXIT_NOT_IMPLEMENTED)


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
        target.mkdir(parents=True, exist_ok=True)
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
            file.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
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


@app.command()
def ingest(paths: Annotated[list[str], typer.Argument()], store: StoreOption = None) -> None:
    """Build the graph of documents into the store, one named graph per document."""
    _not_implemented("ingest", 6)


@app.command()
def validate(store: StoreOption = None) -> None:
    """Validate the stored graph against the SHACL shapes."""
    _not_implemented("validate", 5)


@app.command()
def reason(store: StoreOption = None) -> None:
    """Materialise OWL 2 RL inferences into their own named graph."""
    _not_implemented("reason", 5)


@app.command()
def query(name: Annotated[str, typer.Argument()], store: StoreOption = None) -> None:
    """Run a named query of queries/ or a .rq file."""
    _not_implemented("query", 6)


@app.command()
def lineage(target: Annotated[str, typer.Argument()], store: StoreOption = None) -> None:
    """Version chain, citation ancestry and descendants of an instrument."""
    _not_implemented("lineage", 6)


@app.command()
def export(store: StoreOption = None) -> None:
    """Export the dataset or one graph as Turtle, N-Triples, N-Quads, TriG, JSON-LD or RDF/XML."""
    _not_implemented("export", 6)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
    store: StoreOption = None,
) -> None:
    """Serve the graph over HTTP (SPARQL 1.1 Protocol, lineage, linked data)."""
    import uvicorn

    from api.app import create_app
    from api.settings import Settings

    uvicorn.run(create_app(Settings.from_env(store=store)), host=host, port=port)


def main() -> None:
    """Entry point of the ``reskg`` script: runs the app, maps reskg errors to exit codes."""
    try:
        app()
    except ReskgError as error:
        print(f"reskg: {error} [{error.rule}]", file=sys.stderr)
        sys.exit(error.exit_code)
