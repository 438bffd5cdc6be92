"""Rewrite of generated code: the fields and models that became custom ones by their new names.

`record.reviewed_on` -> `record.x_reviewed_on`; a string where a field name goes (a dict key, a
domain leaf's first item, `record['f']`, `mapped('f')` and the like, `'f' in vals`) -> `'x_...'`,
a dotted path `'visit_id.state'` component by component; a model name anywhere
(`env['lumen.visit']` -> `env['x_lumen_visit']`). Other strings are values (`state == 'approved'`)
and stay. The caller passes only field names no other model has a field of
(migrator/generate/data_fields.py), so an attribute of that name cannot mean another field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import libcst as cst

_PATH = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def rename_text(text: str, fields: Mapping[str, str], models: Mapping[str, str]) -> str:
    """A string literal's value renamed: a model name, a field name or a dotted field path."""
    if text in models:
        return models[text]
    if _PATH.match(text):
        return ".".join(fields.get(part, part) for part in text.split("."))
    return text


def rename_code(code: str, fields: Mapping[str, str], models: Mapping[str, str]) -> str:
    """`code` (a module of statements) with the names renamed; comments and layout kept."""
    if not fields and not models:
        return code
    return cst.parse_module(code).visit(_Renamer(fields, models)).code


# Recordset methods whose first argument is a field name or path.
_FIELD_ARGUMENT = frozenset({"mapped", "filtered", "sorted", "read", "grouped", "_read_group", "read_group",
                             "search_read", "fields_get", "default_get", "invalidate_recordset"})


class _Renamer(cst.CSTTransformer):
    def __init__(self, fields: Mapping[str, str], models: Mapping[str, str]) -> None:
        super().__init__()
        self.fields, self.models = fields, models
        self.field_strings: set[int] = set()  # ids of strings standing where a field name goes

    def _mark(self, node: cst.CSTNode | None) -> None:
        if isinstance(node, cst.SimpleString):
            self.field_strings.add(id(node))

    def visit_DictElement(self, node: cst.DictElement) -> None:
        self._mark(node.key)

    def visit_Tuple(self, node: cst.Tuple) -> None:
        if len(node.elements) == 3:
            self._mark(node.elements[0].value)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            self._mark(node.slice[0].slice.value)

    def visit_Call(self, node: cst.Call) -> None:
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _FIELD_ARGUMENT and node.args:
            first = node.args[0].value
            items = [e.value for e in first.elements] if isinstance(first, (cst.List, cst.Tuple)) else [first]
            for item in items:
                self._mark(item)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        if isinstance(node.comparisons[0].operator, (cst.In, cst.NotIn)):
            self._mark(node.left)

    def leave_Attribute(self, original_node: cst.Attribute, updated_node: cst.Attribute) -> cst.Attribute:
        new = self.fields.get(updated_node.attr.value)
        return updated_node.with_changes(attr=cst.Name(new)) if new else updated_node

    def leave_SimpleString(self, original_node: cst.SimpleString, updated_node: cst.SimpleString) -> cst.SimpleString:
        value = updated_node.evaluated_value
        if not isinstance(value, str):
            return updated_node
        if value in self.models:
            new = self.models[value]
        elif id(original_node) in self.field_strings:
            new = rename_text(value, self.fields, {})
        else:
            return updated_node
        if new == value:
            return updated_node
        quote = updated_node.quote
        return updated_node.with_changes(value=f"{updated_node.prefix}{quote}{new}{quote}")
