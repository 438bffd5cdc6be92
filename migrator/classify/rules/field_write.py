"""field-write: the method sets fields of the records (or of the values being saved)."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.conditions import vals_fields
from migrator.classify.method_context import MethodContext, is_super_call
from migrator.classify.normalised import normalised_equation
from migrator.classify.rule import Rule
from migrator.classify.set_values import set_value
from migrator.classify.values import is_constant, literal_dict, source
from migrator.model import Effect


class FieldWrite(Rule):
    name = "field-write"
    summary = "Sets fields of the records: `rec.write({...})`, `rec.f = v`, or `vals[...]` before `super()`."
    produces = "effect"
    match = (
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def action_mark_urgent(self):
        self.write({"priority": "1"})
''',
        '''
class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("type", "opportunity")
        return super().create(vals_list)
''',
    )
    no_match = (
        '''
class SaleOrder(models.Model):
    _inherit = "sale.order"

    def write(self, vals):
        if "state" in vals:
            self.message_post(body="State changed")
        return super().write(vals)
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Effect]:
        for node in ctx.nodes:
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and not is_super_call(node):
                yield from self._call(ctx, node)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    yield from self._assign(ctx, node, target, node.value)
            elif isinstance(node, ast.AugAssign):
                yield from self._assign(ctx, node, node.target, None)

    def _call(self, ctx: MethodContext, call: ast.Call) -> Iterator[Effect]:
        attr, recv = call.func.attr, call.func.value  # type: ignore[union-attr]
        if attr == "write" and call.args:
            values = literal_dict(call.args[0])
            own = ctx.is_records(recv)
            yield self._effect(ctx, call, values, own, target="records" if own else source(recv))
        elif isinstance(recv, ast.Name) and recv.id in ctx.vals_names:
            if attr == "update" and call.args:
                values = literal_dict(call.args[0])
                yield self._vals_effect(ctx, call, values)
            elif attr == "setdefault" and len(call.args) == 2 and isinstance(call.args[0], ast.Constant):
                values = {str(call.args[0].value): call.args[1]}
                yield self._effect(ctx, call, values, True, target="vals", only_if_empty=True)

    def _assign(self, ctx: MethodContext, node: ast.stmt, target: ast.expr, value: ast.expr | None) -> Iterator[Effect]:
        if isinstance(target, ast.Attribute) and ctx.is_records(target.value):
            values = {target.attr: value} if value is not None else None
            yield self._effect(ctx, node, values, True, target="records")
        elif isinstance(target, ast.Attribute) and _other_records(ctx, target.value):
            # `task.parent_id.date_deadline = d`, `partner = self.env['res.partner'].search(...)`
            values = {target.attr: value} if value is not None else None
            yield self._effect(ctx, node, values, False, target=source(target.value))
        elif (
            isinstance(target, ast.Subscript)
            and isinstance(target.value, ast.Name)
            and target.value.id in ctx.vals_names
            and isinstance(target.slice, ast.Constant)
        ):
            name = str(target.slice.value)
            yield self._vals_effect(ctx, node, {name: value} if value is not None else None)

    def _vals_effect(self, ctx: MethodContext, node: ast.stmt | ast.Call, values: dict[str, ast.expr] | None) -> Effect:
        """Values put into `vals`: those the record can give after the save are equations
        (normalised in place: classify/normalised.py; the clock or a copy: classify/set_values.py)."""
        equations: dict[str, str] = {}
        clock: list[str] = []  # fields set to the time of the save
        copied: dict[str, str] = {}  # field -> the written field whose value it takes
        statement = ctx.statement_at(node.lineno)
        for name, value in (values or {}).items():
            if is_constant(value) or statement is None:
                continue
            if (equation := _normalised(ctx, statement.node, name, value)) is not None:
                equations[name] = equation
            elif (found := set_value(ctx, statement.node, name, value)) is not None:
                equations[name] = found.equation
                if found.copied:
                    copied[name] = found.copied
                else:
                    clock.append(name)
        extra = {key: item for key, item in (("clock", clock), ("copied", copied)) if item}
        return self._effect(ctx, node, values, True, target="vals", equations=equations or None, extra=extra)

    def _effect(self, ctx, node, values, own: bool, target: str, only_if_empty: bool = False,
                equations: dict[str, str] | None = None, extra: dict | None = None) -> Effect:
        # "only when empty" is a test per record that a write action cannot make
        no_code = bool(values) and own and not only_if_empty and all(
            is_constant(v) or k in (equations or {}) for k, v in values.items())
        fields = {k: source(v) for k, v in (values or {}).items()}
        text = ", ".join(f"{k} = {(equations or {}).get(k, v)}" for k, v in fields.items()) or "computed values"
        where = "" if own else f" on {target}"
        details = {"fields": fields, "target": target, "only_if_empty": only_if_empty}
        if equations:
            details["equations"] = equations
        details.update(extra or {})
        return Effect(
            kind="field_write",
            description=f"write {text}{where}" + (" (when empty)" if only_if_empty else ""),
            span=ctx.span(node),
            no_code=no_code,
            details=details,
        )


def _normalised(ctx: MethodContext, node: ast.stmt, name: str, value: ast.expr) -> str | None:
    """The equation writing the normalised value after the save, when the assignment runs only
    where the field is written (a test of it in `vals` guards it; classify/normalised.py)."""
    statement = ctx.statement_at(node.lineno)
    guards = statement.guards if statement else ()
    tested = [vals_fields(ctx, g) for g in guards]
    if not any(name in fields for fields in tested) or any(fields - {name} for fields in tested):
        return None
    return normalised_equation(ctx, name, value)


def _other_records(ctx: MethodContext, node: ast.expr, depth: int = 0) -> bool:
    """Records of another model, or other records: a relational field of the records, records
    searched or browsed, a local or loop variable holding them."""
    if depth > 4:
        return False
    if isinstance(node, ast.Attribute):
        return ctx.is_records(node.value) or _other_records(ctx, node.value, depth + 1)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        recv = node.func.value
        if node.func.attr in ("search", "browse"):
            return ctx.env_model(recv) is not None or ctx.is_records(recv)
        if node.func.attr in ("filtered", "sorted", "sudo", "with_context", "exists"):
            return _other_records(ctx, recv, depth + 1)
        return False
    if isinstance(node, ast.Name) and node.id not in ctx.record_names:
        value = ctx.assigned_value(node.id)
        if value is not None:
            return _other_records(ctx, value, depth + 1)
        loop = next((n for n in ctx.nodes if isinstance(n, ast.For) and isinstance(n.target, ast.Name)
                     and n.target.id == node.id), None)
        return loop is not None and _other_records(ctx, loop.iter, depth + 1)
    return False
