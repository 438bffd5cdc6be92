"""A field declaration read as the attributes an `ir.model.fields` record can hold.

`field_spec` reads `fields.X(...)` off the model file's `ast` (never executed): the literal
keyword arguments and positional forms Odoo accepts (`fields.Many2one('res.partner', 'Customer')`,
`fields.Selection([...], 'State')`), and says why the declaration cannot become a custom field
when it cannot: what such a record would lose (a method default, `digits`, `groups`, an inverse,
...). Whether its compute method converts is asked elsewhere (migrator/generate/compute_code.py).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from migrator.analyze.module_facts import ModuleFacts
from migrator.model import FieldDecl

# ir.model.fields ttype for each fields.X the toolkit writes as a record.
TYPES = {"Char": "char", "Text": "text", "Html": "html", "Integer": "integer", "Float": "float",
         "Boolean": "boolean", "Date": "date", "Datetime": "datetime", "Selection": "selection",
         "Many2one": "many2one", "One2many": "one2many", "Many2many": "many2many", "Monetary": "monetary"}
# Keyword arguments a custom field holds (by another name, or as a record of its own).
_HELD = frozenset({
    "string", "help", "required", "readonly", "index", "copy", "translate", "tracking", "store",
    "compute", "related", "default", "selection", "comodel_name", "inverse_name", "relation",
    "column1", "column2", "ondelete", "domain", "size", "currency_field", "sanitize", "precompute",
    "compute_sudo",
})
# Positional arguments after the first one, per type (what Odoo's field __init__ takes).
_POSITIONAL = {"Many2one": ("comodel_name", "string"), "One2many": ("comodel_name", "inverse_name", "string"),
               "Many2many": ("comodel_name", "relation", "column1", "column2", "string"),
               "Selection": ("selection", "string")}


@dataclass(frozen=True)
class FieldSpec:
    model: str
    name: str
    ttype: str | None  # None: a type no custom field has
    decl: FieldDecl
    attrs: dict = field(default_factory=dict)  # literal attribute values by keyword
    depends: tuple[str, ...] = ()  # the compute method's @api.depends
    stays: str | None = None  # why it cannot be a custom field (None: it can, compute aside)

    @property
    def label(self) -> str:
        """The label Odoo gives a field without `string`."""
        text = self.attrs.get("string")
        if isinstance(text, str) and text:
            return text
        base = self.name
        if self.ttype == "many2one" and base.endswith("_id"):
            base = base[:-3]
        elif self.ttype in ("one2many", "many2many") and base.endswith("_ids"):
            base = base[:-4]
        return base.replace("_", " ").title()


def field_call(facts: ModuleFacts, decl: FieldDecl) -> ast.Call | None:
    """The `fields.X(...)` call of a declaration, found by its line in its file."""
    py = facts.file_facts(decl.span.file)
    if py is None:
        return None
    for node in ast.walk(py.tree):
        if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.lineno == decl.span.line_start \
                and isinstance(node.value, ast.Call):
            return node.value
    return None


def field_spec(facts: ModuleFacts, model: str, decl: FieldDecl) -> FieldSpec:
    ttype = TYPES.get(decl.type)
    call = field_call(facts, decl)
    if ttype is None or call is None:
        return FieldSpec(model, decl.name, ttype, decl, stays=f"a {decl.type} field has no custom field type "
                         "the toolkit writes (binary, image, reference, properties, ...).")
    attrs: dict = {}
    names = ("string",) if decl.type not in _POSITIONAL else _POSITIONAL[decl.type]
    for name, node in zip(names, call.args):
        attrs[name] = node
    attrs.update({k.arg: k.value for k in call.keywords if k.arg})
    values, unheld = {}, []
    for key, node in attrs.items():
        try:
            values[key] = ast.literal_eval(node)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            values[key] = _NotLiteral(ast.unparse(node))
        if key not in _HELD:
            unheld.append(key)
    spec = FieldSpec(model, decl.name, ttype, decl, values, _depends(facts, model, decl))
    reason = _stays(spec, unheld)
    return FieldSpec(model, decl.name, ttype, decl, values, spec.depends, reason)


@dataclass(frozen=True)
class _NotLiteral:
    source: str


def class_literal(facts: ModuleFacts, classes: list, attr: str) -> object:
    """The value of a class attribute (`_order`, `_rec_name`) as the last class giving it writes
    it: a literal, a `_NotLiteral`, or None when no class sets it."""
    for c in reversed(classes):
        tree = facts.file_facts(c.file).tree  # type: ignore[union-attr]
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and node.name == c.name:
                for stmt in node.body:
                    if isinstance(stmt, ast.Assign) and any(getattr(t, "id", None) == attr for t in stmt.targets):
                        try:
                            return ast.literal_eval(stmt.value)
                        except (ValueError, TypeError, SyntaxError):
                            return _NotLiteral(ast.unparse(stmt.value))
    return None


def _stays(spec: FieldSpec, unheld: list[str]) -> str | None:
    attrs, decl = spec.attrs, spec.decl
    if unheld:
        return f"{', '.join(unheld)} cannot be held by a custom field."
    for key in ("string", "help", "required", "readonly", "index", "copy", "translate", "tracking", "store",
                "related", "selection", "comodel_name", "inverse_name", "relation", "column1", "column2",
                "ondelete", "domain", "size", "currency_field"):
        if isinstance(attrs.get(key), _NotLiteral):
            return f"its {key} is computed ({attrs[key].source}): a custom field holds values only."
    if decl.inverse or decl.search:
        return "it has an inverse or search method: a custom field has compute code only."
    if "default" in attrs and isinstance(attrs["default"], _NotLiteral):
        return f"its default is computed ({attrs['default'].source}): ir.default holds values only."
    if spec.ttype == "selection" and not isinstance(attrs.get("selection"), (list, tuple)):
        return "its selection is not a literal list."
    if spec.ttype in ("many2one", "one2many", "many2many") and not isinstance(attrs.get("comodel_name"), str):
        return "its comodel is not given as a literal."
    if spec.ttype == "one2many" and not isinstance(attrs.get("inverse_name"), str):
        return "its inverse field is not given as a literal."
    if decl.compute and attrs.get("store") is not True:
        return "a computed field that is not stored: a custom field's compute code is kept, but the " \
               "toolkit converts stored computes only."
    if decl.compute and isinstance(attrs.get("compute"), _NotLiteral):
        return "its compute is not a method name."
    return None


def _depends(facts: ModuleFacts, model: str, decl: FieldDecl) -> tuple[str, ...]:
    """The literal `@api.depends(...)` of the field's compute method."""
    if not decl.compute:
        return ()
    method = next((m for m in facts.methods if m.model == model and m.name == decl.compute), None)
    if method is None:
        return ()
    for node in method.node.decorator_list:
        if isinstance(node, ast.Call) and (getattr(node.func, "attr", None) or getattr(node.func, "id", None)) \
                == "depends":
            return tuple(a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str))
    return ()
