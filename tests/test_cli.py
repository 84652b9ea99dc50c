"""The ``reskg`` command: help, version, and the subcommands' contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

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


def test_extract_json_scores_perfectly_on_the_french_gold(shared_dir: Path, tmp_path: Path) -> None:
    text = shared_dir / "corpus" / "itu-council-res1334-2023-fr.txt"
    result = run("extract", str(text), "--json")
    assert result.returncode == 0, result.stderr
    predicted = tmp_path / "fr.json"
    predicted.write_text(result.stdout, encoding="utf-8")
    gold = shared_dir / "gold" / "council-res1334-2023-fr.gold.json"
    scored = subprocess.run(
        [
            sys.executable,
            str(shared_dir / "gold" / "score.py"),
            str(gold),
            str(predicted),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    figures = json.loads(scored.stdout)
    assert (figures["precision"], figures["recall"], figures["section_accuracy"]) == (1.0, 1.0, 1.0)


def test_extract_out_writes_one_file_per_input_and_goes_on_past_a_bad_one(
    shared_dir: Path, tmp_path: Path
) -> None:
    corpus = shared_dir / "corpus"
    good = [corpus / "itu-pp18-res140-en.txt", corpus / "unga-78-132-en.txt"]
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    result = run("extract", str(good[0]), str(empty), str(good[1]), "--out", str(out))
    assert result.returncode == 3  # an input error: the empty file
    assert f"{empty}: the file is empty [read.empty]" in result.stderr
    assert "1 of 3 files failed" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "itu-pp18-res140-en.json",
        "unga-78-132-en.json",
    ]
    written = json.loads((out / "itu-pp18-res140-en.json").read_text(encoding="utf-8"))
    assert written["document"]["number"] == "140"
    assert written["document"]["version_year"] == 2018
