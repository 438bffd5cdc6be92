"""The residual module: a model file without the methods that became actions.

`remove_methods` deletes the given method definitions, every class the removal left with
nothing but `_inherit` (an extension that no longer extends anything), then the
`_logger = logging.getLogger(...)` and the imports only they used. Everything else,
comments and formatting included, stays as written.
"""

from __future__ import annotations

import libcst as cst
from libcst.codemod import CodemodContext
from libcst.codemod.visitors import RemoveImportsVisitor


def remove_methods(source: str, methods: set[tuple[str, str]],
                   attributes: frozenset[tuple[str, str]] = frozenset(), classes: frozenset[str] = frozenset()) -> str:
    """`source` without the (class name, method name) definitions in `methods`, the (class
    name, attribute) assignments in `attributes` and the `classes` (fields and models that
    became records)."""
    module = cst.parse_module(source)
    trimmed = module.visit(_RemoveMethods(methods, attributes, classes))
    trimmed = _remove_unused_loggers(trimmed, _names_read(module) - _names_read(trimmed))
    unused = _imports_used(module) - _imports_used(trimmed)
    if not unused:
        return trimmed.code
    context = CodemodContext()
    for name in sorted(unused, key=str):
        RemoveImportsVisitor.remove_unused_import(context, *name)
    return RemoveImportsVisitor(context).transform_module(trimmed).code


class _RemoveMethods(cst.CSTTransformer):
    def __init__(self, methods: set[tuple[str, str]], attributes: frozenset[tuple[str, str]],
                 classes: frozenset[str]) -> None:
        super().__init__()
        self.methods = methods
        self.attributes = attributes
        self.classes = classes

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False  # classes nested in functions are not models

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef | cst.RemovalSentinel:
        name = original_node.name.value
        if name in self.classes:
            return cst.RemoveFromParent()
        drop = {method for cls, method in self.methods if cls == name}
        fields = {attr for cls, attr in self.attributes if cls == name}
        if not (drop or fields) or not isinstance(updated_node.body, cst.IndentedBlock):
            return updated_node
        body = [
            stmt
            for stmt in updated_node.body.body
            if not (isinstance(stmt, cst.FunctionDef) and stmt.name.value in drop) and _assigned(stmt) not in fields
        ]
        if len(body) == len(updated_node.body.body):
            return updated_node
        if all(_is_bare_extension(stmt) for stmt in body):
            return cst.RemoveFromParent()
        return updated_node.with_changes(body=updated_node.body.with_changes(body=body))


def _assigned(stmt: cst.BaseStatement) -> str | None:
    """The name a class-level `name = ...` statement assigns."""
    if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1:
        small = stmt.body[0]
        if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
            return small.targets[0].target.value
        if isinstance(small, cst.AnnAssign) and isinstance(small.target, cst.Name):
            return small.target.value
    return None


def _is_bare_extension(stmt: cst.BaseStatement) -> bool:
    """A docstring, `pass` or `_inherit = ...`: nothing a model extension still adds."""
    if not isinstance(stmt, cst.SimpleStatementLine):
        return False
    for small in stmt.body:
        if isinstance(small, cst.Pass):
            continue
        if isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.ConcatenatedString)):
            continue
        if (
            isinstance(small, cst.Assign)
            and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name)
            and small.targets[0].target.value == "_inherit"
        ):
            continue
        return False
    return True


def _remove_unused_loggers(module: cst.Module, unread: set[str]) -> cst.Module:
    """Drop `_logger = logging.getLogger(__name__)` when only removed code logged."""

    def is_unused_logger(stmt: cst.BaseStatement) -> bool:
        if not (isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1):
            return False
        small = stmt.body[0]
        return (
            isinstance(small, cst.Assign)
            and len(small.targets) == 1
            and isinstance(small.targets[0].target, cst.Name)
            and small.targets[0].target.value in unread
            and isinstance(small.value, cst.Call)
            and _dotted(small.value.func) == "logging.getLogger"
        )

    body = [stmt for stmt in module.body if not is_unused_logger(stmt)]
    return module if len(body) == len(module.body) else module.with_changes(body=body)


ImportKey = tuple[str, str | None, str | None]  # RemoveImportsVisitor's (module, obj, asname)


def _imports_used(module: cst.Module) -> set[ImportKey]:
    """The module-level imports whose bound name the rest of the module reads."""
    bound: dict[str, ImportKey] = {}
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Import):
                for alias in small.names:
                    dotted = _dotted(alias.name)
                    if alias.asname is not None:
                        bound[alias.asname.name.value] = (dotted, None, alias.asname.name.value)  # type: ignore[union-attr]
                    else:
                        bound[dotted.split(".")[0]] = (dotted, None, None)
            elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                if small.relative or small.module is None:
                    continue
                for alias in small.names:
                    obj = alias.name.value
                    asname = alias.asname.name.value if alias.asname else None  # type: ignore[union-attr]
                    bound[asname or obj] = (_dotted(small.module), obj, asname)
    used = _names_read(module)
    return {key for name, key in bound.items() if name in used}


def _names_read(module: cst.Module) -> set[str]:
    """Every name read outside import statements (attribute names excluded)."""
    used: set[str] = set()

    class Reads(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> bool:
            return False

        def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
            return False

        def visit_Attribute(self, node: cst.Attribute) -> bool:
            node.value.visit(self)
            return False

        def visit_AssignTarget(self, node: cst.AssignTarget) -> bool:
            return not isinstance(node.target, cst.Name)

        def visit_Name(self, node: cst.Name) -> None:
            used.add(node.value)

    module.visit(Reads())
    return used


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return node.value if isinstance(node, cst.Name) else ""
