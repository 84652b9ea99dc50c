"""Where the project's data folders are: ``ontology/``, ``queries/``, ``data/``.

In a checkout (editable install) they sit at the repository root, two levels above this
package; in a built wheel they are bundled under ``reskg/_bundled/``. Every other module
asks here instead of guessing paths.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def project_root() -> Path:
    """The repository root in a checkout, or the bundled resources folder in a wheel."""
    checkout = _PACKAGE.parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "ontology").is_dir():
        return checkout
    return _PACKAGE / "_bundled"


def ontology_dir() -> Path:
    return project_root() / "ontology"


def queries_dir() -> Path:
    return project_root() / "queries"


def data_dir() -> Path:
    return project_root() / "data"


def lang_dir() -> Path:
    """Phrase tables per language (``lang/<code>/*.toml``), shipped inside the package."""
    return _PACKAGE / "lang"
