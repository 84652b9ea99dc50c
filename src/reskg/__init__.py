"""reskg: a knowledge graph of UN and ITU resolution references.

The package root exports the pipeline's verbs; each lives in the module of its stage.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
