"""Rewrite: a logger made inside the method -> the action context's `log()`.

    _logger = logging.getLogger(__name__)
    _logger.info("Cron started")          ->    log("Cron started")
    ...                                         ...
    _logger.warning("%s moved", ticket.id)      log("%s moved" % (ticket.id,), level='warning')

The assignment goes (getting a logger does nothing else) and every call of it becomes `log()`,
as for a logger of the module (transforms/logger.py): server actions and scheduled actions of
16.0-19.0 have `log(message, level="info")` in their evaluation context, which writes an
ir.logging record (Settings > Technical > Logging) where the method wrote a server log line.
Only a logger assigned once, at the top level of the body, from `logging.getLogger(...)` of
names and literals, and used for nothing but logging calls, is rewritten; anything else stays
for the checks to refuse.
"""

from __future__ import annotations

import dataclasses

import libcst as cst

from migrator.generate.cst_walk import walk
from migrator.generate.transforms.base import Context
from migrator.generate.transforms.imports import qualify
from migrator.generate.transforms.logger import logger_called

RULE = "local_logger"


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    for stmt in func.body.body:
        name = _logger_assigned(stmt, ctx)
        if name is not None and _only_logs(func, name):
            func = _drop(func, stmt, name, ctx)
    return func


def _logger_assigned(stmt: cst.BaseStatement, ctx: Context) -> str | None:
    """`X = logging.getLogger(<names, attributes, literals>)` alone on its line: X."""
    if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1
            and isinstance(stmt.body[0], cst.Assign)):
        return None
    assign = stmt.body[0]
    if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
        return None
    call = assign.value
    if not (isinstance(call, cst.Call) and qualify(call.func, ctx) == "logging.getLogger"
            and all(arg.star == "" and _harmless(arg.value) for arg in call.args)):
        return None
    return assign.targets[0].target.value


def _harmless(node: cst.BaseExpression) -> bool:
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, (cst.Name, cst.SimpleString))


def _only_logs(func: cst.FunctionDef, name: str) -> bool:
    """`name` is bound once and read only as `name.<level>(positional arguments)`."""
    bound = 0
    ok = True

    class Visitor(cst.CSTVisitor):
        def visit_AssignTarget(self, node: cst.AssignTarget) -> bool:
            nonlocal bound
            if isinstance(node.target, cst.Name) and node.target.value == name:
                bound += 1
                return False
            return True

        def visit_Call(self, node: cst.Call) -> bool:
            if logger_called(node) == name:
                for arg in node.args:
                    walk(arg, self)
                return False
            return True

        def visit_Attribute(self, node: cst.Attribute) -> bool:
            walk(node.value, self)
            return False

        def visit_Name(self, node: cst.Name) -> None:
            nonlocal ok
            if node.value == name:
                ok = False  # read other than to log, or bound another way (for, with, del, ...)

    walk(func.body, Visitor())
    return ok and bound == 1


def _drop(func: cst.FunctionDef, assignment: cst.BaseStatement, name: str, ctx: Context) -> cst.FunctionDef:
    """The assignment goes and `name` counts as a logger (transforms/logger.py rewrites its
    calls); the other statements stay the parsed nodes the checks report lines of."""
    ctx.note(f"The logger the method made (`{name}`) became log(): messages go to ir.logging.")
    ctx.loggers.add(name)
    gone: set[int] = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            gone.add(id(node))

    walk(assignment, Names())
    # the names only the assignment read (`logging`, `__name__`) are no longer the method's
    ctx.names = dataclasses.replace(ctx.names, uses=tuple((n, node) for n, node in ctx.names.uses
                                                          if id(node) not in gone))
    body = list(func.body.body)
    at = body.index(assignment)
    del body[at]
    if at < len(body) and assignment.leading_lines:  # its comments stay, on the statement that follows
        following = body[at]
        body[at] = following.with_changes(leading_lines=[*assignment.leading_lines, *following.leading_lines])
        ctx.origins[body[at]] = ctx.line(following)
    if not body:
        body = [cst.SimpleStatementLine([cst.Pass()])]
    return func.with_changes(body=func.body.with_changes(body=body))
