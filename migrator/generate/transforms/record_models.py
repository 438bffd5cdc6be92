"""The model of the records an expression of the method holds, where the code says it.

    self, a loop variable over it                  -> the method's model
    self.env["res.partner"], env["res.partner"]    -> res.partner (browse, search, create, ... keep it)
    super().create(vals_list)                      -> the method's model
    <records>.commercial_partner_id                -> the field's comodel, as the schema has it
    a or b                                         -> their model, when both have the same one
    a name bound once in the method                -> the model of what it is bound to

None when the code does not say (a parameter, a name bound twice, a dict's value, ...).
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import walk
from migrator.generate.transforms.base import Context, string_value

# Recordset methods returning records of the same model.
_SAME_MODEL = frozenset({"browse", "search", "sudo", "with_context", "with_company", "with_user", "with_env",
                         "exists", "filtered", "filtered_domain", "sorted", "ensure_one", "create", "copy"})


class RecordModels:
    def __init__(self, func: cst.FunctionDef, ctx: Context) -> None:
        self.ctx = ctx
        self.bound: dict[str, list[cst.BaseExpression | None]] = {}  # None: bound other than to a value
        self._collect(func)

    def _collect(self, func: cst.FunctionDef) -> None:
        bound = self.bound

        class Visitor(cst.CSTVisitor):
            def visit_Param(self, node: cst.Param) -> None:
                bound.setdefault(node.name.value, []).append(None)

            def visit_Assign(self, node: cst.Assign) -> None:
                for target in node.targets:
                    self._target(target.target, node.value if len(node.targets) == 1 else None)

            def visit_AugAssign(self, node: cst.AugAssign) -> None:
                self._target(node.target, None)

            def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
                self._target(node.target, node.value)

            def visit_For(self, node: cst.For) -> None:
                # the loop variable holds one record of what it iterates: the same model
                self._target(node.target, node.iter)

            def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
                self._target(node.target, node.value)

            def visit_CompFor(self, node: cst.CompFor) -> None:
                self._target(node.target, None)

            def visit_AsName(self, node: cst.AsName) -> None:
                self._target(node.name, None)

            def _target(self, target: cst.BaseExpression, value: cst.BaseExpression | None) -> None:
                if isinstance(target, cst.Name):
                    bound.setdefault(target.value, []).append(value)
                elif isinstance(target, (cst.Tuple, cst.List)):
                    for element in target.elements:
                        self._target(element.value, None)

        walk(func, Visitor())

    def model(self, node: cst.BaseExpression, seen: frozenset[str] = frozenset()) -> str | None:
        ctx = self.ctx
        if isinstance(node, cst.Name):
            if node.value == ctx.self_name and len(self.bound.get(node.value, ())) == 1:
                return ctx.model or None  # `self`, bound only as the first parameter
            values = self.bound.get(node.value, ())
            if len(values) != 1 or values[0] is None or node.value in seen:
                return None
            return self.model(values[0], seen | {node.value})
        if isinstance(node, cst.Subscript):
            return _env_model(node)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "super":
            return ctx.model or None  # `super().create(vals_list)`: the records created
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) \
                and node.func.attr.value in _SAME_MODEL:
            return self.model(node.func.value, seen)
        if isinstance(node, cst.Attribute):
            owner = self.model(node.value, seen)
            info = ctx.fields_of(owner, node.attr.value) if owner and ctx.fields_of else None
            return info.relation if info is not None and info.type in ("many2one", "one2many", "many2many") \
                else None
        if isinstance(node, cst.BooleanOperation):
            left, right = self.model(node.left, seen), self.model(node.right, seen)
            return left if left == right else None
        return None


def _env_model(node: cst.Subscript) -> str | None:
    """`env["m"]` / `<x>.env["m"]` -> "m"."""
    value = node.value
    is_env = (isinstance(value, cst.Name) and value.value == "env") or (
        isinstance(value, cst.Attribute) and value.attr.value == "env")
    if not is_env or len(node.slice) != 1 or not isinstance(node.slice[0].slice, cst.Index):
        return None
    return string_value(node.slice[0].slice.value)
