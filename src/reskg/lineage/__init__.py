"""Lineage: version chains of numbered acts, citation ancestry and descendants, in force.

``model`` holds what the index knows and answers (dataclasses); ``index`` the index and
what it derives, over ``edges`` (the citation edges in compact columns); ``store`` loads it
from the document graphs (streaming the answers, ``results``) and writes the lineage graph;
``report`` shapes the JSON answer.
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
