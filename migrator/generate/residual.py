"""The residual module: a model file without the methods that became actions.

`remove_methods` deletes the given method definitions, every class the removal left with
nothing but `_inherit` (an extension that no longer extends anything), then the
`_logger = logging.getLogger(...)` and the imports only they used. Everything else,
comments and formatting included, stays as written.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform, walk


def remove_methods(source: str, methods: set[tuple[str, str]],
                   attributes: frozenset[tuple[str, str]] = frozenset(), classes: frozenset[str] = frozenset()) -> str:
    """`source` without the (class name, method name) definitions in `methods`, the (class
    name, attribute) assignments in `attributes` and the `classes` (fields and models that
    became records)."""
    module = cst.parse_module(source)
    trimmed = transform(module, _RemoveMethods(methods, attributes, classes))
    read = _names_read(module)
    trimmed = _remove_unused_loggers(trimmed, read - _names_read(trimmed))
    unused = _imports_used(module, read) - _imports_used(trimmed, _names_read(trimmed))
    return (transform(trimmed, _RemoveImports(unused)) if unused else trimmed).code  # type: ignore[union-attr]


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


def _imports_used(module: cst.Module, used: set[str]) -> set[ImportKey]:
    """The module-level imports whose bound name the rest of the module reads (`used`:
    _names_read)."""
    bound: dict[str, list[ImportKey]] = {}  # `import os` and `import os.path` both bind `os`
    for stmt in module.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Import):
                for alias in small.names:
                    dotted = _dotted(alias.name)
                    if alias.asname is not None:
                        name, key = alias.asname.name.value, (dotted, None, alias.asname.name.value)  # type: ignore[union-attr]
                    else:
                        name, key = dotted.split(".")[0], (dotted, None, None)
                    bound.setdefault(name, []).append(key)
            elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
                if small.relative or small.module is None:
                    continue
                for alias in small.names:
                    obj = alias.name.value
                    asname = alias.asname.name.value if alias.asname else None  # type: ignore[union-attr]
                    bound.setdefault(asname or obj, []).append((_dotted(small.module), obj, asname))
    return {key for name, keys in bound.items() if name in used for key in keys}


class _RemoveImports(cst.CSTTransformer):
    """The module-level imports of `unused` removed, as libcst's RemoveImportsVisitor does it
    (a statement left without names goes, the last name kept loses its trailing comma, the
    comment after a removed name's comma goes to the name before it), without the scope
    analysis that visitor runs over the whole module (most of what writing a residual cost):
    `remove_methods` already knows which imports nothing reads."""

    def __init__(self, unused: set[ImportKey]) -> None:
        super().__init__()
        self.unused = unused

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        return False

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import | cst.RemovalSentinel:
        return self._kept(updated_node, lambda alias: (_dotted(alias.name), None, _asname(alias)))

    def leave_ImportFrom(self, original_node: cst.ImportFrom,
                         updated_node: cst.ImportFrom) -> cst.ImportFrom | cst.RemovalSentinel:
        if isinstance(updated_node.names, cst.ImportStar) or updated_node.relative or updated_node.module is None:
            return updated_node
        module = _dotted(updated_node.module)
        return self._kept(updated_node, lambda alias: (module, alias.name.value, _asname(alias)))

    def _kept(self, node, key):  # type: ignore[no-untyped-def]
        names: list[cst.ImportAlias] = []
        lpar = getattr(node, "lpar", None)
        for alias in node.names:
            if key(alias) not in self.unused:
                names.append(alias)
            elif isinstance(alias.comma, cst.Comma):  # its comment stays, on the name before
                if names:
                    prev = names[-1]
                    names[-1] = (prev.with_deep_changes(prev.comma, whitespace_after=_merged(
                        prev.comma.whitespace_after, alias.comma.whitespace_after))
                        if isinstance(prev.comma, cst.Comma) else prev.with_changes(comma=alias.comma))
                elif isinstance(lpar, cst.LeftParen):
                    lpar = lpar.with_changes(whitespace_after=_merged(lpar.whitespace_after,
                                                                      alias.comma.whitespace_after))
        if len(names) == len(node.names):
            return node
        if not names:
            return cst.RemoveFromParent()
        if names[-1] is not node.names[-1]:
            names[-1] = names[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
        changes = {"names": names, **({"lpar": lpar} if lpar is not None else {})}
        return node.with_changes(**changes)


def _asname(alias: cst.ImportAlias) -> str | None:
    return alias.asname.name.value if alias.asname is not None else None  # type: ignore[union-attr]


def _merged(left: cst.BaseParenthesizableWhitespace,
            right: cst.BaseParenthesizableWhitespace) -> cst.BaseParenthesizableWhitespace:
    """The whitespace after a kept comma, with the comments after a removed one."""
    if not isinstance(right, cst.ParenthesizedWhitespace):
        return left
    if not isinstance(left, cst.ParenthesizedWhitespace):
        return right
    return left.with_changes(empty_lines=tuple(line for line in right.empty_lines if line.comment is not None))


def _names_read(module: cst.Module) -> set[str]:
    """Every name read outside import statements (attribute names excluded)."""
    used: set[str] = set()

    class Reads(cst.CSTVisitor):
        def visit_Import(self, node: cst.Import) -> bool:
            return False

        def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
            return False

        def visit_Attribute(self, node: cst.Attribute) -> bool:
            walk(node.value, self)
            return False

        def visit_AssignTarget(self, node: cst.AssignTarget) -> bool:
            return not isinstance(node.target, cst.Name)

        def visit_Name(self, node: cst.Name) -> None:
            used.add(node.value)

    walk(module, Reads())
    return used


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return node.value if isinstance(node, cst.Name) else ""
