"""Rewrite for compute code: `rec.f = v` -> `rec['f'] = v`, `rec.f += 1` -> `rec['f'] += 1`.

A custom field's compute code runs in the sandbox, which refuses attribute assignment; it sets
the value by item assignment, as Odoo's own examples of computed custom fields do (a write
would not do: a compute assigns the value, it does not save it).
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context, field_key

RULE = "item_assign"


def _item(target: cst.Attribute) -> cst.Subscript:
    return cst.Subscript(target.value, [cst.SubscriptElement(cst.Index(field_key(target.attr.value)))])


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    class Rewriter(cst.CSTTransformer):
        def leave_AssignTarget(self, original_node: cst.AssignTarget,
                               updated_node: cst.AssignTarget) -> cst.AssignTarget:
            if isinstance(updated_node.target, cst.Attribute):
                ctx.note("Attribute assignments became item assignments (record['field'] = value).")
                return updated_node.with_changes(target=_item(updated_node.target))
            return updated_node

        def leave_AugAssign(self, original_node: cst.AugAssign, updated_node: cst.AugAssign) -> cst.AugAssign:
            if isinstance(updated_node.target, cst.Attribute):
                return updated_node.with_changes(target=_item(updated_node.target))
            return updated_node

    return func.with_changes(body=transform(func.body, Rewriter()))
