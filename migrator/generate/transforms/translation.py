"""Rewrite: `_('text')` -> `'text'`; `_('a %s', x)` -> `'a %s' % (x,)`.

Action code has no translation function: the text stays in the source language.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.generate.transforms.base import Context
from migrator.generate.transforms.imports import qualify
from migrator.sandbox import TRANSLATION_FUNCTIONS as FUNCTIONS



def _is_translation(call: cst.Call, ctx: Context) -> bool:
    if qualify(call.func, ctx) in FUNCTIONS:
        return True
    # 18.0+: `self.env._('text')`.
    func = call.func
    return (
        isinstance(func, cst.Attribute)
        and func.attr.value == "_"
        and isinstance(func.value, cst.Attribute)
        and func.value.attr.value == "env"
    )


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    class Rewriter(cst.CSTTransformer):
        def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
            if not _is_translation(original_node, ctx) or not updated_node.args:
                return updated_node
            ctx.note("_() was removed: the messages are no longer translated.")
            text, *rest = updated_node.args
            if not rest:
                return text.value
            if all(arg.keyword is not None for arg in rest):
                values: cst.BaseExpression = cst.Dict(
                    [cst.DictElement(cst.SimpleString(f"'{a.keyword.value}'"), a.value) for a in rest]  # type: ignore[union-attr]
                )
            else:
                values = cst.Tuple([cst.Element(a.value) for a in rest])
            return cst.BinaryOperation(text.value, cst.Modulo(), values)

        def leave_Attribute(
            self, original_node: cst.Attribute, updated_node: cst.Attribute
        ) -> cst.Attribute:
            # `_('a %s', x).upper()`: the formatting must stay one operand.
            value = updated_node.value
            if isinstance(value, cst.BinaryOperation) and not value.lpar:
                value = value.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
                return updated_node.with_changes(value=value)
            return updated_node

    return func.with_changes(body=transform(func.body, Rewriter()))
