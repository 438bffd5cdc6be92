"""A layered drawing of the audited addons' dependency graph, for the HTML report's inline SVG.

No drawing library (the report has no script and fetches nothing): the layout is the classic
layered one. Each addon sits in a column by its longest chain of audited dependencies, so that
dependants are left of what they depend on and the removal rounds read left to right; edges
spanning several columns pass through placeholder points, one per column they cross; a few
sweeps of the barycenter heuristic order each column to cut crossings. Addons with no
dependency between audited addons are set out in a grid below, so that hundreds of
independent addons do not make one endless column. Everything is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from migrator.depgraph import DependencyGraph

CHAR_W = 7.0  # average width of a 12px label character
LABEL_MAX = 40  # longer names are cut (the full name is in the node's title)
NODE_H = 22.0
ROW_GAP = 10.0
DUMMY_H = 8.0  # the slot an edge passing through a column takes
COL_GAP = 70.0
PAD = 10.0
GRID_WIDTH = 1060.0  # the isolated addons' grid wraps at this width
SWEEPS = 4


@dataclass(frozen=True)
class Node:
    name: str
    label: str  # the name, cut to LABEL_MAX characters
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class Edge:
    source: str  # the dependant
    target: str  # its dependency
    path: str  # SVG path data, from the dependant's right side to the dependency's left side


@dataclass(frozen=True)
class Layout:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    width: float
    height: float
    grid_top: float | None  # y where the grid of addons without audited dependencies starts


def label(name: str) -> str:
    return name if len(name) <= LABEL_MAX else name[: LABEL_MAX - 1] + "…"


def _width(name: str) -> float:
    return round(len(label(name)) * CHAR_W + 2 * PAD, 1)


def layout(depends: Mapping[str, Iterable[str]]) -> Layout:
    """Place the nodes of `depends` (name -> the names it depends on; names outside are ignored)."""
    graph = DependencyGraph(depends)
    linked = {n for edge in graph.edges for n in edge}
    nodes: list[Node] = []
    edges: list[Edge] = []
    height = 0.0
    width = 0.0
    if linked:
        nodes, edges, width, height = _layered(graph, linked)
    rest = [n for n in graph.nodes if n not in linked]
    grid_top = None
    if rest:
        grid_top = height + (COL_GAP / 2 if linked else 0.0)
        grid_nodes, grid_w, grid_h = _grid(rest, grid_top)
        nodes += grid_nodes
        width, height = max(width, grid_w), grid_top + grid_h
    return Layout(tuple(nodes), tuple(edges), round(width + PAD, 1), round(height + PAD, 1), grid_top)


def _layered(graph: DependencyGraph, linked: set[str]) -> tuple[list[Node], list[Edge], float, float]:
    depth = graph.depth(linked, towards="depends")
    last = max(depth.values())
    column = {n: last - d for n, d in depth.items()}  # dependants left, dependencies right
    columns: list[list[str]] = [[] for _ in range(last + 1)]
    for n in sorted(linked):
        columns[column[n]].append(n)
    # Edges crossing columns pass through one placeholder per column in between.
    chains: dict[tuple[str, str], list[str]] = {}
    succ: dict[str, list[str]] = {}
    pred: dict[str, list[str]] = {}
    for src, dst in graph.edges:
        points = [src]
        for c in range(column[src] + 1, column[dst]):
            dummy = f"\0{src}\0{dst}\0{c}"
            columns[c].append(dummy)
            points.append(dummy)
        points.append(dst)
        chains[(src, dst)] = points
        for a, b in zip(points, points[1:]):
            succ.setdefault(a, []).append(b)
            pred.setdefault(b, []).append(a)
    _order(columns, succ, pred)

    col_w = [max((_width(n) for n in col if not n.startswith("\0")), default=2 * PAD) for col in columns]
    col_x = [PAD + sum(col_w[:i]) + COL_GAP * i for i in range(len(columns))]
    slot = {n: DUMMY_H if n.startswith("\0") else NODE_H for col in columns for n in col}
    col_h = [sum(slot[n] for n in col) + ROW_GAP * (len(col) - 1) for col in columns]
    tallest = max(col_h)
    centre: dict[str, tuple[float, float]] = {}
    nodes: list[Node] = []
    for i, col in enumerate(columns):
        y = PAD + (tallest - col_h[i]) / 2
        for n in col:
            if n.startswith("\0"):
                centre[n] = (col_x[i] + col_w[i] / 2, y + DUMMY_H / 2)
            else:
                w = _width(n)
                x = col_x[i] + (col_w[i] - w) / 2
                nodes.append(Node(n, label(n), round(x, 1), round(y, 1), w, NODE_H))
                centre[n] = (x + w / 2, y + NODE_H / 2)
            y += slot[n] + ROW_GAP
    box = {n.name: n for n in nodes}
    edges = [Edge(src, dst, _path(points, box, centre)) for (src, dst), points in sorted(chains.items())]
    width = col_x[-1] + col_w[-1]
    return nodes, edges, width, PAD + tallest


def _order(columns: list[list[str]], succ: dict[str, list[str]], pred: dict[str, list[str]]) -> None:
    """Barycenter sweeps, left to right by predecessors then right to left by successors."""
    for sweep in range(SWEEPS):
        forward = sweep % 2 == 0
        indices = range(1, len(columns)) if forward else range(len(columns) - 2, -1, -1)
        neighbours = pred if forward else succ
        for i in indices:
            ref = {n: k for k, n in enumerate(columns[i - 1] if forward else columns[i + 1])}
            here = {n: k for k, n in enumerate(columns[i])}
            keys = {}
            for n in columns[i]:
                around = [ref[m] for m in neighbours.get(n, ()) if m in ref]
                # no neighbour there: keep the place it has
                keys[n] = (sum(around) / len(around) if around else here[n], here[n])
            columns[i].sort(key=keys.__getitem__)


def _path(points: list[str], box: dict[str, Node], centre: dict[str, tuple[float, float]]) -> str:
    src, dst = box[points[0]], box[points[-1]]
    coords = [(src.x + src.w, src.y + src.h / 2)]
    coords += [centre[p] for p in points[1:-1]]
    coords.append((dst.x, dst.y + dst.h / 2))
    if len(points) == 2 and dst.x <= src.x:  # same column: a loop between modules depending on each other
        (x0, y0), (x1, y1) = coords[0], (dst.x + dst.w, dst.y + dst.h / 2)
        bend = max(x0, x1) + COL_GAP / 2
        return f"M{x0:.1f},{y0:.1f} C{bend:.1f},{y0:.1f} {bend:.1f},{y1:.1f} {x1:.1f},{y1:.1f}"
    parts = [f"M{coords[0][0]:.1f},{coords[0][1]:.1f}"]
    for (x0, y0), (x1, y1) in zip(coords, coords[1:]):
        mid = (x0 + x1) / 2
        parts.append(f"C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f}")
    return " ".join(parts)


def _grid(names: list[str], top: float) -> tuple[list[Node], float, float]:
    cell = max(_width(n) for n in names) + PAD
    per_row = max(1, int((GRID_WIDTH - PAD) // cell))
    nodes = []
    for k, n in enumerate(names):
        row, col = divmod(k, per_row)
        w = _width(n)
        nodes.append(Node(n, label(n), round(PAD + col * cell, 1), round(top + row * (NODE_H + ROW_GAP), 1),
                          w, NODE_H))
    rows = (len(names) + per_row - 1) // per_row
    return nodes, PAD + min(per_row, len(names)) * cell, rows * (NODE_H + ROW_GAP)
