"""The layered drawing of the dependency graph: every addon once, no overlap, edges left to right."""

from __future__ import annotations

import random

from migrator.report.graph_layout import LABEL_MAX, layout


def sample(n: int, seed: int = 7) -> dict[str, list[str]]:
    rng = random.Random(seed)
    names = [f"client_addon_{i:03d}" for i in range(n)]
    # a third depends on one to three earlier addons, the rest on Odoo only (as in real audits)
    return {name: (rng.sample(names[:i], min(i, rng.randint(1, 3))) if i and rng.random() < 0.33 else ["sale"])
            for i, name in enumerate(names)}


def overlaps(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def test_hundreds_of_addons_are_laid_out_without_overlap() -> None:
    depends = sample(300)
    drawn = layout(depends)
    assert sorted(n.name for n in drawn.nodes) == sorted(depends)
    assert len(drawn.edges) == sum(len([d for d in deps if d in depends]) for deps in depends.values())
    by_row: dict[float, list] = {}
    for n in drawn.nodes:
        by_row.setdefault(round(n.y), []).append(n)
        assert 0 <= n.x and n.x + n.w <= drawn.width and 0 <= n.y and n.y + n.h <= drawn.height
    nodes = sorted(drawn.nodes, key=lambda n: (n.x, n.y))
    for i, a in enumerate(nodes):
        for b in nodes[i + 1:i + 40]:
            assert not overlaps(a, b), (a, b)
    box = {n.name: n for n in drawn.nodes}
    for e in drawn.edges:
        assert box[e.source].x + box[e.source].w < box[e.target].x  # dependants left of dependencies
        assert e.path.startswith("M")
    # addons with no audited dependency on either side wait in a grid below the layers
    assert drawn.grid_top is not None
    linked = {n for e in drawn.edges for n in (e.source, e.target)}
    assert all((box[n].y >= drawn.grid_top) == (n not in linked) for n in depends)


def test_the_layout_is_deterministic_and_cuts_long_names() -> None:
    depends = sample(60)
    long = "x" * (LABEL_MAX + 20)
    depends[long] = ["client_addon_001"]
    first, second = layout(depends), layout(dict(reversed(list(depends.items()))))
    assert first == second
    node = next(n for n in first.nodes if n.name == long)
    assert len(node.label) == LABEL_MAX and node.label.endswith("…")


def test_an_empty_or_edgeless_graph_is_a_grid() -> None:
    assert layout({}).nodes == ()
    drawn = layout({"a": [], "b": ["sale"]})
    assert [n.name for n in drawn.nodes] == ["a", "b"] and drawn.edges == () and drawn.grid_top == 0.0
