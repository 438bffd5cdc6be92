"""Rewrite of an `unlink` override into code run by an on-unlink automation rule.

The rule runs before the deletion, as the body before `super().unlink()` did: that part is
kept and the call removed. Code after the call (records already gone) is `code-after-super`.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.transforms.base import Context, uses_name
from migrator.generate.transforms.super_calls import is_return_of, split_at_super

RULE = "super_unlink"


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    split = split_at_super(func, ctx, RULE)
    after = list(split.after)
    if after and is_return_of(after[-1], (split.result,) if split.result else ()):
        after.pop()
    for stmt in after:
        ctx.block(
            "code-after-super",
            "The body runs code after super().unlink(); an automation rule runs before the deletion.",
            stmt,
            RULE,
        )
    return func.with_changes(body=func.body.with_changes(body=split.before))
