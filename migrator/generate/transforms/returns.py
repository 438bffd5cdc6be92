"""Check and rewrite of `return`.

Action code runs top to bottom and cannot stop early: a `return` anywhere but at the end is
`early-return`. At the end, a button's returned action becomes `action = {...}` (how a code
action returns a client action); any other final return loses its value and keeps its expression
as a statement, unless reading it does nothing (`return records.unlink()` still deletes).
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import walk
from migrator.generate.transforms.base import Context

RULE = "returns"


def _final_return(func: cst.FunctionDef) -> cst.Return | None:
    last = func.body.body[-1] if func.body.body else None
    if isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], cst.Return):
        return last.body[-1]
    return None


def check(func: cst.FunctionDef, ctx: Context) -> None:
    final = _final_return(func)

    class Visitor(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return False  # returns of an inner function are its own

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Return(self, node: cst.Return) -> None:
            if node is not final:
                ctx.block("early-return", "The method returns before its end; action code cannot stop early.", node, RULE)

    walk(func.body, Visitor())


# Builtins that only compute a value from their arguments.
_PURE_BUILTINS = frozenset({"len", "bool", "str", "int", "float", "sum", "min", "max", "abs", "round"})


def _pure(value: cst.BaseExpression) -> bool:
    """A name, an attribute, a literal, a builtin computing from those (`len(orders)`), or a
    container of those: reading it has no effect worth keeping."""
    if isinstance(value, cst.Attribute):
        return _pure(value.value)
    if isinstance(value, cst.Call):
        return isinstance(value.func, cst.Name) and value.func.value in _PURE_BUILTINS \
            and all(_pure(arg.value) for arg in value.args)
    if isinstance(value, (cst.Tuple, cst.List, cst.Set)):
        return all(isinstance(e, cst.Element) and _pure(e.value) for e in value.elements)
    if isinstance(value, cst.Dict):
        return all(isinstance(e, cst.DictElement) and _pure(e.key) and _pure(e.value) for e in value.elements)
    return isinstance(value, (cst.Name, cst.BaseNumber, cst.BaseString))


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    final = _final_return(func)
    if final is None:
        return func
    statements = list(func.body.body)
    last = statements.pop()
    assert isinstance(last, cst.SimpleStatementLine)
    kept = ending(last, ctx)
    if kept.body:
        statements.append(kept)
    return func.with_changes(body=func.body.with_changes(body=statements))


def ending(line: cst.SimpleStatementLine, ctx: Context) -> cst.SimpleStatementLine:
    """The statement line `line` (ending with a `return`) without its return: a button's
    returned action as `action = ...`, else the returned expression when reading it does work."""
    final = line.body[-1]
    assert isinstance(final, cst.Return)
    value = final.value
    trivial = value is None or (isinstance(value, cst.Name) and value.value in ("True", "False", "None"))
    if ctx.target == "manual" and not trivial and not _records_call(value):
        ctx.note("The returned action became `action = ...`.")
        return line.with_changes(body=[*line.body[:-1], cst.Assign([cst.AssignTarget(cst.Name("action"))], value)])
    if not trivial and not _pure(value):
        # `return records.unlink()`: the call is the method's work, only its value goes
        ctx.note("The value the method returned is dropped (the expression still runs).")
        return line.with_changes(body=[*line.body[:-1], cst.Expr(value)])
    if not trivial:
        ctx.note("The value the method returned is dropped.")
    return line.with_changes(body=line.body[:-1])


# Methods of records that return records, a boolean or an id, never an action: what a button
# returns from them is not an action to run (the client refuses a server action returning one).
_NOT_ACTIONS = frozenset({"write", "unlink", "create", "copy", "update", "search", "browse", "filtered", "mapped",
                          "sorted", "exists", "ensure_one", "message_post", "message_subscribe",
                          "message_unsubscribe", "activity_schedule"})


def _records_call(value: cst.BaseExpression) -> bool:
    return isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) \
        and value.func.attr.value in _NOT_ACTIONS
