"""The lineage view: the version chain of an instrument and its citation ancestry
(what it cites, up) and descendants (what cites it, down) to a depth, as diagram data.

Generations become layers: the instrument's own versions are layer 0, what they cite
layer -1, what that cites -2, and what cites them +1, +2, ... Each node keeps the first
(nearest) layer it is reached at; an edge joins its two ends wherever they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from api.pages.catalogue import Catalogue
from reskg.lineage import Direction

MAX_NODES = 600  # beyond this the diagram stops growing (the table still lists every edge)


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str  # short, for the diagram
    name: str  # long, for titles and the table
    detail: str  # a second line: its title, else its issuer
    layer: int
    focus: bool
    held: bool  # a text of it is in the graph


@dataclass(frozen=True, slots=True)
class Edge:
    source: str  # the citing node, or the newer version for "revises"
    target: str
    relation: str
    depth: int


@dataclass(frozen=True, slots=True)
class Diagram:
    focus: str
    work: str
    chain: list[str]  # the focus work's versions, newest first
    nodes: dict[str, Node]
    edges: list[Edge]
    truncated: bool


def _detail(catalogue: Catalogue, node: str) -> str:
    label = catalogue.label(node)
    title = catalogue.title(node)
    if title and title != label:
        return title
    return catalogue.issuer_name(node) or ""


def diagram(catalogue: Catalogue, node: str, direction: Direction, depth: int) -> Diagram:
    """The diagram data of ``node`` with citations walked ``direction`` to ``depth``."""
    index = catalogue.index
    work = index.work_of(node)
    chain = [v.id for v in reversed(index.versions(work))]
    layers: dict[str, int] = dict.fromkeys(chain, 0)
    layers[node] = 0
    found: dict[tuple[str, str, str], int] = {}
    truncated = False
    walks: list[tuple[str, int]] = []
    if direction in ("up", "both"):
        walks.append(("up", -1))
    if direction in ("down", "both"):
        walks.append(("down", 1))
    for way, sign in walks:
        for level, edge in index.walk(node, "up" if way == "up" else "down", depth):
            near, far = (edge.citing, edge.cited) if way == "up" else (edge.cited, edge.citing)
            for end, layer in ((near, sign * (level - 1)), (far, sign * level)):
                if end not in layers:
                    if len(layers) >= MAX_NODES:
                        truncated = True
                        break
                    layers[end] = layer
            else:
                key = (edge.citing, edge.cited, edge.relation)
                found[key] = min(found.get(key, level), level)
    if work in index.instruments and any(work in (c, d) for c, d, _ in found):
        layers.setdefault(work, 0)
    edges = [Edge(c, d, relation, level) for (c, d, relation), level in sorted(found.items())]
    for other in sorted({index.work_of(n) for n in layers}):
        versions = [v.id for v in index.versions(other)]
        for older, newer in pairwise(versions):
            if older in layers and newer in layers:
                edges.append(Edge(newer, older, "revises", 0))
    nodes = {
        n: Node(
            id=n,
            label=catalogue.label(n, short=True),
            name=catalogue.label(n),
            detail=_detail(catalogue, n),
            layer=layer,
            focus=n == node,
            held=bool(catalogue.texts.get(n)),
        )
        for n, layer in layers.items()
    }
    return Diagram(node, work, chain, nodes, edges, truncated)
