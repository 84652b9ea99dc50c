"""Compile and run OwlCheck.java (OWL API profile check + HermiT) from Python.

Why a Python wrapper: the classpath (Debian's libowlapi-java jars, Debian's automaton and
trove jars, and the HermiT jar fetched by fetch-hermit.sh) is assembled in one place, for
both tests/ontology/test_owlapi.py and ``make ontology-check``.

Usage: ``python ontology/tools/owlcheck.py [OwlCheck options] FILE...`` (prints OwlCheck's
output; exit status as OwlCheck's).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ONTOLOGY = TOOLS.parent
CATALOG = ONTOLOGY / "catalog-v001.xml"
JAVA_DIR = Path(os.environ.get("RESKG_JAVA_DIR", "/usr/share/java"))
HERMIT_JAR = "org.semanticweb.hermit-1.4.3.517.jar"
# OWL API 5.1 distribution and what it needs at run time, as Debian names the jars
# (packages libowlapi-java, libautomaton-java, libtrove3-java).
DEBIAN_JARS = (
    "owlapi-distribution.jar",
    "guava.jar",
    "caffeine.jar",
    "commons-rdf-api.jar",
    "commons-io.jar",
    "commons-codec.jar",
    "hppcrt.jar",
    "atinject-jsr330-api.jar",
    "jsr305.jar",
    "xz.jar",
    "slf4j-api.jar",
    "jackson-core.jar",
    "jackson-databind.jar",
    "jackson-annotations.jar",
    "commons-lang3.jar",
    "automaton.jar",
    "trove4j.jar",
)
_RESULT = re.compile(r"^RESULT (.*)$")
_VERSIONED = re.compile(r"-\d+(\.\d+)+\.jar$")


class ToolMissing(RuntimeError):
    """A program or jar OwlCheck needs is not installed; the message says which."""


@dataclass(frozen=True)
class Result:
    """One RESULT line of OwlCheck, as key -> value."""

    fields: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.fields[key]

    @property
    def violation_types(self) -> set[str]:
        raw = self.fields.get("violations", "-")
        return set() if raw == "-" else {item.split(":")[0] for item in raw.split(",")}


def hermit_jar() -> Path:
    """The HermiT jar: $RESKG_HERMIT_JAR, else ontology/tools/lib/ (fetch-hermit.sh)."""
    path = Path(os.environ.get("RESKG_HERMIT_JAR", TOOLS / "lib" / HERMIT_JAR))
    if not path.is_file():
        raise ToolMissing(f"HermiT jar {path} (run ontology/tools/fetch-hermit.sh)")
    return path


def classpath() -> list[Path]:
    """Every jar OwlCheck needs, or ToolMissing naming the first one that is absent."""
    jars = [JAVA_DIR / name for name in DEBIAN_JARS]
    jars += sorted(p for p in JAVA_DIR.glob("rdf4j-*.jar") if not _VERSIONED.search(p.name))
    for jar in jars:
        if not jar.is_file():
            raise ToolMissing(f"jar {jar} (apt-get install libowlapi-java)")
    return [*jars, hermit_jar()]


def compile_checker(dest: Path) -> list[Path]:
    """Compile OwlCheck.java into ``dest``; return the run-time classpath."""
    for tool in ("javac", "java"):
        if shutil.which(tool) is None:
            raise ToolMissing(f"program {tool!r} (a JDK, e.g. Debian default-jdk-headless)")
    jars = classpath()
    subprocess.run(
        ["javac", "-nowarn", "-cp", os.pathsep.join(map(str, jars)), "-d", str(dest),
         str(TOOLS / "OwlCheck.java")],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return [dest, *jars]


def run(runtime: list[Path], args: list[str]) -> tuple[int, str, list[Result]]:
    """Run OwlCheck with ``args`` (the catalog is always passed); parse its RESULT lines."""
    proc = subprocess.run(
        ["java", "-cp", os.pathsep.join(map(str, runtime)), "OwlCheck",
         "--catalog", str(CATALOG), *args],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    results = []
    for line in proc.stdout.splitlines():
        match = _RESULT.match(line)
        if match:
            pairs = (item.split("=", 1) for item in match.group(1).split(" "))
            results.append(Result(dict(pairs)))
    return proc.returncode, proc.stdout, results


def main(argv: list[str]) -> int:
    """Compile into a temporary folder, run, print the checker's output."""
    with tempfile.TemporaryDirectory() as tmp:
        runtime = compile_checker(Path(tmp))
        code, out, _ = run(runtime, argv)
    print(out, end="")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
