"""The pieces of the pages that need no browser: clause highlighting and the layered
layout of the lineage diagram."""

from __future__ import annotations

from api.pages.instrument import Mark, pieces
from api.pages.layout import GAP_X, MAX_ROW, NODE_H, NODE_W, layout
from api.pages.lineage import Diagram, Edge, Node

A = Mark("Resolution 73", (("urn:a", "A"),))
B = Mark("Resolutions 1332 and 1334", (("urn:b", "B"), ("urn:c", "C")))


def test_marks_cut_a_clause_at_their_spans_relative_to_the_clause() -> None:
    text = "a) the Resolution 73 and Resolutions 1332 and 1334;"
    # The clause starts at 100 in its source text; spans count from the source's start.
    out = pieces(text, 100, [(107, 120, A), (125, 150, B)])
    assert out == ["a) the ", A, " and ", B, ";"]


def test_an_overlapping_or_outside_mark_is_not_highlighted_twice() -> None:
    text = "see Resolution 73 here"
    out = pieces(text, 0, [(4, 17, A), (4, 10, B), (15, 40, B)])
    assert out == ["see ", A, " here"]


def _node(name: str, layer: int) -> Node:
    return Node(name, name, name, "", layer, focus=layer == 0, held=False)


def _overlaps(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < NODE_W + GAP_X - 1 and abs(a[1] - b[1]) < NODE_H


def test_layers_stack_ancestors_above_and_descendants_below() -> None:
    nodes = {n.id: n for n in (_node("v2022", 0), _node("v2018", 0), _node("up", -1))}
    nodes["down"] = _node("down", 1)
    edges = [
        Edge("v2022", "v2018", "revises", 0),
        Edge("v2022", "up", "recalls", 1),
        Edge("down", "v2018", "recalls", 1),
    ]
    result = layout(Diagram("v2022", "work", ["v2022", "v2018"], nodes, edges, False))
    at = {b.node.id: (b.x, b.y) for b in result.boxes}
    assert at["up"][1] < at["v2022"][1] == at["v2018"][1] < at["down"][1]
    assert at["v2022"][0] < at["v2018"][0]  # the chain keeps its order, newest first
    assert {(p.source, p.target) for p in result.paths} == {(e.source, e.target) for e in edges}


def test_a_wide_layer_wraps_and_no_boxes_overlap() -> None:
    nodes = {"focus": _node("focus", 0)}
    edges = []
    for i in range(3 * MAX_ROW + 1):
        nodes[f"c{i:02d}"] = _node(f"c{i:02d}", 1)
        edges.append(Edge(f"c{i:02d}", "focus", "recalls", 1))
    result = layout(Diagram("focus", "focus", ["focus"], nodes, edges, False))
    rows = {b.y for b in result.boxes if b.node.layer == 1}
    assert len(rows) == 4
    spots = [(b.x, b.y) for b in result.boxes]
    assert not any(_overlaps(a, b) for i, a in enumerate(spots) for b in spots[i + 1 :])
    assert result.width >= MAX_ROW * NODE_W
