"""Names action code reads at its top level before anything can have bound them.

    if not date_ref:                    <- read: no statement before can have bound it
        date_ref = today                   (NameError when the action runs)

sandbox.py accepts `date_ref` as a name the code binds; this pass follows the top-level
statements in the order they run and reports a read of a name that no path reaching it can
have bound yet. It is conservative: a name that may be bound (in one branch of an earlier `if`,
anywhere in an enclosing loop, in a `try` before an `except`) counts as bound, and only reads
that run when their statement runs are judged, not those inside functions and lambdas (they
run when called). Names of the evaluation context and builtins are bound from the start. A
report is wrong only for code that never runs (a branch whose test is always false).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable


def unbound_reads(tree: ast.Module, available: frozenset[str]) -> list[tuple[str, int]]:
    """(name, line) of each first read of a name the code binds somewhere, before it can be bound."""
    bound_somewhere = _bound(tree.body) - available
    reads = _Reads(bound_somewhere)
    reads.statements(tree.body, set())
    return reads.found


class _Reads:
    def __init__(self, names: set[str]) -> None:
        self.names = names  # those judged: bound by the code, not given by the context
        self.found: list[tuple[str, int]] = []
        self.reported: set[str] = set()

    def statements(self, body: Iterable[ast.stmt], maybe: set[str]) -> set[str]:
        """Walk statements in order; `maybe` is what may be bound before them. Returns it after them."""
        for stmt in body:
            maybe = self.statement(stmt, maybe)
        return maybe

    def statement(self, stmt: ast.stmt, maybe: set[str]) -> set[str]:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for node in [*stmt.decorator_list, *_defaults(stmt)]:
                self.expression(node, maybe)
            return maybe | {stmt.name}
        # a walrus binds inside an expression: its name counts as bound for the whole statement
        maybe = maybe | _walrus(stmt)
        if isinstance(stmt, ast.If):
            self.expression(stmt.test, maybe)
            return self.statements(stmt.body, maybe) | self.statements(stmt.orelse, maybe)
        if isinstance(stmt, (ast.For, ast.AsyncFor, ast.While)):
            if isinstance(stmt, ast.While):
                inside = maybe | _bound([stmt])  # the test runs again after each turn
                self.expression(stmt.test, inside)
            else:
                self.expression(stmt.iter, maybe)
                inside = maybe | _bound([stmt])  # a turn sees what the turns before it bound
            self.statements(stmt.body, inside)
            self.statements(stmt.orelse, inside)
            return inside
        if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            inside = maybe | _bound(stmt.body)  # a handler may run after any part of the body
            after = self.statements(stmt.body, maybe)
            for handler in stmt.handlers:  # type: ignore[attr-defined]
                if handler.type is not None:
                    self.expression(handler.type, inside)
                names = {handler.name} if handler.name else set()
                after |= self.statements(handler.body, inside | names)
            after = self.statements(stmt.orelse, after)  # type: ignore[attr-defined]
            everything = inside | _bound(stmt.handlers) | _bound(stmt.orelse)  # type: ignore[attr-defined]
            return after | self.statements(stmt.finalbody, everything)  # type: ignore[attr-defined]
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                self.expression(item.context_expr, maybe)
            return self.statements(stmt.body, maybe | _bound([stmt]))
        # a simple statement: what it reads runs before what it binds (`x = x + 1` reads first)
        if isinstance(stmt, ast.AugAssign) and isinstance(stmt.target, ast.Name):
            self._read(stmt.target.id, stmt.target.lineno, maybe)
        self.expression(stmt, maybe)
        return maybe | _bound([stmt])

    def expression(self, node: ast.AST, maybe: set[str]) -> None:
        """Reads in `node` that run now: not inside a function or lambda body."""
        if isinstance(node, ast.Lambda):
            for default in _defaults(node):
                self.expression(default, maybe)
            return
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            # the comprehension's own targets are bound inside it
            own = {n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
            for child in ast.iter_child_nodes(node):
                self.expression(child, maybe | own)
            return
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
            self._read(node.id, node.lineno, maybe)
        for child in ast.iter_child_nodes(node):
            self.expression(child, maybe)

    def _read(self, name: str, line: int, maybe: set[str]) -> None:
        if name in self.names and name not in maybe and name not in self.reported:
            self.reported.add(name)
            self.found.append((name, line))


def _walrus(node: ast.AST) -> set[str]:
    return {n.target.id for n in ast.walk(node) if isinstance(n, ast.NamedExpr)}


def _defaults(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda) -> list[ast.expr]:
    if isinstance(node, ast.ClassDef):
        return [*node.bases, *(k.value for k in node.keywords)]
    args = node.args
    return [*args.defaults, *(d for d in args.kw_defaults if d is not None)]


def _bound(body: Iterable[ast.AST]) -> set[str]:
    """Names the statements may bind in the top-level scope (not inside functions, lambdas or
    comprehensions, except a walrus, which binds outside a comprehension)."""
    found: set[str] = set()

    def walk(node: ast.AST) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
            return
        if isinstance(node, ast.Lambda):
            return
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            found.add(node.id)
        elif isinstance(node, ast.NamedExpr):
            found.add(node.target.id)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            found.add(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found.update((a.asname or a.name).split(".")[0] for a in node.names)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            # only a walrus in a comprehension binds outside it
            found.update(_walrus(node))
            return
        for child in ast.iter_child_nodes(node):
            walk(child)

    for stmt in body:
        walk(stmt)
    return found
