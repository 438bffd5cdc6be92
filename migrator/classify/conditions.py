"""Reading `if` guards: which fields' change they test (trigger fields) and, when they test
record values against constants, the domain an automation's `filter_domain` can hold."""

from __future__ import annotations

import ast
from collections.abc import Mapping

from migrator.classify.method_context import MethodContext, const_str
from migrator.classify.values import is_constant

_OPS = {ast.Eq: "=", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=",
        ast.In: "in", ast.NotIn: "not in"}
_NEGATE = {"=": "!=", "!=": "=", "<": ">=", "<=": ">", ">": "<=", ">=": "<", "in": "not in", "not in": "in"}


def vals_fields(ctx: MethodContext, guard: ast.expr) -> set[str]:
    """Fields whose presence in `vals` the guard tests: `'f' in vals`, `vals.get('f')`, `vals['f']`."""
    found = set()
    for n in ast.walk(guard):
        if isinstance(n, ast.Compare) and len(n.ops) == 1 and isinstance(n.ops[0], ast.In):
            right = n.comparators[0]
            if isinstance(right, ast.Name) and right.id in ctx.vals_names and const_str(n.left):
                found.add(const_str(n.left))
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get" \
                and isinstance(n.func.value, ast.Name) and n.func.value.id in ctx.vals_names and n.args:
            if const_str(n.args[0]):
                found.add(const_str(n.args[0]))
        elif isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id in ctx.vals_names:
            if const_str(n.slice):
                found.add(const_str(n.slice))
    return found  # type: ignore[return-value]


def _field_path(ctx: MethodContext, node: ast.AST, relations: Mapping[str, str] | None = None) -> str | None:
    """`rec.partner_id.country_id` -> 'partner_id.country_id' when rooted at the records;
    `vals.get('f')` / `vals['f']` -> 'f' (the value being saved is the record's new value);
    with `relations` (the model's many2one fields -> comodel), `env['m'].browse(vals.get('f')).g`
    -> 'f.g' where f is a many2one to m."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if parts and ctx.is_records(node):
        return ".".join(reversed(parts))
    written = _written_key(ctx, node)
    if written and not parts:
        return written
    if parts and relations and isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "browse" and len(node.args) == 1 and not node.keywords:
        key = _written_key(ctx, node.args[0])
        if key and relations.get(key) and relations.get(key) == ctx.env_model(node.func.value):
            return ".".join([key, *reversed(parts)])
    return None


def _written_key(ctx: MethodContext, node: ast.AST) -> str | None:
    """'f' for `vals.get('f')` / `vals['f']`."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
            and isinstance(node.func.value, ast.Name) and node.func.value.id in ctx.vals_names and node.args:
        return const_str(node.args[0])
    if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in ctx.vals_names:
        return const_str(node.slice)
    return None


def _literal(ctx: MethodContext, node: ast.AST):
    if isinstance(node, ast.Name) and (value := ctx.module_constant(node.id)) is not None:
        node = value  # a module-level literal means the same in a domain
    if is_constant(node):
        return ast.literal_eval(node)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and all(is_constant(e) for e in node.elts):
        return [ast.literal_eval(e) for e in node.elts]
    raise ValueError


def to_domain(ctx: MethodContext, guard: ast.expr, relations: Mapping[str, str] | None = None) -> list | None:
    """A guard as an Odoo domain (prefix notation), [] when it only tests `vals` keys,
    None when it cannot be written as a domain (`relations`: see _field_path)."""
    if vals_fields(ctx, guard) and _is_presence_test(ctx, guard):
        return []
    if isinstance(guard, ast.BoolOp):
        parts = [to_domain(ctx, v, relations) for v in guard.values]
        if any(p is None for p in parts):
            return None
        parts = [p for p in parts if p]
        op = "&" if isinstance(guard.op, ast.And) else "|"
        return [op] * (len(parts) - 1) + [t for p in parts for t in p] if parts else []
    if isinstance(guard, ast.UnaryOp) and isinstance(guard.op, ast.Not):
        inner = guard.operand
        path = _field_path(ctx, inner, relations)
        if path:
            return [(path, "=", False)]
        sub = to_domain(ctx, inner, relations)
        if sub is None:
            return None
        if len(sub) == 1 and isinstance(sub[0], tuple):
            f, op, v = sub[0]
            return [(f, _NEGATE[op], v)]
        return ["!"] + sub if sub else []
    if isinstance(guard, ast.Compare) and len(guard.ops) == 1 and type(guard.ops[0]) in _OPS:
        path = _field_path(ctx, guard.left, relations)
        try:
            value = _literal(ctx, guard.comparators[0])
        except ValueError:
            return None
        if path:
            return [(path, _OPS[type(guard.ops[0])], value)]
        return None
    path = _field_path(ctx, guard, relations)
    if path:
        return [(path, "!=", False)]
    return None


def _is_presence_test(ctx: MethodContext, guard: ast.expr) -> bool:
    """`'f' in vals` (or an `or` of them): a test of which fields are written, not of values."""
    if isinstance(guard, ast.BoolOp) and isinstance(guard.op, ast.Or):
        return all(_is_presence_test(ctx, v) for v in guard.values)
    return (
        isinstance(guard, ast.Compare) and len(guard.ops) == 1 and isinstance(guard.ops[0], ast.In)
        and isinstance(guard.comparators[0], ast.Name) and guard.comparators[0].id in ctx.vals_names
    )


def implies_written(ctx: MethodContext, guard: ast.expr) -> bool:
    """Whether a write override's test on the values holds only where a field it reads is
    written (`'f' in vals`, `vals.get('f')`, `vals.get('f') == 'sale'`, `and`s with one such
    part): a rule with that trigger field selects those writes. `vals.get('state') != 'draft'`
    holds for every write that does not set the state too, which no trigger field selects."""
    if isinstance(guard, ast.BoolOp) and isinstance(guard.op, ast.And):
        return any(implies_written(ctx, v) for v in guard.values)
    return _is_presence_test(ctx, guard) or written_value_domain(ctx, guard) is not None


def domain_text(domain: list) -> str:
    return "[" + ", ".join(repr(t) for t in domain) + "]"


def written_value_domain(ctx: MethodContext, guard: ast.expr, relations: Mapping[str, str] | None = None
                         ) -> list | None:
    """The domain of a write override's test on ONE written value that is false when the field
    is not written (`vals.get('state') == 'sale'`, `vals.get('user_id')`,
    `'state' in vals and vals['state'] in ('sale', 'done')`, with `relations`
    `vals.get('stage_id') and env['project.task.type'].browse(vals['stage_id']).fold`), None for
    any other test.

    With that field as the rule's trigger field, this domain selects the records the test
    selected, except those whose value was already the written one.
    """
    fields = vals_fields(ctx, guard)
    envs = {id(n.value) for n in ast.walk(guard) if ctx.is_env(n)}  # `self.env[...]` reads no record
    if len(fields) != 1 or any(isinstance(n, ast.Name) and ctx.is_records(n) and id(n) not in envs
                               for n in ast.walk(guard)):
        return None
    if any(isinstance(n, ast.BoolOp) and isinstance(n.op, ast.Or) for n in ast.walk(guard)):
        return None  # to_domain drops `'f' in vals` from an `or`: true whenever f is written
    domain = to_domain(ctx, guard, relations)
    if domain is None:
        return None
    leaves = [t for t in domain if isinstance(t, tuple)]
    if len(leaves) != len(domain) - domain.count("&") or any(t[0].split(".")[0] not in fields for t in leaves):
        return None  # only `and`s of tests on that one field
    # `vals.get('f')` is None when f is not written: one of the tests must then be false (a
    # path through f reads an empty record then, false as any test that needs a value)
    if any((op == "=" and value) or (op == "!=" and value is False)
           or (op == "in" and isinstance(value, list) and value and all(value)) for field, op, value in leaves):
        return domain
    return None
