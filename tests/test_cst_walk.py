"""The walks of cst_walk.py visit what libcst's own visit does, in the same order, and its
transform gives the same tree, rebuilding only what changed."""

import libcst as cst
import pytest

from migrator.generate.cst_walk import children, transform, walk
from corpus_cst import corpus_modules

# Constructs the corpus may lack: every statement and expression kind, in odd layouts.
ODD = '''
import a.b as c, d
from .x import (y as z, w)
@dec(1)
class K(Base, metaclass=M):
    x: int = 1
    async def f(self, a, /, b: "T" = 2, *args, c=3, **kw) -> None:
        global g
        del self[a:b:2], a
        async with (p() as q, r):
            async for i, *j in k:
                yield from (lambda v=1: v)(i)
        while x := f"{a!r:>{b}}" "s":
            break
        else:
            pass
        try:
            raise E from e
        except* (A, B) as err:
            assert not a, "m"
        finally:
            return {**d, "k": [*l, (m if n else o)]}, {s for s in t if s}, ~a @ b
        match v:
            case {"k": [1, *rest], **others} | Point(x=0, y=_) as p if p:
                nonlocal_value = -1
'''


def _modules() -> list[cst.Module]:
    return corpus_modules(ODD)


class Recorder(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[tuple[str, int]] = []

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.seen.append(("visit", id(node)))
        return not isinstance(node, cst.Lambda)  # a subtree skipped

    def on_leave(self, node: cst.CSTNode) -> None:
        self.seen.append(("leave", id(node)))


class Names(cst.CSTVisitor):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def visit_Name(self, node: cst.Name) -> None:
        self.seen.append(node.value)

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return node.attr.value != "env"  # `x.env` skipped

    def leave_Call(self, node: cst.Call) -> None:
        self.seen.append("<call>")


@pytest.mark.parametrize("visitor", [Recorder, Names])
def test_walk_visits_as_libcst_does(visitor):
    seen = 0
    for module in _modules():
        theirs, ours = visitor(), visitor()
        module.visit(theirs)
        walk(module, ours)
        assert ours.seen == theirs.seen
        seen += len(ours.seen)
    assert seen > 3_000


def test_children_are_libcsts_in_order():
    for module in _modules():
        stack: list[cst.CSTNode] = [module]
        while stack:
            node = stack.pop()
            assert [id(c) for c in children(node)] == [id(c) for c in node.children], type(node).__name__
            stack.extend(node.children)


def test_a_visitor_with_attribute_hooks_is_walked_by_libcst():
    class Tests(cst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.depth, self.names = 0, []

        def visit_If_test(self, node: cst.If) -> None:
            self.depth += 1

        def leave_If_test(self, node: cst.If) -> None:
            self.depth -= 1

        def visit_Name(self, node: cst.Name) -> None:
            if self.depth:
                self.names.append(node.value)

    visitor = Tests()
    walk(cst.parse_module("if a and b:\n    c = d\n"), visitor)
    assert visitor.names == ["a", "b"]


class Renames(cst.CSTTransformer):
    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        return updated_node.with_changes(value="renamed") if updated_node.value == "a" else updated_node


class Removes(cst.CSTTransformer):
    """Drops `pass` statements and `print(...)` calls, splits `del x, y`, drops return values."""

    def leave_Pass(self, original_node, updated_node):
        return cst.RemoveFromParent()

    def leave_Expr(self, original_node, updated_node):
        call = updated_node.value
        if isinstance(call, cst.Call) and isinstance(call.func, cst.Name) and call.func.value == "print":
            return cst.RemoveFromParent()
        return updated_node

    def leave_Del(self, original_node, updated_node):
        if isinstance(updated_node.target, cst.Tuple):
            return cst.FlattenSentinel([cst.Del(e.value) for e in updated_node.target.elements])
        return updated_node

    def leave_Return(self, original_node, updated_node):
        return updated_node.with_changes(value=None)


class SkipsLambdas(Renames):
    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False


@pytest.mark.parametrize("transformer", [Renames, Removes, SkipsLambdas])
def test_transform_gives_libcsts_code(transformer):
    for module in _modules():
        assert transform(module, transformer()).code == module.visit(transformer()).code


def test_transform_keeps_what_it_leaves_alone():
    module = cst.parse_module("def f(a):\n    pass\n    return a\n\n\ndef g(b):\n    return b\n")
    new = transform(module, Removes())
    assert new.code == "def f(a):\n    return \n\n\ndef g(b):\n    return \n"
    assert transform(module, Renames()).body[1] is module.body[1]  # nothing named `a` in g
    untouched = cst.parse_module("x = 1\n")
    assert transform(untouched, Renames()) is untouched
