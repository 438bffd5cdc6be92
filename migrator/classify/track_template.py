"""A `_track_template` override, read once for the audit's rule and for the plan.

mail.thread (16.0-19.0) asks `_track_template(changes)` for the templates to post once tracked
fields of a record changed: at the end of the request for a write, and at creation for the
tracked fields given a value (addons/mail/models/mail_thread.py `_message_track_post_template`).
An override adding `res['stage_id'] = (template, {options})` under `if 'stage_id' in changes:`
posts that template when the stage changes: what an automation rule on create and write of
`stage_id` does (generate/track_template_code.py writes its code).

Only that shape is read: the docstring, `res = super()._track_template(changes)`, names for the
record (`lead = self[0]`, `self.ensure_one()`), `if` blocks each adding one template for one
field, `return res`. Anything else is a `problem` (what, and where), which the plan turns into
its blocker.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

from migrator.classify.method_context import const_str, is_super_call

NAME = "_track_template"
# Odoo's own overrides (16.0-19.0: project, hr_recruitment, website_event_track) and the field
# each posts its stage's template for: a module's template for that field replaces Odoo's, where
# a rule would post both.
ODOO_OWN = {"project.task": "stage_id", "project.project": "stage_id", "hr.applicant": "stage_id",
            "event.track": "stage_id"}


@dataclass(frozen=True)
class TemplatePost:
    field: str  # the tracked field whose change posts the template
    template: ast.expr
    options: ast.Dict  # the post's keyword arguments (literal string keys)
    tests: tuple[ast.expr, ...]  # the other tests of its `if`, and-ed
    node: ast.Assign


@dataclass(frozen=True)
class TrackTemplate:
    posts: tuple[TemplatePost, ...]
    records: frozenset[str]  # names of the record besides `self`
    problem: tuple[str, ast.AST] | None = None  # why no rule can say it, and where


def read(node: ast.FunctionDef | ast.AsyncFunctionDef) -> TrackTemplate:
    params = [a.arg for a in node.args.args]
    changes = params[1] if len(params) > 1 else None
    body = list(node.body)
    if body and isinstance(body[0], ast.Expr) and const_str(body[0].value) is not None:
        body = body[1:]
    result: str | None = None  # the name holding super()'s dict
    records: set[str] = set()
    posts: list[TemplatePost] = []

    def refuse(what: str, where: ast.AST) -> TrackTemplate:
        return TrackTemplate(tuple(posts), frozenset(records), (what, where))

    for stmt in body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            name, value = stmt.targets[0].id, stmt.value
            if is_super_call(value) and result is None:
                result = name
                continue
            if _is_self(value):
                records.add(name)
                continue
        if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call) and _is_call_on_self(stmt.value, "ensure_one"):
            continue
        if isinstance(stmt, ast.Return) and result is not None and isinstance(stmt.value, ast.Name) \
                and stmt.value.id == result and stmt is body[-1]:
            continue
        if isinstance(stmt, ast.If) and not stmt.orelse and result is not None and changes is not None:
            post = _post(stmt, result, changes)
            if post is None:
                return refuse("an `if` that does more than add one template for one changed field", stmt)
            if any(p.field == post.field for p in posts):
                return refuse(f"a second template for '{post.field}'", stmt)
            posts.append(post)
            continue
        return refuse("a statement other than adding templates to what super() returned", stmt)
    if not posts:
        return refuse("no template added for a changed field", node)
    return TrackTemplate(tuple(posts), frozenset(records))


def _is_self(node: ast.expr) -> bool:
    """`self` or `self[0]`: Odoo calls the method on one record."""
    if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value == 0:
        node = node.value
    return isinstance(node, ast.Name) and node.id == "self"


def _is_call_on_self(call: ast.Call, method: str) -> bool:
    f = call.func
    return isinstance(f, ast.Attribute) and f.attr == method and _is_self(f.value) and not call.args


def _post(stmt: ast.If, result: str, changes: str) -> TemplatePost | None:
    """`if 'f' in changes [and more]: res['f'] = (template, {options})`."""
    if len(stmt.body) != 1 or not isinstance(stmt.body[0], ast.Assign):
        return None
    assign = stmt.body[0]
    target = assign.targets[0] if len(assign.targets) == 1 else None
    if not (isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and target.value.id == result):
        return None
    field = const_str(target.slice)
    value = assign.value
    if field is None or not isinstance(value, ast.Tuple) or len(value.elts) != 2:
        return None
    template, options = value.elts
    if not isinstance(options, ast.Dict) or not all(const_str(k) for k in options.keys):
        return None
    tests = list(stmt.test.values) if isinstance(stmt.test, ast.BoolOp) and isinstance(stmt.test.op, ast.And) \
        else [stmt.test]
    changed = [t for t in tests if _tests_changed(t, field, changes)]
    if len(changed) != 1 or any(isinstance(n, ast.Name) and n.id == changes for t in tests if t not in changed
                                for n in ast.walk(t)):
        return None
    return TemplatePost(field, template, options, tuple(t for t in tests if t not in changed), assign)


def _tests_changed(test: ast.expr, field: str, changes: str) -> bool:
    """`'f' in changes`."""
    return isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.In) \
        and const_str(test.left) == field and isinstance(test.comparators[0], ast.Name) \
        and test.comparators[0].id == changes
