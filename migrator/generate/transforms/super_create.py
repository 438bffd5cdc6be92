"""Rewrite of a `create` override into code run on the created `records`.

    for vals in vals_list:             records.write({'x': 1})
        vals['x'] = 1             ->   records.filtered(lambda r: not r.y).write({'y': 2})
        vals.setdefault('y', 2)        for rec in records:
    res = super().create(vals_list)        ...
    for rec in res:
        ...
    return res

Values put into `vals` before super() become writes after creation only when they are the
same for every record (literals, dates, `env.ref(...)`): anything else is `uses-vals`.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform, walk
from migrator.generate.transforms import create_values
from migrator.generate.transforms.base import Context, expr, uses_name, write_call
from migrator.generate.transforms.imports import NameRewriter
from migrator.generate.transforms.names import Imported
from migrator.generate.transforms.super_calls import split_at_super

RULE = "super_create"

Mutation = tuple[str, str, cst.BaseExpression]  # ("set" | "default", field, value)


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    split = split_at_super(func, ctx, RULE)
    vals = ctx.vals_name
    body: list[cst.BaseStatement] = []
    later: list[cst.BaseStatement] = []  # loops over the values, now over the created records
    for stmt in split.before:
        mutations = _mutations(stmt, vals, ctx)
        if mutations is not None and all(_same_for_every_record(v, ctx) for _, _, v in mutations):
            body.extend(_writes(mutations, stmt, ctx))
        elif vals and (node := uses_name(stmt, {vals})):
            loop = create_values.record_loop(stmt, vals, ctx, ctx.field_types) if isinstance(stmt, cst.For) else None
            if loop is None:
                ctx.block("uses-vals", "The values given to create are read before super().create().", node, RULE)
            else:
                later.append(loop)
        else:
            body.append(stmt)

    after = list(split.after)
    result = split.result
    if after and result and _returns_name(after[-1], result):
        after.pop()
    after = [_read_after(stmt, vals, result, func, ctx) for stmt in after]
    if result and result != "records":
        after = [transform(stmt, _Rename(result, "records")) for stmt in after]  # type: ignore[misc]
    return func.with_changes(body=func.body.with_changes(body=[*body, *later, *after]))


def _read_after(stmt: cst.BaseStatement, vals: str | None, result: str | None, func: cst.FunctionDef,
                ctx: Context) -> cst.BaseStatement:
    """After super(): `vals` of a one-dict create (`@api.model`) read on the created record;
    `for vals, rec in zip(vals_list, records)` as `for rec in records` reading rec."""
    if not vals or not (node := uses_name(stmt, {vals})):
        return stmt
    pair = _zip_loop(stmt, vals, result or "records")
    if pair is not None:
        loop, values, record = pair
        reader = create_values.ValuesAsRecord(values, cst.Name(record), ctx, ctx.field_types)
        body = transform(loop.body, reader)
        reader.check()
        ctx.note(f"The values given to create ({values}) are read on each created record ({record}).")
        return loop.with_changes(target=cst.Name(record), iter=cst.Name(result or "records"), body=body)
    if _one_dict(func):
        ctx.note(f"The values given to create ({vals}) are read on the created record.")
        reader = create_values.ValuesAsRecord(vals, cst.Name(result or "records"), ctx, ctx.field_types)
        stmt = transform(stmt, reader)  # type: ignore[assignment]
        reader.check()
        return stmt
    ctx.block("uses-vals", "The values given to create are read after super().create().", node, RULE)
    return stmt


def _zip_loop(stmt: cst.BaseStatement, vals: str, records: str) -> tuple[cst.For, str, str] | None:
    """(loop, values name, record name) of `for v, rec in zip(vals, records):`."""
    if not (isinstance(stmt, cst.For) and stmt.orelse is None and isinstance(stmt.target, cst.Tuple)
            and len(stmt.target.elements) == 2 and isinstance(stmt.iter, cst.Call)
            and isinstance(stmt.iter.func, cst.Name) and stmt.iter.func.value == "zip"
            and len(stmt.iter.args) >= 2):
        return None
    names = [e.value for e in stmt.target.elements]
    args = [a for a in stmt.iter.args if a.keyword is None]
    if not (len(args) == 2 and all(isinstance(n, cst.Name) for n in names)
            and isinstance(args[0].value, cst.Name) and args[0].value.value == vals
            and isinstance(args[1].value, cst.Name) and args[1].value.value == records):
        return None
    return stmt, names[0].value, names[1].value  # type: ignore[union-attr]


def _one_dict(func: cst.FunctionDef) -> bool:
    """`@api.model def create(self, vals)`: one dict of values, not a list."""
    for decorator in func.decorators:
        d = decorator.decorator
        name = d.attr.value if isinstance(d, cst.Attribute) else d.value if isinstance(d, cst.Name) else None
        if name == "model_create_multi":
            return False
        if name == "model":
            return True
    return False


class _Rename(NameRewriter):
    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def rewrite_name(self, node: cst.Name) -> cst.BaseExpression | None:
        return cst.Name(self.new) if node.value == self.old else None


def _returns_name(stmt: cst.BaseStatement, name: str) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and isinstance(stmt.body[0], cst.Return)
        and isinstance(stmt.body[0].value, cst.Name)
        and stmt.body[0].value.value == name
    )


def _mutations(stmt: cst.BaseStatement, vals: str | None, ctx: Context) -> list[Mutation] | None:
    """The mutations of `for v in vals_list: v[...] = ...` (or of a single `vals` dict)."""
    if vals is None:
        return None
    if (
        isinstance(stmt, cst.For)
        and isinstance(stmt.target, cst.Name)
        and isinstance(stmt.iter, cst.Name)
        and stmt.iter.value == vals
        and stmt.orelse is None
    ):
        found: list[Mutation] = []
        for inner in stmt.body.body:
            mutations = _line_mutations(inner, stmt.target.value, ctx)
            if mutations is None:
                return None
            found.extend(mutations)
        return found
    return _line_mutations(stmt, vals, ctx)


def _line_mutations(stmt: cst.BaseStatement, name: str, ctx: Context) -> list[Mutation] | None:
    if not isinstance(stmt, cst.SimpleStatementLine):
        return None
    found: list[Mutation] = []
    for small in stmt.body:
        mutations = _small_mutations(small, name)
        if mutations is None:
            return None
        found.extend(mutations)
    return found


def _key(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = node.evaluated_value
        if isinstance(value, str) and value.isidentifier():
            return value
    return None


def _is(node: cst.BaseExpression, name: str) -> bool:
    return isinstance(node, cst.Name) and node.value == name


def _small_mutations(small: cst.BaseSmallStatement, name: str) -> list[Mutation] | None:
    # vals['x'] = value
    if isinstance(small, cst.Assign) and len(small.targets) == 1:
        target = small.targets[0].target
        if (
            isinstance(target, cst.Subscript)
            and _is(target.value, name)
            and len(target.slice) == 1
            and isinstance(target.slice[0].slice, cst.Index)
            and (key := _key(target.slice[0].slice.value))
        ):
            return [("set", key, small.value)]
        return None
    if not (isinstance(small, cst.Expr) and isinstance(small.value, cst.Call)):
        return None
    call = small.value
    if not (isinstance(call.func, cst.Attribute) and _is(call.func.value, name)):
        return None
    args = call.args
    method = call.func.attr.value
    # vals.setdefault('x', value)
    if method == "setdefault" and len(args) == 2 and (key := _key(args[0].value)):
        return [("default", key, args[1].value)]
    # vals.update({'x': value, ...})
    if method == "update" and len(args) == 1 and isinstance(args[0].value, cst.Dict):
        found: list[Mutation] = []
        for element in args[0].value.elements:
            if not (isinstance(element, cst.DictElement) and (key := _key(element.key))):
                return None
            found.append(("set", key, element.value))
        return found
    return None


def _same_for_every_record(value: cst.BaseExpression, ctx: Context) -> bool:
    """No local names; calls only of imported functions (dates) and `env.ref()`."""
    ok = True
    locals_ = ctx.names.local - {ctx.self_name}

    class Visitor(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            walk(node.value, self)
            return False

        def visit_Name(self, node: cst.Name) -> None:
            nonlocal ok
            if node.value in locals_:
                ok = False

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            nonlocal ok
            ok = False
            return False

        def visit_Call(self, node: cst.Call) -> None:
            nonlocal ok
            func = node.func
            root = func
            while isinstance(root, cst.Attribute):
                root = root.value
            env_ref = isinstance(func, cst.Attribute) and func.attr.value == "ref"
            imported = isinstance(root, cst.Name) and isinstance(ctx.names.free.get(root.value), Imported)
            if not (env_ref or imported):
                ok = False

    walk(value, Visitor())
    return ok


def _writes(mutations: list[Mutation], stmt: cst.BaseStatement, ctx: Context) -> list[cst.BaseStatement]:
    statements: list[cst.BaseStatement] = []
    pending: list[tuple[str, cst.BaseExpression]] = []

    def flush() -> None:
        if pending:
            statements.append(_line(write_call(cst.Name("records"), list(pending))))
            pending.clear()

    for kind, key, value in mutations:
        if not _same_for_every_record(value, ctx):
            ctx.block(
                "uses-vals",
                f"The value set for '{key}' before create may differ from record to record.",
                value,
                RULE,
            )
            continue
        if kind == "set":
            ctx.note(f"vals['{key}'] set before create became a write on the created records.")
            pending.append((key, value))
        else:
            flush()
            ctx.note(
                f"vals.setdefault('{key}', ...) became a write on the created records "
                f"where {key} is empty."
            )
            empty = expr(f"records.filtered(lambda r: not r.{key})")
            statements.append(_line(write_call(empty, [(key, value)])))
    flush()
    if statements:
        first = statements[0]
        statements[0] = first.with_changes(leading_lines=stmt.leading_lines)  # type: ignore[union-attr]
    return statements


def _line(call: cst.Call) -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine([cst.Expr(call)])
