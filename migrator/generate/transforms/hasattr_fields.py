"""Rewrite: `hasattr(records, 'field')` -> `True` where the field is certainly there.

    if hasattr(partner, "brand_id") and partner.brand_id:   ->   if partner.brand_id:

Modules test for a field another module may add; the action sandbox has no `hasattr`. Where
the records' model is known (transforms/record_models.py) and the field is there wherever the
data module installs (generate/installed_fields.py: the module's own fields, its given
dependencies', the catalogue's of the Odoo modules it depends on), the test is true: it
becomes `True`, and `True and x` becomes `x`. A field the schema does not have may still be
there (a module not given), so that test is never read as false: it stays, and the sandbox
check refuses it (`sandbox-forbidden`).
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context, string_value
from migrator.generate.transforms.record_models import RecordModels


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    """The method with its provable `hasattr` tests replaced (the same node when there is none)."""
    if ctx.fields_of is None or "hasattr" not in ctx.names.free:
        return func
    models = RecordModels(func, ctx)
    fields_of = ctx.fields_of

    class Rewriter(cst.CSTTransformer):
        def __init__(self) -> None:
            super().__init__()
            self.changed = False

        def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def, override]
            result = super().on_leave(original_node, updated_node)
            return ctx.stands_for(result, original_node) if isinstance(result, cst.CSTNode) else result

        def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
            field = _tested_field(original_node)
            if field is None:
                return updated_node
            model = models.model(original_node.args[0].value)
            if model is None or fields_of(model, field) is None:
                return updated_node
            ctx.note(f"hasattr(..., '{field}') became True: {model}.{field} is there wherever this module "
                     "installs.")
            self.changed = True
            return cst.Name("True")

        def leave_BooleanOperation(self, original_node: cst.BooleanOperation,
                                   updated_node: cst.BooleanOperation) -> cst.BaseExpression:
            left = updated_node.left
            if isinstance(updated_node.operator, cst.And) and isinstance(left, cst.Name) and left.value == "True":
                right = updated_node.right  # `True and x` is x, whatever x is
                return right.with_changes(lpar=updated_node.lpar or right.lpar, rpar=updated_node.rpar or right.rpar)
            return updated_node

    rewriter = Rewriter()
    new = transform(func, rewriter)
    return new if rewriter.changed else func


def _tested_field(call: cst.Call) -> str | None:
    """`hasattr(x, 'name')`: name."""
    if not (isinstance(call.func, cst.Name) and call.func.value == "hasattr" and len(call.args) == 2
            and all(a.keyword is None and not a.star for a in call.args)):
        return None
    return string_value(call.args[1].value)
