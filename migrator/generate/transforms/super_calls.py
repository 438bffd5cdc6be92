"""Where an override calls `super()`, and the blockers for overrides other than
create/write/unlink (those have their own rewrites)."""

from __future__ import annotations

from dataclasses import dataclass

import libcst as cst

from migrator.generate.cst_walk import walk
from migrator.generate.transforms.base import Context

RULE = "super_calls"


def is_super(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "super"


def super_calls(node: cst.CSTNode) -> list[cst.Call]:
    """Every `super().m(...)` / `super(C, self).m(...)` call under `node`."""
    calls: list[cst.Call] = []

    class Finder(cst.CSTVisitor):
        def visit_Call(self, call: cst.Call) -> None:
            if isinstance(call.func, cst.Attribute) and is_super(call.func.value):
                calls.append(call)

    walk(node, Finder())
    return calls


@dataclass(frozen=True)
class Split:
    """The body around the one statement that calls super()."""

    before: list[cst.BaseStatement]
    after: list[cst.BaseStatement]
    result: str | None  # `res` in `res = super().write(vals)`
    returned: bool  # `return super().write(vals)`


class NotRewritable(ValueError):
    """The override has a shape the audit's rules refuse (missing-super, uses-super-return-value,
    super-create-in-loop): those are decided there, once; meeting one here is a caller's error."""


def split_at_super(func: cst.FunctionDef, ctx: Context, rule: str) -> Split:
    """Find `[res =] super().<method>(...)` or `return super()...` at the top level."""
    calls = super_calls(func.body)
    if len(calls) != 1 or calls[0].func.attr.value != ctx.method:  # type: ignore[attr-defined]
        raise NotRewritable(f"{ctx.method}() must call super().{ctx.method}() exactly once")
    call = calls[0]
    body = list(func.body.body)
    for index, stmt in enumerate(body):
        if not super_calls(stmt):
            continue
        small = stmt.body[0] if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 else None
        result, returned = None, False
        if isinstance(small, cst.Expr) and small.value is call:
            pass
        elif isinstance(small, cst.Return) and small.value is call:
            returned = True
        elif (
            isinstance(small, cst.Assign)
            and small.value is call
            and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name)
        ):
            result = small.targets[0].target.value
        else:
            break
        return Split(body[:index], body[index + 1:], result, returned)
    raise NotRewritable(f"super().{ctx.method}() is not a statement of its own at the top of the body")


def check_other_overrides(func: cst.FunctionDef, ctx: Context) -> None:
    """Any other method calling super() overrides behaviour an action cannot wrap."""
    if ctx.method in ("create", "write", "unlink"):
        return
    calls = super_calls(func.body)
    if not calls:
        return
    if ctx.method == "copy":
        code, message = "copy-override", "copy() is overridden: an automation cannot tell a copy from a create."
    elif ctx.method.startswith(("action_", "button_")):
        code, message = "overrides-button", "The button method calls super(): a click has no automation trigger."
    else:
        code, message = "overrides-method", f"{ctx.method}() overrides an inherited method and calls super()."
    ctx.block(code, message, calls[0], RULE)


def is_return_of(stmt: cst.BaseStatement, names: tuple[str, ...]) -> bool:
    """`return res` (one of `names`), `return True`, `return` or `return None`."""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
        return False
    small = stmt.body[0]
    if not isinstance(small, cst.Return):
        return False
    value = small.value
    return value is None or (isinstance(value, cst.Name) and value.value in (*names, "True", "None"))
