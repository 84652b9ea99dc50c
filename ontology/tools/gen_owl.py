"""Generate the RDF/XML copies (ontology/*.owl) of the Turtle modules.

Why: Protégé and owlready2 open RDF/XML by default, and owlready2 reads no Turtle at all;
the Turtle files stay the source of truth. tests/ontology/test_modules.py checks that each
.owl file is isomorphic to its .ttl, so a stale copy fails CI.

Usage: ``python ontology/tools/gen_owl.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph

ONTOLOGY = Path(__file__).resolve().parents[1]
MODULES = ("reskg", "reskg-align")


def main() -> int:
    """Write ontology/<module>.owl for every module."""
    for name in MODULES:
        graph = Graph().parse(ONTOLOGY / f"{name}.ttl", format="turtle")
        graph.serialize(ONTOLOGY / f"{name}.owl", format="xml", encoding="utf-8")
        print(f"ontology/{name}.owl: {len(graph)} triples")
    return 0


if __name__ == "__main__":
    sys.exit(main())
