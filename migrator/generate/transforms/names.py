"""Which names a method body reads from outside itself, and what each one is bound to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import BuiltinAssignment, Scope

from migrator.generate.transforms.base import is_literal


@dataclass(frozen=True)
class Imported:
    module: str  # "datetime", "odoo.exceptions", ".models" (relative)
    attr: str | None = None  # `from module import attr`

    @property
    def qualified(self) -> str:
        return f"{self.module}.{self.attr}" if self.attr else self.module


@dataclass(frozen=True)
class ModuleValue:
    value: cst.BaseExpression | None  # the literal, when assigned once to a literal


@dataclass(frozen=True)
class Logger:
    """`_logger = logging.getLogger(__name__)`."""


@dataclass(frozen=True)
class Defined:
    kind: str  # "function" | "class"


@dataclass(frozen=True)
class Builtin:
    pass


@dataclass(frozen=True)
class Unknown:
    """Not bound anywhere visible: a star import or a typo."""


Binding = Imported | ModuleValue | Logger | Defined | Builtin | Unknown


@dataclass(frozen=True)
class MethodNames:
    free: Mapping[str, Binding]  # names read from outside the method
    uses: tuple[tuple[str, cst.Name], ...]  # each read of a free name, in source order
    local: frozenset[str]  # bound anywhere inside the method, parameters included


def module_bindings(module: cst.Module) -> dict[str, Binding]:
    bindings: dict[str, Binding] = {}

    def bind(name: str, binding: Binding) -> None:
        previous = bindings.get(name)
        if previous is None:
            bindings[name] = binding
        elif not isinstance(previous, Imported):
            # Bound twice: no single value to rely on.
            bindings[name] = ModuleValue(None)

    def visit(statements: list) -> None:
        for stmt in statements:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    _small(small, bind)
            elif isinstance(stmt, cst.FunctionDef):
                bind(stmt.name.value, Defined("function"))
            elif isinstance(stmt, cst.ClassDef):
                bind(stmt.name.value, Defined("class"))
            elif isinstance(stmt, (cst.If, cst.Try)):
                # `try: import x / except ImportError:` and `if TYPE_CHECKING:` at top level.
                visit(list(stmt.body.body))
                for handler in getattr(stmt, "handlers", ()):
                    visit(list(handler.body.body))

    visit(list(module.body))
    return bindings


def _small(small: cst.BaseSmallStatement, bind) -> None:
    if isinstance(small, cst.Import):
        for alias in small.names:
            full = _dotted(alias.name)
            if alias.asname is not None:
                bind(alias.asname.name.value, Imported(full))
            else:
                bind(full.split(".")[0], Imported(full.split(".")[0]))
    elif isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar):
        module = "." * len(small.relative) + (_dotted(small.module) if small.module else "")
        for alias in small.names:
            name = alias.name.value
            local = alias.asname.name.value if alias.asname else name
            bind(local, Imported(module, name))
    elif isinstance(small, (cst.Assign, cst.AnnAssign)):
        targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
        value = small.value
        for target in targets:
            if not isinstance(target, cst.Name):
                continue
            if isinstance(value, cst.Call) and _dotted(value.func) == "logging.getLogger":
                bind(target.value, Logger())
            else:
                literal = value is not None and len(targets) == 1 and is_literal(value)
                bind(target.value, ModuleValue(value if literal else None))


def _within(scope: Scope, own: Scope | None) -> bool:
    """Is `scope` the method's own scope or nested in it?"""
    if own is None:
        return True
    while scope is not None:
        if scope is own:
            return True
        parent = scope.parent
        scope = None if parent is scope else parent
    return False


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return node.value if isinstance(node, cst.Name) else ""


def method_names(
    module: cst.Module, func: cst.FunctionDef, scopes: Mapping[cst.CSTNode, Scope | None]
) -> MethodNames:
    inner: dict[int, Scope] = {}
    names: list[cst.Name] = []  # in source order
    in_super: set[int] = set()  # names in `super(Class, self)`: the super() rewrites remove the call

    class Walk(cst.CSTVisitor):  # one pass: method bodies are walked many times already
        def on_visit(self, node: cst.CSTNode) -> bool:
            scope = scopes.get(node)
            if scope is not None:
                inner.setdefault(id(scope), scope)
            if isinstance(node, cst.Name):
                names.append(node)
            elif isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "super":
                in_super.update(id(arg.value) for arg in node.args if isinstance(arg.value, cst.Name))
            return True

    func.params.visit(Walk())
    func.body.visit(Walk())
    # Annotations and defaults of the parameters are evaluated in the enclosing (class)
    # scope: that scope's reads (field definitions, other methods' annotations) are not the
    # method's.
    own = scopes.get(func.body)
    inner = {key: s for key, s in inner.items() if _within(s, own)}
    inner_ids = set(inner)
    bindings = module_bindings(module)
    local = frozenset(a.name for s in inner.values() for a in s.assignments)

    free: dict[str, Binding] = {}
    uses: list[tuple[cst.Name, str]] = []
    for scope in inner.values():
        for access in scope.accesses:
            if any(id(r.scope) in inner_ids for r in access.referents):
                continue
            node = access.node
            while isinstance(node, cst.Attribute):  # `import a.b` is accessed as `a.b`
                node = node.value
            if not isinstance(node, cst.Name):
                continue
            name = node.value
            if name in bindings:
                free[name] = bindings[name]
            elif any(isinstance(r, BuiltinAssignment) for r in access.referents):
                free[name] = Builtin()
            else:
                free[name] = Unknown()
            uses.append((node, name))
    order = {id(n): i for i, n in enumerate(names)}
    uses = [(node, name) for node, name in uses if id(node) not in in_super]
    uses.sort(key=lambda pair: order.get(id(pair[0]), 0))
    return MethodNames(free=free, uses=tuple((name, node) for node, name in uses), local=local)
