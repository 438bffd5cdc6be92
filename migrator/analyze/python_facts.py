"""Facts about one Python file of an addon: model classes, their fields and methods, imports.

The audit's first pass uses the standard `ast` module: it is several times faster than a
concrete syntax tree and the audit only needs structure and line numbers (see
bench/README.md). libcst is used where code is rewritten (generation, residual modules).
"""

from __future__ import annotations

import ast
import bisect
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from migrator.analyze.tree_index import TreeIndex, index_tree

from migrator.model import FieldDecl, Span

# Base classes that make a class an Odoo model, and what kind of model.
_MODEL_BASES = {"Model": "model", "TransientModel": "transient", "AbstractModel": "abstract"}


@dataclass(frozen=True)
class MethodFacts:
    name: str
    class_name: str
    model: str | None
    file: str
    span: Span  # from the first decorator to the last line of the body
    decorators: tuple[str, ...]  # dotted names: "api.model_create_multi", "api.depends"
    node: ast.FunctionDef | ast.AsyncFunctionDef = field(compare=False, repr=False)
    calls_super: bool = False  # anywhere in it, nested functions and lambdas included

    @property
    def params(self) -> tuple[str, ...]:
        return tuple(a.arg for a in self.node.args.args)



@dataclass(frozen=True)
class ClassFacts:
    name: str
    file: str
    span: Span
    kind: str  # "model" | "transient" | "abstract" | "controller" | "other"
    bases: tuple[str, ...]  # dotted names as written ("models.Model", "portal.CustomerPortal")
    name_attr: str | None  # _name
    inherit: tuple[str, ...]  # _inherit
    inherits: tuple[str, ...]  # _inherits (delegation) targets
    fields: tuple[FieldDecl, ...]
    methods: tuple[MethodFacts, ...]
    auto: bool = True  # False: `_auto = False`, the model has no table the ORM creates
    parent_store: bool = False
    # SQL constraints and indexes: `_sql_constraints` or `models.Constraint`/`Index` attributes
    constraints: tuple[tuple[str, int], ...] = ()  # (attribute, line)

    @property
    def model(self) -> str | None:
        """The model this class acts on: `_name`, else the first `_inherit`."""
        return self.name_attr or (self.inherit[0] if self.inherit else None)

    @property
    def is_new_model(self) -> bool:
        return bool(self.name_attr) and self.name_attr not in self.inherit


@dataclass(frozen=True)
class PyFileFacts:
    rel: str
    tree: ast.Module = field(compare=False, repr=False)
    imports: dict[str, str]  # local name -> dotted origin ("requests", "odoo.fields")
    classes: tuple[ClassFacts, ...]
    attributes: Mapping[str, tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)  # TreeIndex


def dotted_name(node: ast.AST) -> str | None:
    """`api.model_create_multi` for an Attribute/Name chain, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _literal_strings(node: ast.AST) -> tuple[str, ...]:
    """Strings of `'a'` or `['a', 'b']` (the forms `_inherit` and `_name` take)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value,)
    if isinstance(node, (ast.List, ast.Tuple)):
        return tuple(e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str))
    if isinstance(node, ast.Dict):
        return tuple(k.value for k in node.keys if isinstance(k, ast.Constant) and isinstance(k.value, str))
    return ()


def _class_kind(node: ast.ClassDef, imports: dict[str, str]) -> str:
    for base in node.bases:
        name = dotted_name(base) or ""
        leaf = name.rsplit(".", 1)[-1]
        if leaf in _MODEL_BASES:
            return _MODEL_BASES[leaf]
        if leaf == "Controller":
            return "controller"
        # another module's controller extended (`from odoo.addons.sale.controllers.portal import ...`)
        origin = imports.get(name.split(".", 1)[0], "")
        if ".controllers" in origin or origin.startswith("controllers"):
            return "controller"
    if any(isinstance(d, ast.Call) and (dotted_name(d.func) or "").rpartition(".")[2] == "route"
           for stmt in node.body if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef))
           for d in stmt.decorator_list):
        return "controller"
    return "other"


_RELATIONAL = frozenset({"Many2one", "One2many", "Many2many"})


def _value_source(node: ast.AST | None) -> str | None:
    """None for no value; "value" for a literal; else the name or kind of code giving it."""
    if node is None:
        return None
    try:
        ast.literal_eval(node)
        return "value"
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        pass
    if isinstance(node, ast.Lambda):
        return "lambda"
    return dotted_name(node) or "code"


def _truthy(node: ast.AST | None) -> bool:
    """`tracking=True`, `tracking=10`: given and not a false constant."""
    return node is not None and not (isinstance(node, ast.Constant) and not node.value)


def _field_decl(target: str, value: ast.AST, rel: str, stmt: ast.stmt) -> FieldDecl | None:
    """`x = fields.Char(...)` -> FieldDecl."""
    if not isinstance(value, ast.Call):
        return None
    name = dotted_name(value.func) or ""
    head, _, ftype = name.rpartition(".")
    if head != "fields" or not ftype[:1].isupper():
        return None
    kw = {k.arg: k.value for k in value.keywords if k.arg}
    compute = kw.get("compute")
    related = kw.get("related")
    selection = kw.get("selection", value.args[0] if ftype == "Selection" and value.args else None)
    if isinstance(selection, ast.Constant) and isinstance(selection.value, str):
        selection_source = selection.value  # a method name
    else:
        selection_source = _value_source(selection)
    redefines = "selection_add" in kw or (ftype in _RELATIONAL and not value.args and "comodel_name" not in kw)
    comodel = kw.get("comodel_name", value.args[0] if ftype in _RELATIONAL and value.args else None)
    return FieldDecl(
        name=target,
        type=ftype,
        span=Span(rel, stmt.lineno, stmt.end_lineno or stmt.lineno),
        compute=compute.value if isinstance(compute, ast.Constant) else (dotted_name(compute) if compute else None),
        related=related.value if isinstance(related, ast.Constant) else None,
        selection_add="selection_add" in kw,
        inverse=_method_name(kw.get("inverse")),
        search=_method_name(kw.get("search")),
        default=_value_source(kw.get("default")),
        selection=None if selection_source == "value" else selection_source,
        redefines=redefines,
        tracking=_truthy(kw.get("tracking")),
        comodel=comodel.value if isinstance(comodel, ast.Constant) and isinstance(comodel.value, str) else None,
        selection_values=_selection_keys(kw.get("selection_add", selection)),
    )


def _selection_keys(node: ast.AST | None) -> tuple[str, ...]:
    """The keys of a literal `[('draft', 'Draft'), ...]`; () for anything else."""
    if not isinstance(node, (ast.List, ast.Tuple)):
        return ()
    return tuple(e.elts[0].value for e in node.elts if isinstance(e, ast.Tuple) and e.elts
                 and isinstance(e.elts[0], ast.Constant) and isinstance(e.elts[0].value, str))


def _method_name(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return dotted_name(node) if node is not None else None


def _method(node: ast.FunctionDef | ast.AsyncFunctionDef, cls: str, model: str | None, rel: str,
            supers: tuple[int, ...]) -> MethodFacts:
    first = min([d.lineno for d in node.decorator_list] + [node.lineno])
    last = node.end_lineno or node.lineno
    at = bisect.bisect_left(supers, first)
    decorators = []
    for d in node.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        decorators.append(dotted_name(target) or "")
    return MethodFacts(
        name=node.name,
        class_name=cls,
        model=model,
        file=rel,
        span=Span(rel, first, last),
        decorators=tuple(decorators),
        node=node,
        calls_super=at < len(supers) and supers[at] <= last,
    )


def _class_facts(node: ast.ClassDef, rel: str, imports: dict[str, str], supers: tuple[int, ...]) -> ClassFacts:
    name_attr: str | None = None
    inherit: tuple[str, ...] = ()
    inherits: tuple[str, ...] = ()
    fields_: list[FieldDecl] = []
    auto, parent_store = True, False
    constraints: list[tuple[str, int]] = []
    method_nodes: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
    for stmt in node.body:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            method_nodes.append(stmt)
            continue
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
            target, value = stmt.targets[0].id, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
            target, value = stmt.target.id, stmt.value
        else:
            continue
        if target == "_name":
            names = _literal_strings(value)
            name_attr = names[0] if names else None
        elif target == "_inherit":
            inherit = _literal_strings(value)
        elif target == "_inherits":
            inherits = _literal_strings(value)
        elif target == "_auto":
            auto = not (isinstance(value, ast.Constant) and value.value is False)
        elif target == "_parent_store":
            parent_store = isinstance(value, ast.Constant) and value.value is True
        elif target == "_sql_constraints" or _is_constraint(value):
            constraints.append((target, stmt.lineno))
        else:
            decl = _field_decl(target, value, rel, stmt)
            if decl:
                fields_.append(decl)
    kind = _class_kind(node, imports)
    model = name_attr or (inherit[0] if inherit else None)
    first = min([d.lineno for d in node.decorator_list] + [node.lineno])
    return ClassFacts(
        name=node.name,
        file=rel,
        span=Span(rel, first, node.end_lineno or node.lineno),
        kind=kind,
        bases=tuple(b for b in map(dotted_name, node.bases) if b),
        name_attr=name_attr,
        inherit=inherit,
        inherits=inherits,
        fields=tuple(fields_),
        methods=tuple(_method(m, node.name, model, rel, supers) for m in method_nodes),
        auto=auto,
        parent_store=parent_store,
        constraints=tuple(constraints),
    )


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Every statement, nested ones too (imports are statements: no need to walk expressions)."""
    for stmt in body:
        yield stmt
        for name in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(stmt, name, None)
            if inner.__class__ is list:
                yield from _statements(inner)


def _is_constraint(value: ast.AST) -> bool:
    """`models.Constraint(...)` / `models.Index(...)` / `models.UniqueIndex(...)` (19.0)."""
    if not isinstance(value, ast.Call):
        return False
    head, _, leaf = (dotted_name(value.func) or "").rpartition(".")
    return head == "models" and leaf in ("Constraint", "Index", "UniqueIndex")


def _imports(tree: ast.Module) -> dict[str, str]:
    found: dict[str, str] = {}
    for stmt in _statements(tree.body):
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                local = alias.asname or alias.name.split(".")[0]
                found[local] = alias.name if alias.asname else alias.name.split(".")[0]
        elif isinstance(stmt, ast.ImportFrom):
            base = "." * stmt.level + (stmt.module or "")
            for alias in stmt.names:
                found[alias.asname or alias.name] = f"{base}.{alias.name}" if base else alias.name
    return found


def python_file_facts(rel: str, tree: ast.Module, index: TreeIndex | None = None) -> PyFileFacts:
    """Facts of a parsed file. Classes nested in functions are not Odoo models: top level only.
    `index`: the tree's, when the caller walked it already."""
    index = index or index_tree(tree)
    imports = _imports(tree)
    classes = tuple(_class_facts(n, rel, imports, index.super_calls) for n in tree.body if isinstance(n, ast.ClassDef))
    return PyFileFacts(rel=rel, tree=tree, imports=imports, classes=classes, attributes=index.attributes)
