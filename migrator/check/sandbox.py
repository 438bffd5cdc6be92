"""Odoo's safe_eval rules for server-action code, checked on the AST.

Odoo compiles the code and refuses it when the bytecode holds an opcode outside its
allow-list or a name containing "__" (odoo/tools/safe_eval.py, the same in 16.0-19.0).
We check the source instead, so the verdict does not depend on the Python version that
runs the toolkit. The opcode rules translate to: no import; no attribute assignment or
deletion; no `del x[i]`; no global/nonlocal; no with, class, assert, async, `yield from`,
match, `except*`; no starred assignment; no closures (a cell variable needs
LOAD_DEREF/LOAD_CLOSURE, which are refused). Comprehensions count as functions here, as
they are up to Python 3.11: a comprehension inside a def that reads the def's locals is
a closure there. Names must be bound by the code, be allowed builtins, or come from the
evaluation context of the series (migrator/series.py), and the code must not read one at its
top level before binding it (unbound.py).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from migrator.check.unbound import unbound_reads
from migrator.sandbox import ALLOWED_BUILTINS, FORBIDDEN_NODES, UNSAFE_ATTRIBUTES
from migrator.series import series_facts

# Statement kinds refused, looked up by the node's class name in the shared table.
_FORBIDDEN_STATEMENTS = {name: what for name, what in FORBIDDEN_NODES.items()
                         if name not in ("Import", "ImportFrom", "Global", "Nonlocal", "Yield")}  # those have visitors of their own, or compile refuses them


@dataclass(frozen=True)
class Violation:
    line: int  # in the code as given (before Odoo strips it)
    code: str  # a CHECK_CODES key
    message: str


@dataclass
class _Scope:
    kind: str  # "module" | "function" | "comprehension"
    parent: _Scope | None
    bound: set[str] = field(default_factory=set)
    loads: list[tuple[str, int]] = field(default_factory=list)


def check_code(code: str, series: str) -> list[tuple[int, str]]:
    """(line, message) for every sandbox rule the code breaks; [] when Odoo accepts it."""
    return [(v.line, v.message) for v in find_violations(code, series)]


def find_violations(code: str, series: str, context: frozenset[str] | None = None) -> list[Violation]:
    """What safe_eval refuses in `code`; `context`: the names it sees besides the builtins
    (default: a server action's in `series`)."""
    context = frozenset(series_facts(series).eval_context) if context is None else context
    stripped = code.strip()  # Odoo runs code.strip(); keep line numbers of the original
    offset = code[: len(code) - len(code.lstrip())].count("\n")
    try:
        tree = ast.parse(stripped, mode="exec")
        compile(tree, "<code>", "exec")  # 'return' outside a function, and the like
    except SyntaxError as exc:
        return [Violation((exc.lineno or 1) + offset, "code-syntax", f"syntax error: {exc.msg}")]
    walker = _Walker()
    walker.visit(tree)
    available = ALLOWED_BUILTINS | context
    found = walker.violations + walker.resolve(available) + [
        Violation(line, "code-unbound", f"{name!r} is read before the code binds it: a NameError when it runs")
        for name, line in unbound_reads(tree, available)]
    return sorted(
        (Violation(v.line + offset, v.code, v.message) for v in found),
        key=lambda v: (v.line, v.code, v.message),
    )


class _Walker(ast.NodeVisitor):
    def __init__(self) -> None:
        self.module = _Scope("module", None)
        self.scope = self.module
        self.scopes = [self.module]
        self.violations: list[Violation] = []

    def _report(self, node: ast.AST, code: str, message: str) -> None:
        self.violations.append(Violation(getattr(node, "lineno", 1), code, message))

    def _check_identifier(self, node: ast.AST, name: str | None) -> None:
        if name and "__" in name:
            self._report(node, "code-dunder", f"name {name!r} contains '__', which the sandbox refuses")
        elif name in UNSAFE_ATTRIBUTES:
            self._report(node, "code-unsafe-attribute", f"{name!r} is a frame or code attribute the sandbox refuses")

    def _bind(self, name: str, scope: _Scope | None = None) -> None:
        (scope or self.scope).bound.add(name)

    def _enter(self, kind: str) -> _Scope:
        scope = _Scope(kind, self.scope)
        self.scopes.append(scope)
        self.scope = scope
        return scope

    # -- statements the sandbox refuses
    def generic_visit(self, node: ast.AST) -> None:
        what = _FORBIDDEN_STATEMENTS.get(type(node).__name__)
        if what:
            self._report(node, "code-statement", f"{what} is refused by the sandbox")
        super().generic_visit(node)

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        self._report(node, "code-import", "imports are refused by the sandbox; use the evaluation context")

    visit_ImportFrom = visit_Import

    def visit_Global(self, node: ast.Global | ast.Nonlocal) -> None:
        keyword = "global" if isinstance(node, ast.Global) else "nonlocal"
        self._report(node, "code-global", f"'{keyword}' is refused by the sandbox")

    visit_Nonlocal = visit_Global

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._check_identifier(node, node.name)
        self._bind(node.name)
        self.generic_visit(node)

    # -- names and attributes
    def visit_Name(self, node: ast.Name) -> None:
        self._check_identifier(node, node.id)
        if isinstance(node.ctx, ast.Load):
            self.scope.loads.append((node.id, node.lineno))
        else:
            self._bind(node.id)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        self._check_identifier(node, node.attr)
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            verb = "assignment to" if isinstance(node.ctx, ast.Store) else "deletion of"
            self._report(node, "code-attribute-write",
                         f"{verb} attribute {node.attr!r} is refused by the sandbox; use write()")
        self.visit(node.value)

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.ctx, ast.Del):
            self._report(node, "code-statement", "deleting an item (del x[...]) is refused by the sandbox; use pop()")
        self.generic_visit(node)

    def visit_Starred(self, node: ast.Starred) -> None:
        if isinstance(node.ctx, ast.Store):
            self._report(node, "code-starred-assignment", "starred assignment is refused by the sandbox")
        self.generic_visit(node)

    def visit_keyword(self, node: ast.keyword) -> None:
        self._check_identifier(node, node.arg)
        self.visit(node.value)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name:
            self._check_identifier(node, node.name)
            self._bind(node.name)
        self.generic_visit(node)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        # := inside a comprehension binds in the enclosing function or module
        target = self.scope
        while target.kind == "comprehension" and target.parent:
            target = target.parent
        self._check_identifier(node, node.target.id)
        self._bind(node.target.id, target)
        self.visit(node.value)

    # -- scopes
    def _visit_arguments(self, args: ast.arguments) -> None:
        """Defaults and annotations are evaluated in the enclosing scope."""
        for default in (*args.defaults, *(d for d in args.kw_defaults if d is not None)):
            self.visit(default)

    def _bind_arguments(self, args: ast.arguments) -> None:
        every = (*args.posonlyargs, *args.args, *args.kwonlyargs,
                 *(a for a in (args.vararg, args.kwarg) if a))
        for arg in every:
            self._check_identifier(arg, arg.arg)
            self._bind(arg.arg)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._check_identifier(node, node.name)
        for decorator in node.decorator_list:
            self.visit(decorator)
        self._visit_arguments(node.args)
        self._bind(node.name)
        outer = self.scope
        self._enter("function")
        self._bind_arguments(node.args)
        for statement in node.body:
            self.visit(statement)
        self.scope = outer

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_arguments(node.args)
        outer = self.scope
        self._enter("function")
        self._bind_arguments(node.args)
        self.visit(node.body)
        self.scope = outer

    def _visit_comprehension(self, node: ast.AST, results: list[ast.AST]) -> None:
        generators = node.generators  # type: ignore[attr-defined]
        self.visit(generators[0].iter)  # the first iterable is evaluated outside
        outer = self.scope
        self._enter("comprehension")
        for index, gen in enumerate(generators):
            if index:
                self.visit(gen.iter)
            self.visit(gen.target)
            for condition in gen.ifs:
                self.visit(condition)
        for result in results:
            self.visit(result)
        self.scope = outer

    def visit_ListComp(self, node: ast.ListComp | ast.SetComp | ast.GeneratorExp) -> None:
        self._visit_comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node: ast.DictComp) -> None:
        self._visit_comprehension(node, [node.key, node.value])

    # -- after the walk: every read name must resolve
    def resolve(self, available: frozenset[str]) -> list[Violation]:
        found: list[Violation] = []
        for scope in self.scopes:
            for name, line in scope.loads:
                owner = _owner(scope, name)
                if owner is None:
                    if name not in available:
                        found.append(Violation(line, "code-name", (
                            f"{name!r} is not available in the sandbox: not an allowed builtin, "
                            "not in the evaluation context, not bound by the code")))
                elif owner is not scope and owner.kind != "module":
                    where = ("a comprehension (a function of its own up to Python 3.11)"
                             if scope.kind == "comprehension" else "an inner function")
                    found.append(Violation(line, "code-closure", (
                        f"{name!r} is read by {where} from the enclosing function: closures "
                        "are refused by the sandbox")))
        return found


def _owner(scope: _Scope, name: str) -> _Scope | None:
    current: _Scope | None = scope
    while current is not None:
        if name in current.bound:
            return current
        current = current.parent
    return None
