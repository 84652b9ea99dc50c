"""The ``reskg`` command: help, version, and the subcommands' contract."""

from __future__ import annotations

import subprocess
import sys

import pytest

from reskg import __version__

SUBCOMMANDS = ["extract", "ingest", "validate", "reason", "query", "lineage", "export", "serve"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reskg", *args], capture_output=True, text=True, timeout=60
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"reskg {__version__}"


def test_help_lists_every_subcommand() -> None:
    result = run("--help")
    assert result.returncode == 0
    for name in SUBCOMMANDS:
        assert name in result.stdout, name


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_each_subcommand_has_help(name: str) -> None:
    result = run(name, "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage:" in result.stdout


# Subcommands whose issue has not landed yet: they must say so and exit 2. Remove a row
# when its command lands (its own tests then cover it).
NOT_YET = [
    ("ingest", ["ingest", "x.txt"], 6),
    ("validate", ["validate"], 5),
    ("reason", ["reason"], 5),
    ("query", ["query", "who-cites"], 6),
    ("lineage", ["lineage", "Resolution 140"], 6),
    ("export", ["export"], 6),
]


@pytest.mark.parametrize(("name", "argv", "issue"), NOT_YET, ids=[r[0] for r in NOT_YET])
def test_unimplemented_subcommand_says_so(name: str, argv: list[str], issue: int) -> None:
    result = run(*argv)
    assert result.returncode == 2
    assert f"reskg {name}: not implemented yet (tracked in issue {issue})" in result.stderr
