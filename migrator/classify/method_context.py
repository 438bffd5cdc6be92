"""One method seen as a behaviour: its statements with their guards, and what names mean.

Rules ask a MethodContext questions ("is this expression the records?", "which calls are
there?") instead of walking the tree themselves, so every rule reads names the same way.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property

from migrator.analyze.module_facts import ModuleFacts
from migrator.analyze.python_facts import MethodFacts, dotted_name
from migrator.model import Span

# Recordset methods returning records of the same model.
_SAME_RECORDS = frozenset({"filtered", "sorted", "sudo", "with_context", "with_user", "with_company",
                           "exists", "filtered_domain"})
# ... and of those, the ones that keep every record
_WHOLE = frozenset({"sorted", "sudo", "with_context", "with_user", "with_company"})


@dataclass(frozen=True)
class Statement:
    node: ast.stmt
    # enclosing `if` tests; an `else` branch holds `not test`, and so do the statements after a
    # guard clause (`if test: return` at the top of the body, `if test: continue` in a loop)
    guards: tuple[ast.expr, ...]
    loops: tuple[ast.For, ...]  # enclosing for-loops


def is_super_call(node: ast.AST) -> bool:
    """`super().x(...)` or `super(Cls, self).x(...)`."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Call)
        and isinstance(node.func.value.func, ast.Name)
        and node.func.value.func.id == "super"
    )


def const_str(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


_FLIPPED = {ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In,
            ast.Is: ast.IsNot, ast.IsNot: ast.Is}


def negate(test: ast.expr) -> ast.expr:
    """`not test`, simplified where that reads better: `not x` -> `x`, `'f' not in vals` ->
    `'f' in vals`, `a != b` -> `a == b`. The same simplification as the rewrite's
    (migrator/generate/transforms/guard_clauses.py), so the audit and the code read one test."""
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return test.operand
    if isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _FLIPPED:
        flipped = ast.Compare(left=test.left, ops=[_FLIPPED[type(test.ops[0])]()], comparators=test.comparators)
        return ast.copy_location(flipped, test)
    return ast.copy_location(ast.UnaryOp(op=ast.Not(), operand=test), test)


def is_guard_clause(stmt: ast.stmt, in_loop: bool, before_super: bool = False) -> bool:
    """`if test: ... return` at the top of a method body (`... continue` in a loop body): the
    statements after it run only when `test` is false. Only a plain return counts (nothing,
    True/False/None, a name, or `super()` called again): the value is what an action drops.
    Before the `super()` call of create/write/unlink, only `return super()...` alone counts:
    any other return stops the operation itself (the rewrite's guard_clauses says the same)."""
    if not isinstance(stmt, ast.If) or stmt.orelse or not stmt.body:
        return False
    last = stmt.body[-1]
    if in_loop:
        return isinstance(last, ast.Continue)
    if not isinstance(last, ast.Return):
        return False
    if before_super:
        return len(stmt.body) == 1 and is_super_call(last.value)
    value = last.value
    return value is None or isinstance(value, ast.Name) or is_super_call(value) or (
        isinstance(value, ast.Constant) and (value.value is None or isinstance(value.value, bool)))


def _zipped(node: ast.AST) -> list[tuple[str, ast.expr]]:
    """(name, what it iterates) of each name of `for a, b in zip(x, y)`."""
    if not (isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Tuple)
            and isinstance(node.iter, ast.Call) and isinstance(node.iter.func, ast.Name) and node.iter.func.id == "zip"
            and len(node.iter.args) == len(node.target.elts)):
        return []
    return [(t.id, a) for t, a in zip(node.target.elts, node.iter.args) if isinstance(t, ast.Name)]


# Fields a recordset of several records answers (the union of their values).
_RELATIONAL = ("many2one", "one2many", "many2many")


class MethodContext:
    def __init__(self, method: MethodFacts, module: ModuleFacts, trigger: str):
        self.method = method
        self.module = module
        self.trigger = trigger
        self.model = method.model or ""

    # ------------------------------------------------------------------ structure

    @cached_property
    def body(self) -> list[ast.stmt]:
        body = list(self.method.node.body)
        if body and isinstance(body[0], ast.Expr) and const_str(body[0].value) is not None:
            body = body[1:]  # docstring
        return body

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        out: list[Statement] = []
        clauses = set(map(id, self.guard_clauses))

        def walk(stmts: list[ast.stmt], guards: tuple, loops: tuple, top: bool = False) -> None:
            for s in stmts:
                if isinstance(s, ast.If):
                    walk(s.body, guards + (s.test,), loops)
                    if id(s) in clauses:
                        guards = guards + (negate(s.test),)  # what follows runs when the test is false
                    elif s.orelse:
                        negated = ast.UnaryOp(op=ast.Not(), operand=s.test)
                        ast.copy_location(negated, s.test)
                        walk(s.orelse, guards + (negated,), loops)
                elif isinstance(s, (ast.For, ast.AsyncFor)):
                    out.append(Statement(s, guards, loops))  # the loop header itself
                    walk(s.body, guards, loops + (s,))
                    walk(s.orelse, guards, loops)
                elif isinstance(s, ast.Try):
                    out.append(Statement(s, guards, loops))
                    walk(s.body, guards, loops)
                    for h in s.handlers:
                        walk(h.body, guards, loops)
                    walk(s.orelse + s.finalbody, guards, loops)
                elif isinstance(s, (ast.While, ast.With, ast.AsyncWith)):
                    out.append(Statement(s, guards, loops))
                    walk(s.body, guards, loops)
                else:
                    out.append(Statement(s, guards, loops))

        walk(self.body, (), (), top=True)
        return tuple(out)

    @cached_property
    def guard_clauses(self) -> tuple[ast.If, ...]:
        """The guard clauses of the body (see `is_guard_clause`): top level, then loops."""
        found: list[ast.If] = []
        before_super = self.method.name in ("create", "write", "unlink")
        for s in self.body:
            if is_guard_clause(s, in_loop=False, before_super=before_super):
                found.append(s)  # type: ignore[arg-type]
            elif any(is_super_call(n) for n in ast.walk(s)):
                before_super = False
        for n in self.nodes:
            if isinstance(n, (ast.For, ast.AsyncFor)):
                found += [s for s in n.body if is_guard_clause(s, in_loop=True)]  # type: ignore[misc]
        return tuple(found)

    def statement_at(self, line: int) -> Statement | None:
        """The innermost simple statement covering `line`."""
        best = None
        for st in self.statements:
            if st.node.lineno <= line <= (st.node.end_lineno or st.node.lineno):
                if isinstance(st.node, (ast.For, ast.AsyncFor, ast.Try, ast.While, ast.With)):
                    continue
                best = st
        return best

    @cached_property
    def nodes(self) -> tuple[ast.AST, ...]:
        """Every node of the body (docstring excluded), in walk order."""
        return tuple(n for s in self.body for n in ast.walk(s))

    def calls(self) -> Iterator[ast.Call]:
        return (n for n in self.nodes if isinstance(n, ast.Call))

    def span(self, node: ast.AST) -> Span:
        return Span(self.method.file, node.lineno, node.end_lineno or node.lineno)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ names

    @cached_property
    def local_names(self) -> frozenset[str]:
        """Names the method binds: parameters, assignments, loop and comprehension targets, ..."""
        node = self.method.node
        names = {a.arg for a in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs,
                                 *(a for a in (node.args.vararg, node.args.kwarg) if a))}
        for n in self.nodes:
            if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
                names.add(n.id)
            elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(n.name)
            elif isinstance(n, ast.arg):
                names.add(n.arg)
            elif isinstance(n, ast.ExceptHandler) and n.name:
                names.add(n.name)
        return frozenset(names)

    @cached_property
    def super_calls(self) -> tuple[ast.Call, ...]:
        return tuple(c for c in self.calls() if is_super_call(c))

    @cached_property
    def super_result_names(self) -> frozenset[str]:
        names = set()
        for n in self.nodes:
            if isinstance(n, ast.Assign) and is_super_call(n.value):
                names.update(t.id for t in n.targets if isinstance(t, ast.Name))
        return frozenset(names)

    def as_one(self, field_types: Mapping[str, str]) -> tuple[int, ...]:
        """Lines where the method treats all its records as one record: `self.ensure_one()`, or a
        read of a field that is not relational (`self.state`; in create, on what `super().create()`
        returned). Odoo refuses both for several records ("Expected singleton"; a relational field
        gives the union, as `mapped`), so the method fails for an operation on several records at
        once. `field_types`: the model's fields -> their types; a name it lacks is not counted."""
        params = self.method.params
        whole = self.super_result_names if self.method.name == "create" else {params[0] if params else "self"}
        called = {id(n.func) for n in self.nodes if isinstance(n, ast.Call)}
        lines = {n.lineno for n in self.nodes
                 if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in whole
                 and isinstance(n.ctx, ast.Load)
                 and (n.attr == "ensure_one" if id(n) in called
                      else field_types.get(n.attr, _RELATIONAL[0]) not in _RELATIONAL)}
        return tuple(sorted(lines))

    def vals_key(self, node: ast.AST) -> str | None:
        """'f' for `vals['f']` / `vals.get('f')` where vals holds the values being saved."""
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in self.vals_names:
            return const_str(node.slice)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in self.vals_names \
                and len(node.args) == 1 and not node.keywords:
            return const_str(node.args[0])
        return None

    @cached_property
    def vals_names(self) -> frozenset[str]:
        """Names holding the values given to create/write (`vals`, `vals_list`, loop vars)."""
        params = self.method.params
        if self.method.name not in ("create", "write") or len(params) < 2:
            return frozenset()
        names = {params[1]}
        for n in self.nodes:
            if isinstance(n, (ast.For, ast.comprehension)) and isinstance(n.target, ast.Name):
                if isinstance(n.iter, ast.Name) and n.iter.id in names:
                    names.add(n.target.id)
            for target, value in _zipped(n):  # for vals, rec in zip(vals_list, records)
                if isinstance(value, ast.Name) and value.id in names:
                    names.add(target)
        return frozenset(names)

    @cached_property
    def record_names(self) -> frozenset[str]:
        """Names bound to records of the method's model: self, loop variables over it, the
        records `super().create()` returned, filtered subsets, and a cron's searched records."""
        names = {self.method.params[0] if self.method.params else "self"}
        if self.method.name == "create":
            names |= self.super_result_names
        changed = True
        while changed:  # a fixpoint: `for rec in res` after `res = super().create(...)`
            changed = False
            for n in self.nodes:
                target, value = None, None
                if isinstance(n, ast.Assign) and len(n.targets) == 1 and isinstance(n.targets[0], ast.Name):
                    target, value = n.targets[0].id, n.value
                elif isinstance(n, (ast.For, ast.comprehension)) and isinstance(n.target, ast.Name):
                    target, value = n.target.id, n.iter
                if target and target not in names and value is not None and self._yields_records(value, names):
                    names.add(target)
                    changed = True
                for target, value in _zipped(n):  # for vals, rec in zip(vals_list, records)
                    if target not in names and self._yields_records(value, names):
                        names.add(target)
                        changed = True
        return frozenset(names)

    def _yields_records(self, node: ast.AST, names: set[str] | frozenset[str]) -> bool:
        if isinstance(node, ast.Name):
            return node.id in names
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            attr, recv = node.func.attr, node.func.value
            if attr in _SAME_RECORDS:
                return self._yields_records(recv, names)
            if attr in ("search", "browse") and isinstance(recv, ast.Name) and recv.id in names:
                return True  # self.search(...) in a cron
        return False

    def is_records(self, node: ast.AST) -> bool:
        """Does `node` evaluate to records of this method's model?"""
        return self._yields_records(node, self.record_names)

    def is_all_records(self, node: ast.AST) -> bool:
        """Does `node` evaluate to all the records the method runs on (`self`, `self.sudo()`,
        the records create made), not a part of them (`self.filtered(...)`) nor others of the
        model (`self.search(...)`)?"""
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _WHOLE:
            node = node.func.value
        if not isinstance(node, ast.Name):
            return False
        whole = {self.method.params[0] if self.method.params else "self"}
        if self.method.name == "create":
            whole |= self.super_result_names
        return node.id in whole

    def is_env(self, node: ast.AST) -> bool:
        """`self.env` (or `rec.env`)."""
        return isinstance(node, ast.Attribute) and node.attr == "env" and self.is_records(node.value)

    def env_model(self, node: ast.AST) -> str | None:
        """`'res.partner'` for `self.env['res.partner']` (possibly `.sudo()`-ed)."""
        while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _SAME_RECORDS:
            node = node.func.value
        if isinstance(node, ast.Subscript) and self.is_env(node.value):
            return const_str(node.slice)
        return None

    def env_ref(self, node: ast.AST, _followed: frozenset[str] = frozenset()) -> str | None:
        """`'mod.xmlid'` for `self.env.ref('mod.xmlid')`, also through a local variable.

        Each name is followed once: `self = self.with_context(...)` names itself.
        """
        if isinstance(node, ast.Name) and node.id not in _followed:
            _followed = _followed | {node.id}
            node = self.assigned_value(node.id) or node
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("sudo", "with_context"):
            return self.env_ref(node.func.value, _followed)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "ref"
            and self.is_env(node.func.value)
            and node.args
        ):
            return const_str(node.args[0])
        return None

    def assigned_value(self, name: str) -> ast.expr | None:
        """The value of `name = ...` when the method assigns it exactly once (a parameter is
        bound by the caller too: `if not date_ref: date_ref = today` leaves it the caller's)."""
        args = self.method.node.args
        if name in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg) if a}:
            return None
        values = [
            n.value for n in self.nodes
            if isinstance(n, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in n.targets)
        ]
        return values[0] if len(values) == 1 else None

    def module_constant(self, name: str) -> ast.expr | None:
        """The literal of `NAME = <literal>` at the top of the method's file (assigned once
        there, not bound in the method): `LIMIT` in `if order.amount_total > LIMIT`."""
        if name in self.local_names:
            return None
        tree = self.module.file_facts(self.method.file).tree  # type: ignore[union-attr]
        values = [n.value for n in tree.body if (isinstance(n, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in n.targets)) or (
            isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name) and n.target.id == name and n.value)]
        if len(values) != 1:
            return None
        try:
            ast.literal_eval(values[0])
        except ValueError:
            return None
        return values[0]

    def method_calls(self) -> Iterator[tuple[ast.Call, str, ast.expr]]:
        """(call, method name, receiver) of every `receiver.method(...)` in the body."""
        for call in self.calls():
            if isinstance(call.func, ast.Attribute):
                yield call, call.func.attr, call.func.value

    def imported_origin(self, name: str) -> str | None:
        return self.module.imports.get(self.method.file, {}).get(name)

    def dotted(self, node: ast.AST) -> str | None:
        return dotted_name(node)
