"""The name scopes of a method, read off its libcst nodes in one walk.

What the rewrite asks of scopes is narrow: which names a method binds (in itself or in the
lambdas, comprehensions and functions it holds), which of its reads reach outside it, and, for
a helper to inline, every node binding or reading one of its own locals. libcst's
ScopeProvider answers that and much more, at several times the cost of the whole rewrite's
other walks; this pass follows Python's rules for exactly these questions:

- a function, lambda, comprehension or class body is a scope; a name is bound in a scope by
  an assignment target (plain, augmented, annotated, `for`, `with ... as`, `except ... as`,
  `match` captures), an import, a `def` or `class`, a parameter; `:=` binds in the nearest
  scope that is not a comprehension; `global` and `nonlocal` move a name out of a scope;
- decorators, defaults, annotations of a nested `def`, and the first iterable of a
  comprehension are read in the enclosing scope;
- a read resolves to the nearest scope binding its name, class bodies seen only from
  themselves; a read resolving nowhere in the method is free (module, builtins, or unknown).

`x += 1` and `del x` read `x`, as libcst counts them; names inside string annotations are not
read, and `match` captures bind (libcst misses both). tests/test_method_scopes.py holds the
answers against libcst's on the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from migrator.generate.cst_walk import children

_COMPREHENSIONS = (cst.ListComp, cst.SetComp, cst.GeneratorExp, cst.DictComp)


@dataclass(eq=False)
class Scope:
    kind: str  # "function" | "lambda" | "comprehension" | "class"
    parent: Scope | None  # None: the method's own scope (what is outside it is not walked)
    bound: dict[str, list[cst.CSTNode]] = field(default_factory=dict)  # name -> binding nodes
    declared: dict[str, str] = field(default_factory=dict)  # name -> "global" | "nonlocal" here

    def bind(self, name: str, node: cst.CSTNode) -> None:
        if name not in self.declared:
            self.bound.setdefault(name, []).append(node)

    def resolve(self, name: str) -> Scope | None:
        """The scope within the method whose binding a read of `name` here sees; None: outside."""
        scope: Scope | None = self
        while scope is not None:
            if name in scope.declared:
                return _outer(scope.parent, name) if scope.declared[name] == "nonlocal" else None
            if name in scope.bound and (scope is self or scope.kind != "class"):
                return scope
            scope = scope.parent
        return None


def _outer(scope: Scope | None, name: str) -> Scope | None:
    while scope is not None and (scope.kind == "class" or name not in scope.bound):
        scope = scope.parent
    return scope


@dataclass(frozen=True)
class Read:
    name: str
    node: cst.Name
    scope: Scope


@dataclass(frozen=True)
class MethodScopes:
    own: Scope  # the method's
    scopes: tuple[Scope, ...]  # the method's, then those it holds
    reads: tuple[Read, ...]  # every read of a name in the body, in source order

    @property
    def local(self) -> frozenset[str]:
        """Names bound anywhere in the method, its parameters included."""
        return frozenset(name for scope in self.scopes for name in scope.bound)

    def free(self) -> list[Read]:
        """The reads that reach outside the method, in source order."""
        return [r for r in self.reads if r.scope.resolve(r.name) is None]

    def own_names(self) -> dict[str, list[cst.CSTNode]]:
        """Name -> every node binding or reading it as a local of the method's own scope
        (parameters too; reads from the scopes it holds included)."""
        out = {name: list(nodes) for name, nodes in self.own.bound.items()}
        for read in self.reads:
            if read.name in out and read.scope.resolve(read.name) is self.own:
                out[read.name].append(read.node)
        return out

    def rebound(self) -> set[str]:
        """Names the method's own scope binds other than as a parameter."""
        return {name for name, nodes in self.own.bound.items() if any(not isinstance(n, cst.Param) for n in nodes)}


def method_scopes(func: cst.FunctionDef) -> MethodScopes:
    builder = _Builder()
    own = builder.new("function", None)
    builder.parameters(func.params, own)
    builder.visit(func.body, own)
    return MethodScopes(own, tuple(builder.scopes), tuple(builder.reads))


class _Builder:
    def __init__(self) -> None:
        self.scopes: list[Scope] = []
        self.reads: list[Read] = []

    def new(self, kind: str, parent: Scope | None) -> Scope:
        scope = Scope(kind, parent)
        self.scopes.append(scope)
        return scope

    # ---------------------------------------------------------------- reads, in source order

    def visit(self, node: cst.CSTNode, scope: Scope) -> None:
        handler = _HANDLERS.get(type(node))
        if handler is not None:
            handler(self, node, scope)
        elif isinstance(node, cst.Name):
            self.reads.append(Read(node.value, node, scope))
        else:
            for child in children(node):
                self.visit(child, scope)

    def visits(self, nodes, scope: Scope) -> None:
        for node in nodes:
            if node is not None:
                self.visit(node, scope)

    # ---------------------------------------------------------------- bindings

    def target(self, node: cst.CSTNode, scope: Scope) -> None:
        """An assignment target: names bound, the rest (`a.b`, `a[i]`) read."""
        if isinstance(node, cst.Name):
            scope.bind(node.value, node)
        elif isinstance(node, (cst.Tuple, cst.List)):
            for element in node.elements:
                self.target(element.value, scope)
        elif isinstance(node, cst.StarredElement):
            self.target(node.value, scope)
        else:
            self.visit(node, scope)

    def parameters(self, params: cst.Parameters, scope: Scope, outer: Scope | None = None) -> None:
        """Parameters bound in `scope`; defaults and annotations read in `outer` (not walked
        for the method itself: they belong to its class)."""
        every = [*params.posonly_params, *params.params, *params.kwonly_params]
        for star in (params.star_arg, params.star_kwarg):
            if isinstance(star, cst.Param):
                every.append(star)
        for param in every:
            if outer is not None:
                self.visits((param.annotation, param.default), outer)
            scope.bind(param.name.value, param)

    # ---------------------------------------------------------------- statements and scopes

    def _function(self, node: cst.FunctionDef, scope: Scope) -> None:
        self.visits(node.decorators, scope)
        inner = self.new("function", scope)
        self.parameters(node.params, inner, scope)
        self.visits((node.returns,), scope)
        scope.bind(node.name.value, node)
        self.visit(node.body, inner)

    def _class(self, node: cst.ClassDef, scope: Scope) -> None:
        self.visits(node.decorators, scope)
        self.visits((a.value for a in (*node.bases, *node.keywords)), scope)
        scope.bind(node.name.value, node)
        self.visit(node.body, self.new("class", scope))

    def _lambda(self, node: cst.Lambda, scope: Scope) -> None:
        inner = self.new("lambda", scope)
        self.parameters(node.params, inner, scope)
        self.visit(node.body, inner)

    def _comprehension(self, node, scope: Scope) -> None:
        inner = self.new("comprehension", scope)
        if isinstance(node, cst.DictComp):
            self.visits((node.key, node.value), inner)
        else:
            self.visit(node.elt, inner)
        comp: cst.CompFor | None = node.for_in
        first = True
        while comp is not None:
            self.target(comp.target, inner)
            self.visit(comp.iter, scope if first else inner)  # the first iterable: outside
            for test in comp.ifs:
                self.visit(test.test, inner)
            comp, first = comp.inner_for_in, False

    def _assign(self, node: cst.Assign, scope: Scope) -> None:
        for target in node.targets:
            self.target(target.target, scope)
        self.visit(node.value, scope)

    def _aug_assign(self, node: cst.AugAssign, scope: Scope) -> None:
        if isinstance(node.target, cst.Name):  # read, then bound
            self.reads.append(Read(node.target.value, node.target, scope))
        self.target(node.target, scope)
        self.visit(node.value, scope)

    def _ann_assign(self, node: cst.AnnAssign, scope: Scope) -> None:
        self.target(node.target, scope)
        self.visit(node.annotation, scope)
        self.visits((node.value,), scope)

    def _for(self, node: cst.For, scope: Scope) -> None:
        self.target(node.target, scope)
        self.visits((node.iter, node.body, node.orelse), scope)

    def _with_item(self, node: cst.WithItem, scope: Scope) -> None:
        self.visit(node.item, scope)
        if node.asname is not None:
            self.target(node.asname.name, scope)

    def _except(self, node, scope: Scope) -> None:
        self.visits((node.type,), scope)
        if node.name is not None:
            self.target(node.name.name, scope)
        self.visit(node.body, scope)

    def _named(self, node: cst.NamedExpr, scope: Scope) -> None:
        self.visit(node.value, scope)
        home = scope
        while home.kind == "comprehension" and home.parent is not None:
            home = home.parent
        self.target(node.target, home)

    def _import(self, node: cst.Import, scope: Scope) -> None:
        for alias in node.names:
            if alias.asname is not None:
                scope.bind(alias.asname.name.value, node)  # type: ignore[union-attr]
            else:
                root = alias.name
                while isinstance(root, cst.Attribute):
                    root = root.value
                scope.bind(root.value, node)  # type: ignore[union-attr]

    def _import_from(self, node: cst.ImportFrom, scope: Scope) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            name = alias.asname.name if alias.asname is not None else alias.name
            scope.bind(name.value, node)  # type: ignore[union-attr]

    def _declared(self, node, scope: Scope) -> None:
        kind = "global" if isinstance(node, cst.Global) else "nonlocal"
        scope.declared.update((item.name.value, kind) for item in node.names)

    def _attribute(self, node: cst.Attribute, scope: Scope) -> None:
        self.visit(node.value, scope)  # `.attr` is no name

    def _arg(self, node: cst.Arg, scope: Scope) -> None:
        self.visit(node.value, scope)  # `keyword=` is no name

    def _match_as(self, node, scope: Scope) -> None:
        self.visits((node.pattern,), scope)
        if node.name is not None:
            scope.bind(node.name.value, node.name)

    def _match_star(self, node, scope: Scope) -> None:
        if node.name is not None:
            scope.bind(node.name.value, node.name)

    def _match_mapping(self, node, scope: Scope) -> None:
        for element in node.elements:
            self.visits((element.key, element.pattern), scope)
        if node.rest is not None:
            scope.bind(node.rest.value, node.rest)

    def _match_keyword(self, node, scope: Scope) -> None:
        self.visit(node.pattern, scope)  # `key=` is no name


_HANDLERS = {
    cst.FunctionDef: _Builder._function,
    cst.ClassDef: _Builder._class,
    cst.Lambda: _Builder._lambda,
    **{kind: _Builder._comprehension for kind in _COMPREHENSIONS},
    cst.Assign: _Builder._assign,
    cst.AugAssign: _Builder._aug_assign,
    cst.AnnAssign: _Builder._ann_assign,
    cst.For: _Builder._for,
    cst.WithItem: _Builder._with_item,
    cst.ExceptHandler: _Builder._except,
    cst.ExceptStarHandler: _Builder._except,
    cst.NamedExpr: _Builder._named,
    cst.Import: _Builder._import,
    cst.ImportFrom: _Builder._import_from,
    cst.Global: _Builder._declared,
    cst.Nonlocal: _Builder._declared,
    cst.Attribute: _Builder._attribute,
    cst.Arg: _Builder._arg,
    cst.MatchAs: _Builder._match_as,
    cst.MatchStar: _Builder._match_star,
    cst.MatchMapping: _Builder._match_mapping,
    cst.MatchKeywordElement: _Builder._match_keyword,
}
