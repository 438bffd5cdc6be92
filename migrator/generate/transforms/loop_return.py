"""Rewrite: a `return` ending the body of the loop that ends the method -> `break`.

    for team in teams:               for team in teams:
        ...                    ->        ...
        return {"ids": ids}              break

Such a method stops at the end of the loop's first turn (often not what its author meant, but
what it does). Action code cannot return; `break` stops the loop at the same point, and nothing
follows the loop. The returned value is treated as a final return's (transforms/returns.py): a
button's action becomes `action = ...`, another value is dropped, its expression kept when
reading it does work. Any other `return` in the loop stays `early-return`.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.transforms import returns
from migrator.generate.transforms.base import Context


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    statements = list(func.body.body)
    loop = statements[-1] if statements else None
    if not isinstance(loop, cst.For) or loop.orelse is not None or not isinstance(loop.body, cst.IndentedBlock):
        return func
    body = list(loop.body.body)
    last = body[-1]
    if not (isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], cst.Return)):
        return func
    ctx.note("The return ending the loop's first turn became `break`: the loop stops there, as the method did.")
    kept = returns.ending(last, ctx)
    stop = cst.SimpleStatementLine([cst.Break()], leading_lines=last.leading_lines)
    new = [kept, stop.with_changes(leading_lines=())] if kept.body else [stop]
    for node in new:
        ctx.origins[node] = ctx.line(last)
    body[-1:] = new
    statements[-1] = loop.with_changes(body=loop.body.with_changes(body=body))
    return func.with_changes(body=func.body.with_changes(body=statements))
