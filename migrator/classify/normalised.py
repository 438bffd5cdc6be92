"""A value normalised before `super()`: `vals['code'] = vals['code'].strip().lower()`.

An automation rule cannot change the values before they are saved, but it can write the
normalised value right after: an object_write whose value is an expression on the record
(`record.code.strip().lower()`, evaluation type `equation`, in every series 16.0-19.0).

That is faithful only when normalising twice gives what normalising once gives: the rule on
create writes the field, which runs the rule on write of the same field once more (Odoo's
`__action_done` only stops a rule re-running itself). So only chains of idempotent string
methods qualify.
"""

from __future__ import annotations

import ast

from migrator.classify.method_context import MethodContext, const_str

# str methods f with f(f(x)) == f(x), without arguments (strip-like also with literal chars)
_IDEMPOTENT = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "title", "capitalize"})
_STRIPS = frozenset({"strip", "lstrip", "rstrip"})


def normalised_equation(ctx: MethodContext, field: str, value: ast.expr) -> str | None:
    """`record.<field>.strip().lower()` for `vals['<field>'].strip().lower()` (also through
    `vals.get('<field>')` or a `vals` loop variable), None for anything else."""
    calls: list[str] = []
    node = value
    while isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if not _idempotent_call(node):
            return None
        calls.append(ast.unparse(node)[len(ast.unparse(node.func.value)):])  # ".strip()"
        node = node.func.value
    if not calls or ctx.vals_key(node) != field:
        return None
    return f"record.{field}" + "".join(reversed(calls))


def _idempotent_call(call: ast.Call) -> bool:
    name = call.func.attr  # type: ignore[union-attr]
    if call.keywords or name not in _IDEMPOTENT:
        return False
    if not call.args:
        return True
    # strip('- '): removing a set of characters again removes nothing
    return name in _STRIPS and len(call.args) == 1 and const_str(call.args[0]) is not None
