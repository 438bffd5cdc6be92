"""Rewrite of a before/after comparison in a write override (migrator/classify/before_after.py
reads it and says which form it takes).

domains: the snapshots go, the loop runs over all the records and its `if` goes; the rule's
filter_pre_domain and filter_domain select the records instead:

    was_folded = self.filtered(lambda t: t.stage_id.fold)
    res = super().write(vals)                                     for task in records:
    for task in (self - was_folded).filtered(            ->           task.message_post(...)
            lambda t: t.stage_id.fold):
        task.message_post(...)                  filter_pre_domain [('stage_id.fold', '=', False)]
                                                filter_domain     [('stage_id.fold', '!=', False)]

old values: each field a snapshot reads is the value Odoo kept before the write, or the
record's own when the write did not set it:

    before = {p.id: p.email for p in self}  ->  before = {p.id: env.context['old_values']
                                                          .get(p.id, {}).get('email', p.email) for p in records}
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform
from migrator.classify.before_after import BeforeAfter
from migrator.generate.transforms.base import Context, HoistedGuard, code_of, expr

RULE = "before_after"


def snapshot(stmt: cst.BaseStatement, ba: BeforeAfter, ctx: Context) -> cst.BaseStatement | None:
    """A snapshot statement as the rule's code keeps it: None when the filters replace it."""
    if ba.form == "domains":
        return None
    if ba.form is None:
        ctx.block("code-before-super", f"The body reads the records before super().write() for a comparison "
                  f"after it that neither filter_pre_domain nor Odoo's old values can hold: {ba.reason}.",
                  stmt, RULE)
        return stmt
    fields = ", ".join(ba.fields)
    ctx.old_values.extend(f for f in ba.fields if f not in ctx.old_values)
    ctx.note(f"The values of {fields} before the write are read from env.context['old_values'] "
             "(the record's own when the write did not set them).")
    return transform(stmt, _OldValues(frozenset(ba.fields), {s.var for s in ba.snapshots}, ctx.self_name))  # type: ignore[return-value]


def unwrap(after: list[cst.BaseStatement], ba: BeforeAfter, ctx: Context) -> list[cst.BaseStatement]:
    """domains: the loop over all the records, without its `if`; the filters on the context."""
    if ba.form != "domains":
        return after
    out = []
    for stmt in after:
        if isinstance(stmt, cst.For) and ctx.source_line(stmt) == ba.loop_line:
            body = list(stmt.body.body)
            test = None
            if ba.test_line is not None and len(body) == 1 and isinstance(body[0], cst.If):
                test = body[0]
                inner = list(test.body.body)  # type: ignore[attr-defined]
                inner[0] = inner[0].with_changes(leading_lines=[*test.leading_lines, *inner[0].leading_lines])
                body = inner
            tests = [code_of(stmt.iter)] + ([code_of(test.test)] if test is not None else [])
            if ba.post:
                ctx.hoisted.append(HoistedGuard(ba.test_line or ba.loop_line, " / ".join(tests), ba.post))
            ctx.pre_domain = ba.pre
            ctx.note(f"The comparison of the values before and after the write ({' / '.join(tests)}) became the "
                     f"rule's filter_pre_domain {ba.pre}" + (f" and filter_domain {ba.post}." if ba.post else "."))
            stmt = stmt.with_changes(iter=cst.Name(ctx.self_name), body=stmt.body.with_changes(body=body))
        out.append(stmt)
    return out


class _OldValues(cst.CSTTransformer):
    """`var.f` -> `self.env.context['old_values'].get(var.id, {}).get('f', var.f)` for the fields read."""

    def __init__(self, fields: frozenset[str], variables: set[str], self_name: str) -> None:
        super().__init__()
        self.fields, self.variables, self.self_name = fields, variables, self_name

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.BaseExpression:
        value = original_node.value
        if isinstance(value, cst.Name) and value.value in self.variables and original_node.attr.value in self.fields:
            var, name = value.value, original_node.attr.value
            return expr(f"{self.self_name}.env.context['old_values'].get({var}.id, {{}}).get('{name}', {var}.{name})")
        return updated_node
