"""The dependency graph of the audited addons (manifest `depends`), and its orders.

Only edges between audited addons are kept: Odoo's own addons and addons outside the audit
are not nodes. Odoo refuses dependency loops, but audited folders may hold one; modules in a
loop form one component, installed and uninstalled together, so every order here is an order
of components. All results are sorted by name where the graph leaves a choice, so that the
same addons always give the same report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property


class DependencyGraph:
    def __init__(self, depends: Mapping[str, Iterable[str]]):
        nodes = set(depends)
        self.nodes: tuple[str, ...] = tuple(sorted(nodes))
        # node -> the audited nodes it depends on
        self.depends: dict[str, tuple[str, ...]] = {
            n: tuple(sorted({d for d in depends[n] if d in nodes and d != n})) for n in self.nodes}

    @cached_property
    def required_by(self) -> dict[str, tuple[str, ...]]:
        """node -> the nodes depending on it directly."""
        found: dict[str, list[str]] = {n: [] for n in self.nodes}
        for n in self.nodes:
            for d in self.depends[n]:
                found[d].append(n)
        return {n: tuple(sorted(v)) for n, v in found.items()}

    @cached_property
    def edges(self) -> tuple[tuple[str, str], ...]:
        """(dependant, dependency) pairs."""
        return tuple((n, d) for n in self.nodes for d in self.depends[n])

    @cached_property
    def component_of(self) -> dict[str, tuple[str, ...]]:
        """node -> its strongly connected component (itself alone unless in a loop)."""
        return {n: comp for comp in self._components for n in comp}

    @cached_property
    def cycles(self) -> tuple[tuple[str, ...], ...]:
        return tuple(sorted(c for c in self._components if len(c) > 1))

    @cached_property
    def _components(self) -> list[tuple[str, ...]]:
        """Tarjan's algorithm, iterative (a chain of hundreds must not hit the recursion limit)."""
        index: dict[str, int] = {}
        low: dict[str, int] = {}
        on_stack: set[str] = set()
        stack: list[str] = []
        out: list[tuple[str, ...]] = []
        counter = 0
        for root in self.nodes:
            if root in index:
                continue
            work = [(root, iter(self.depends[root]))]
            index[root] = low[root] = counter
            counter += 1
            stack.append(root)
            on_stack.add(root)
            while work:
                node, children = work[-1]
                child = next(children, None)
                if child is not None:
                    if child not in index:
                        index[child] = low[child] = counter
                        counter += 1
                        stack.append(child)
                        on_stack.add(child)
                        work.append((child, iter(self.depends[child])))
                    elif child in on_stack:
                        low[node] = min(low[node], index[child])
                    continue
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    comp = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        comp.append(member)
                        if member == node:
                            break
                    out.append(tuple(sorted(comp)))
        return out

    def depth(self, nodes: Iterable[str] | None = None, towards: str = "depends") -> dict[str, int]:
        """Longest path, in components, from each node to the end of the graph restricted to
        `nodes`: 0 where nothing follows. `towards="depends"` counts down to the nodes depending
        on nothing (the layers of a drawing); `"required_by"` counts up to the nodes nothing
        depends on (the rounds of a removal)."""
        keep = set(self.nodes if nodes is None else nodes)
        step = self.depends if towards == "depends" else self.required_by
        comp_of = self.component_of
        memo: dict[tuple[str, ...], int] = {}
        for start in sorted({comp_of[n] for n in keep}):
            # iterative post-order over components
            todo = [(start, False)]
            while todo:
                comp, expanded = todo.pop()
                if comp in memo:
                    continue
                nexts = {comp_of[m] for n in comp for m in step[n] if m in keep} - {comp}
                if expanded or not nexts:
                    memo[comp] = 1 + max((memo[c] for c in nexts), default=-1)
                    continue
                todo.append((comp, True))
                todo.extend((c, False) for c in sorted(nexts) if c not in memo)
        return {n: memo[comp_of[n]] for n in keep}

    def dependants_closure(self, node: str) -> set[str]:
        """Every node that depends on `node`, directly or through others."""
        seen: set[str] = set()
        todo = list(self.required_by[node])
        while todo:
            n = todo.pop()
            if n not in seen:
                seen.add(n)
                todo.extend(self.required_by[n])
        return seen
