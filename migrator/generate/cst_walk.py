"""Read-only walks over libcst trees, without libcst's visiting machinery.

`node.visit(visitor)` rebuilds every node it passes (each class's `_visit_and_replace_children`
constructs a copy), also for a `CSTVisitor` that changes nothing; that is most of what the
rewrite of a method costs. The checks and the name lookups only read the tree, so they walk it
here: the same children in the same order as libcst (each class's own
`_visit_and_replace_children` names its fields in visiting order; read once per class), the same
`visit_<Node>` / `leave_<Node>` hooks or the visitor's own `on_visit` / `on_leave`.
Visitors with per-attribute hooks (`visit_If_test`) are handed to libcst.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable

import libcst as cst
from libcst import CSTNode

_FIELD = re.compile(r'visit_\w+\(\s*(?:self|node),\s*"(\w+)"')
_ATTRIBUTE_HOOK = re.compile(r"^(visit|leave)_[A-Z][A-Za-z]*_[a-z_]+$")
_ORDER: dict[type, tuple[str, ...]] = {}


def _fields(kind: type) -> tuple[str, ...]:
    order = _ORDER.get(kind)
    if order is None:
        source = inspect.getsource(kind._visit_and_replace_children)  # type: ignore[attr-defined]
        order = _ORDER[kind] = tuple(dict.fromkeys(_FIELD.findall(source)))
    return order


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
    kind = type(node)
    pair = hooks.get(kind)
    if pair is None:
        name = kind.__name__
        pair = hooks[kind] = (_own(type(visitor), f"visit_{name}"), _own(type(visitor), f"leave_{name}"))
    enter, leave = pair
    if enter is None or enter(visitor, node) is not False:
        for child in children(node):
            _walk_hooks(child, visitor, hooks)
    if leave is not None:
        leave(visitor, node)


def _own(kind: type, name: str) -> Callable | None:
    """The visitor class's hook `name`, None where it keeps CSTVisitor's (which does nothing)."""
    hook = getattr(kind, name, None)
    return None if hook is getattr(cst.CSTVisitor, name, None) else hook


def _has_attribute_hooks(kind: type) -> bool:
    """Defined by the visitor's own classes (CSTVisitor defines every hook, doing nothing)."""
    for klass in kind.__mro__:
        if klass is cst.CSTVisitor:
            return False
        if any(_ATTRIBUTE_HOOK.match(name) for name in vars(klass)):
            return True
    return False
