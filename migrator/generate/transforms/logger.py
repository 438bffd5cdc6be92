"""Rewrite: `_logger.info(msg, *args)` -> `log(msg % (args,))`, level kept for the others.

`log()` of the action context writes an ir.logging record instead of a server log line.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context
from migrator.generate.transforms.names import Logger

LEVELS = {
    "debug": "debug",
    "info": "info",
    "warning": "warning",
    "warn": "warning",
    "error": "error",
    "exception": "error",
    "critical": "critical",
}


def logger_called(call: cst.Call) -> str | None:
    """The name of `<name>.<level>(message, *args)` (positional arguments only), else None."""
    func = call.func
    if (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.attr.value in LEVELS
            and call.args and all(arg.keyword is None and not arg.star for arg in call.args)):
        return func.value.value
    return None


def is_log_call(call: cst.Call, ctx: Context) -> bool:
    name = logger_called(call)
    return name is not None and (isinstance(ctx.names.free.get(name), Logger) or name in ctx.loggers)


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    class Rewriter(cst.CSTTransformer):
        def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.Call:
            if not is_log_call(original_node, ctx):
                return updated_node
            ctx.note("_logger calls became log(): messages go to ir.logging.")
            return log_call(updated_node, original_node.func.attr.value)  # type: ignore[attr-defined]

    return func.with_changes(body=transform(func.body, Rewriter()))


def log_call(call: cst.Call, method: str) -> cst.Call:
    """`<logger>.<method>(msg, *args)` as the action context's `log(msg % (args,), level=...)`."""
    message, *rest = call.args
    text = message.value
    if rest:
        text = cst.BinaryOperation(text, cst.Modulo(), cst.Tuple([cst.Element(a.value) for a in rest]))
    args = [cst.Arg(text)]
    level = LEVELS[method]
    if level != "info":
        args.append(
            cst.Arg(
                cst.SimpleString(f"'{level}'"),
                keyword=cst.Name("level"),
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""),
                    whitespace_after=cst.SimpleWhitespace(""),
                ),
            )
        )
    return cst.Call(cst.Name("log"), _with_commas(args))


def _with_commas(args: list[cst.Arg]) -> list[cst.Arg]:
    return [
        a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        if i < len(args) - 1
        else a
        for i, a in enumerate(args)
    ]
