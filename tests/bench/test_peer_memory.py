"""bench/bench_peer_memory.py: rdflib's in-memory graph loading N-Triples under an
address-space cap. Run as a child process (the cap would bind pytest too)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "bench" / "bench_peer_memory.py"


def _triples(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            out.write(
                f"<https://example.org/r/{n}> <https://example.org/cites> "
                f"<https://example.org/r/{n + 1}> .\n<https://example.org/r/{n}> "
                f'<http://purl.org/dc/terms/title> "Resolution {n}"@en .\n'
            )
    return path


def _run(source: Path, limit_gb: float, out: Path) -> dict[str, object]:
    command = [sys.executable, str(SCRIPT), str(source), "--limit-gb", str(limit_gb)]
    command += ["--slice", "20000", "--json", str(out)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    result: dict[str, object] = json.loads(out.read_text())
    return result


def test_a_file_that_fits_is_loaded_whole(tmp_path: Path) -> None:
    source = _triples(tmp_path / "small.nt", 15_000)
    result = _run(source, 8.0, tmp_path / "result.json")
    assert result["triples_loaded"] == result["lines_read"] == 30_000
    assert result["ran_out_of_memory"] is False


def test_running_out_is_reported_with_what_was_held(tmp_path: Path) -> None:
    source = _triples(tmp_path / "large.nt", 200_000)
    result = _run(source, 0.35, tmp_path / "result.json")
    assert result["ran_out_of_memory"] is True
    loaded, read = result["triples_loaded"], result["lines_read"]
    assert isinstance(loaded, int) and isinstance(read, int)
    assert 0 < loaded < read <= 400_000
    assert loaded % 20_000 == 0  # whole slices only
