"""Walks over libcst trees without libcst's visiting machinery.

`node.visit(visitor)` rebuilds every node it passes (each class's `_visit_and_replace_children`
constructs a copy), also where nothing changes; that was most of what the rewrite of a method
cost. Here `walk` only reads, and `transform` rebuilds a node only when one of its children
changed, so what a rewrite leaves alone keeps its identity (and its source line). Both visit
the same children in the same order as libcst (each class's own `_visit_and_replace_children`
names its fields in visiting order, and how each may be removed; read once per class), call the
same `visit_<Node>` / `leave_<Node>` hooks or the visitor's own `on_visit` / `on_leave`, and
remove and flatten as libcst does. Visitors with per-attribute hooks (`visit_If_test`) are
handed to libcst.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import libcst as cst
from libcst import CSTNode

_FIELD = re.compile(r'visit_(\w+)\(\s*(?:self|node),\s*"(\w+)"')
_ATTRIBUTE_HOOK = re.compile(r"^(visit|leave)_[A-Z][A-Za-z]*_[a-z_]+$")
# node class -> its fields in visiting order, each with how libcst visits it when it holds one
# node ("required", "optional", "sentinel") and when it holds several ("sequence",
# "body_sequence"); ImportFrom.names is either
_KINDS: dict[type, tuple[tuple[str, str, str], ...]] = {}
_FIELDS: dict[type, tuple[str, ...]] = {}  # the names alone, asked at every node of a walk


def _kinds(kind: type) -> tuple[tuple[str, str, str], ...]:
    found = _KINDS.get(kind)
    if found is None:
        source = inspect.getsource(kind._visit_and_replace_children)  # type: ignore[attr-defined]
        by_field: dict[str, set[str]] = {}
        for how, name in _FIELD.findall(source):
            by_field.setdefault(name, set()).add(how)
        found = _KINDS[kind] = tuple(
            (name, next((h for h in ("required", "optional", "sentinel") if h in hows), "required"),
             "body_sequence" if "body_sequence" in hows else "sequence")
            for name, hows in by_field.items())
    return found


def _fields(kind: type) -> tuple[str, ...]:
    found = _FIELDS.get(kind)
    if found is None:
        found = _FIELDS[kind] = tuple(name for name, _, _ in _kinds(kind))
    return found


def children(node: CSTNode) -> list[CSTNode]:
    """`node.children`, without rebuilding `node`."""
    out: list[CSTNode] = []
    for name in _fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, CSTNode):
            out.append(value)
        elif isinstance(value, (list, tuple)):
            out.extend(item for item in value if isinstance(item, CSTNode))
    return out


def walk(node: CSTNode, visitor: cst.CSTVisitor) -> None:
    """`node.visit(visitor)` for a visitor that only reads."""
    kind = type(visitor)
    if _has_attribute_hooks(kind):
        node.visit(visitor)
    elif kind.on_visit is not cst.CSTVisitor.on_visit or kind.on_leave is not cst.CSTVisitor.on_leave:
        _walk_overridden(node, visitor)
    else:
        _walk_hooks(node, visitor, {})  # visitor classes are often made per call: no cache across walks


def _walk_overridden(node: CSTNode, visitor: cst.CSTVisitor) -> None:
    if visitor.on_visit(node):
        for child in children(node):
            _walk_overridden(child, visitor)
    visitor.on_leave(node)


def _walk_hooks(node: CSTNode, visitor: cst.CSTVisitor, hooks: dict) -> None:
    enter, leave = _pair(hooks, type(visitor), type(node), cst.CSTVisitor)
    if enter is None or enter(visitor, node) is not False:
        for child in children(node):
            _walk_hooks(child, visitor, hooks)
    if leave is not None:
        leave(visitor, node)


def transform(node: CSTNode, transformer: cst.CSTTransformer) -> CSTNode | cst.RemovalSentinel | cst.FlattenSentinel:
    """`node.visit(transformer)`, rebuilding only what changed."""
    kind = type(transformer)
    if _has_attribute_hooks(kind):
        return node.visit(transformer)
    if kind.on_visit is not cst.CSTTransformer.on_visit or kind.on_leave is not cst.CSTTransformer.on_leave:
        return _transform(node, transformer.on_visit, transformer.on_leave)
    hooks: dict = {}

    def enter(n: CSTNode) -> bool:
        pair = _pair(hooks, kind, type(n), cst.CSTTransformer)
        return pair[0] is None or pair[0](transformer, n) is not False

    def leave(original: CSTNode, updated: CSTNode):
        pair = _pair(hooks, kind, type(original), cst.CSTTransformer)
        return updated if pair[1] is None else pair[1](transformer, original, updated)

    return _transform(node, enter, leave)


def _pair(hooks: dict, visitor: type, node: type, base: type) -> tuple[Callable | None, Callable | None]:
    pair = hooks.get(node)
    if pair is None:
        name = node.__name__
        pair = hooks[node] = (_own(visitor, f"visit_{name}", base), _own(visitor, f"leave_{name}", base))
    return pair


def _transform(node: CSTNode, enter: Callable, leave: Callable):
    updated = node
    if enter(node):
        changes: dict[str, object] = {}
        for name, single, several in _kinds(type(node)):
            value = getattr(node, name)
            if isinstance(value, CSTNode):
                new = _transform(value, enter, leave)
                if new is not value:
                    changes[name] = _one(new, value, single)
            elif isinstance(value, (list, tuple)):
                items = _several(value, enter, leave, several == "body_sequence")
                if items is not None:
                    changes[name] = items
        if changes:
            updated = node.with_changes(**changes)
    return leave(node, updated)


def _one(new, old: CSTNode, how: str):
    if isinstance(new, cst.FlattenSentinel) or (how == "required" and isinstance(new, cst.RemovalSentinel)):
        raise TypeError(f"{type(old).__name__} cannot be removed or replaced by several nodes here")
    if isinstance(new, cst.RemovalSentinel):
        return None if how == "optional" else cst.MaybeSentinel.DEFAULT
    return new


def _several(children, enter: Callable, leave: Callable, body: bool) -> tuple | None:
    """The new children, None when none changed (libcst's visit_sequence and
    visit_body_sequence: removed ones dropped, flattened ones spliced, and in a body a
    statement a removal left empty dropped)."""
    out: list = []
    changed = False
    for child in children:
        new = _transform(child, enter, leave)
        if new is child:
            out.append(child)
            continue
        changed = True
        if isinstance(new, cst.RemovalSentinel):
            continue
        for item in (new if isinstance(new, cst.FlattenSentinel) else (new,)):
            if not (body and not child._is_removable() and item._is_removable()):
                out.append(item)
    return tuple(out) if changed else None


def _own(kind: type, name: str, base: type = cst.CSTVisitor) -> Callable | None:
    """The visitor class's hook `name`, None where it keeps `base`'s (which does nothing)."""
    hook = getattr(kind, name, None)
    return None if hook is getattr(base, name, None) else hook


def _has_attribute_hooks(kind: type) -> bool:
    """Defined by the visitor's own classes (CSTVisitor defines every hook, doing nothing)."""
    for klass in kind.__mro__:
        if klass in (cst.CSTVisitor, cst.CSTTransformer):
            return False
        if any(_ATTRIBUTE_HOOK.match(name) for name in vars(klass)):
            return True
    return False
