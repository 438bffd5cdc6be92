"""Rewrite: an override of an Odoo button that moves records to a state, as the code of the
rule on that move (migrator/state_buttons.py).

    def action_draft(self):                       records.write({'note': False})
        res = super().action_draft()       ->
        self.write({'note': False})
        return res

The rule runs once the button's write moved the records: `super()` (the first statement, as
the audit's rule `overrides-button` let through) goes; the final `return res` goes with the
other final returns (transforms/returns.py).
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.transforms.base import Context, is_docstring
from migrator.generate.transforms.super_calls import split_at_super

RULE = "super_button"


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    split = split_at_super(func, ctx, RULE)
    ctx.note(f"super().{ctx.method}() was removed: the rule runs once Odoo's button moved the records.")
    docstring = [s for s in split.before if is_docstring(s)]
    return func.with_changes(body=func.body.with_changes(body=[*docstring, *split.after]))
