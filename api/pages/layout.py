"""A layered (Sugiyama-style) layout of the lineage diagram, computed on the server so the
page is an SVG that needs no script to be read (the script only zooms and pans).

Steps: layers come from the diagram (generations); within each layer, nodes are ordered
by the barycentre of their neighbours in the layer nearer the focus, sweeping outwards
and back a few times (layer 0, the version chain, keeps its order, newest first); a layer
wider than ``MAX_ROW`` nodes wraps onto several rows so that 100+ nodes stay readable;
rows are centred; edges are cubic curves between rows, straight arrows between
neighbours in a row and arcs between others in a row.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from api.pages.lineage import Diagram, Node

NODE_W, NODE_H = 184, 50
GAP_X, GAP_Y = 44, 70
MARGIN = 30
MAX_ROW = 8
SWEEPS = 3


@dataclass(frozen=True, slots=True)
class Box:
    node: Node
    x: float  # top-left corner
    y: float
    lines: tuple[str, str]


@dataclass(frozen=True, slots=True)
class Path:
    source: str
    target: str
    relation: str
    d: str
    label_x: float
    label_y: float


@dataclass(frozen=True, slots=True)
class Layout:
    boxes: list[Box]
    paths: list[Path]
    width: float
    height: float
    min_x: float
    min_y: float


def _clip(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _order(diagram: Diagram) -> dict[int, list[str]]:
    """Node order within each layer (barycentre sweeps, layer 0 fixed)."""
    layers: dict[int, list[str]] = defaultdict(list)
    for node in sorted(diagram.nodes.values(), key=lambda n: (n.label, n.id)):
        layers[node.layer].append(node.id)
    chain = [n for n in diagram.chain if n in diagram.nodes]
    layers[0] = chain + [n for n in layers[0] if n not in chain]
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in diagram.edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)

    def place(layer: int, toward: int) -> None:
        where = {n: (i + 0.5) / len(layers[toward]) for i, n in enumerate(layers[toward])}
        current = {n: (i + 0.5) / len(layers[layer]) for i, n in enumerate(layers[layer])}

        def key(n: str) -> float:
            near = [where[m] for m in neighbours[n] if m in where]
            return sum(near) / len(near) if near else current[n]

        layers[layer].sort(key=key)

    above = sorted((k for k in layers if k < 0), reverse=True)  # -1, -2, ...
    below = sorted(k for k in layers if k > 0)  # 1, 2, ...
    for _ in range(SWEEPS):
        for group, step in ((above, 1), (below, -1)):
            for layer in group:  # outwards: order by the layer nearer the focus
                if layer + step in layers:
                    place(layer, layer + step)
            for layer in reversed(group[:-1]):  # back: order by the layer further out
                if layer - step in layers:
                    place(layer, layer - step)
    return layers


def _rows(layers: dict[int, list[str]]) -> list[list[str]]:
    rows: list[list[str]] = []
    for layer in sorted(layers):
        nodes = layers[layer]
        count = math.ceil(len(nodes) / MAX_ROW)
        size = math.ceil(len(nodes) / count)
        rows += [nodes[i : i + size] for i in range(0, len(nodes), size)]
    return rows


def _curve(a: Box, b: Box) -> tuple[str, float, float]:
    """A path from box ``a`` to box ``b`` (arrow at ``b``) and where its label goes."""
    ax, bx = a.x + NODE_W / 2, b.x + NODE_W / 2
    if a.y == b.y:
        if abs(a.x - b.x) <= NODE_W + GAP_X:  # neighbours in a row: a straight arrow
            left = a.x < b.x
            x1 = a.x + (NODE_W if left else 0)
            x2 = b.x + (0 if left else NODE_W)
            y = a.y + NODE_H / 2
            return f"M{x1:.1f},{y:.1f} L{x2:.1f},{y:.1f}", (x1 + x2) / 2, a.y - 6
        lift = 24 + abs(a.x - b.x) / 12
        y = a.y
        return (
            f"M{ax:.1f},{y:.1f} C{ax:.1f},{y - lift:.1f} {bx:.1f},{y - lift:.1f} {bx:.1f},{y:.1f}",
            (ax + bx) / 2,
            y - lift * 0.75 - 4,
        )
    down = b.y > a.y
    y1 = a.y + (NODE_H if down else 0)
    y2 = b.y + (0 if down else NODE_H)
    mid = (y1 + y2) / 2
    return (
        f"M{ax:.1f},{y1:.1f} C{ax:.1f},{mid:.1f} {bx:.1f},{mid:.1f} {bx:.1f},{y2:.1f}",
        (ax + bx) / 2,
        mid,
    )


def layout(diagram: Diagram) -> Layout:
    """Boxes and paths for ``diagram``, in SVG user units."""
    rows = _rows(_order(diagram))
    boxes: dict[str, Box] = {}
    for r, row in enumerate(rows):
        for i, node_id in enumerate(row):
            node = diagram.nodes[node_id]
            x = (i - (len(row) - 1) / 2) * (NODE_W + GAP_X) - NODE_W / 2
            y = r * (NODE_H + GAP_Y)
            boxes[node_id] = Box(node, x, y, (_clip(node.label, 24), _clip(node.detail, 30)))
    paths = []
    for edge in diagram.edges:
        if edge.source in boxes and edge.target in boxes:
            d, lx, ly = _curve(boxes[edge.source], boxes[edge.target])
            paths.append(Path(edge.source, edge.target, edge.relation, d, lx, ly))
    xs = [b.x for b in boxes.values()] or [0.0]
    ys = [b.y for b in boxes.values()] or [0.0]
    min_x, min_y = min(xs) - MARGIN, min(ys) - MARGIN - 40
    return Layout(
        boxes=list(boxes.values()),
        paths=paths,
        width=max(xs) + NODE_W + MARGIN - min_x,
        height=max(ys) + NODE_H + MARGIN - min_y,
        min_x=min_x,
        min_y=min_y,
    )
