"""Lineage: version chains of numbered acts, citation ancestry and descendants, in force.

``index`` holds the graph index (networkx) and what it derives; ``store`` loads it from
the document graphs and writes the lineage graph; ``report`` shapes the JSON answer.
"""

from reskg.lineage.index import (
    CitationEdge,
    Direction,
    Evidence,
    Inference,
    Instrument,
    LineageIndex,
    Version,
    display_label,
)
from reskg.lineage.report import MAX_DEPTH, lineage_report, resolve_target
from reskg.lineage.store import lineage_graph, load_index, refresh_lineage

__all__ = [
    "MAX_DEPTH",
    "CitationEdge",
    "Direction",
    "Evidence",
    "Inference",
    "Instrument",
    "LineageIndex",
    "Version",
    "display_label",
    "lineage_graph",
    "lineage_report",
    "load_index",
    "refresh_lineage",
    "resolve_target",
]
