"""Which names a method body reads from outside itself, and what each one is bound to."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import builtins

import libcst as cst

from migrator.generate.cst_walk import walk
from migrator.generate.method_scopes import method_scopes
from migrator.generate.transforms.base import is_literal

_BUILTINS = frozenset(dir(builtins))


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


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return node.value if isinstance(node, cst.Name) else ""


def method_names(module: cst.Module, func: cst.FunctionDef) -> MethodNames:
    scopes = method_scopes(func)
    in_super: set[int] = set()  # names in `super(Class, self)`: the super() rewrites remove the call

    class Supers(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Name) and node.func.value == "super":
                in_super.update(id(arg.value) for arg in node.args if isinstance(arg.value, cst.Name))

    walk(func.body, Supers())
    bindings = module_bindings(module)
    free: dict[str, Binding] = {}
    uses: list[tuple[str, cst.Name]] = []
    for read in scopes.free():
        name = read.name
        if name in bindings:
            free[name] = bindings[name]
        elif name in _BUILTINS:
            free[name] = Builtin()
        else:
            free[name] = Unknown()
        if id(read.node) not in in_super:
            uses.append((name, read.node))
    return MethodNames(free=free, uses=tuple(uses), local=scopes.local)
