"""The method's scopes as read by migrator/generate/method_scopes.py give the answers libcst's
ScopeProvider gives over the whole file: free names and their reads in order, locals, and a
helper's own names with every node binding or reading them."""

import libcst as cst
import pytest
from libcst.metadata import BuiltinAssignment, FunctionScope, MetadataWrapper, ScopeProvider

from migrator.generate.method_scopes import method_scopes
from migrator.generate.transforms.names import Builtin, Unknown, method_names, module_bindings
from corpus_cst import corpus_modules

ODD = '''
import logging
import os.path
from odoo import models
LIMIT = 3

class Order(models.Model):
    name = "a class attribute, not visible in methods"

    def scopes(self, vals, *args, flag=LIMIT, **kw):
        global COUNTER
        COUNTER = 1
        total = sum(line.price for line in self.order_line if line.price > LIMIT)
        pairs = {k: v for k, v in vals.items() if k not in name}
        first = [[x * y for y in range(x)] for x in args]
        if (found := next(iter(vals), None)) is not None:
            logging.info(found)
        square = lambda n, m=total: n * m + flag
        for i, (a, *rest) in enumerate(pairs):
            del a
        with open(os.path.join("a", "b")) as handle, self.env.cr.savepoint():
            pass
        try:
            import json as j
            from dateutil import relativedelta
        except (ImportError, ValueError) as err:
            raise UserError(str(err)) from err

        def inner(value: int = LIMIT) -> str:
            nonlocal total
            total += value
            return [square(v) for v in value]

        class Local:
            attr = total

            def method(me):
                return attr

        counter: int = 0
        counter += len(rest)
        return super(Order, self).write(vals), j, relativedelta, inner, Local, undefined_name
'''


def _modules() -> list[cst.Module]:
    return corpus_modules(ODD)


def _methods(module: cst.Module):
    for stmt in module.body:
        if isinstance(stmt, cst.ClassDef):
            for item in stmt.body.body:
                if isinstance(item, cst.FunctionDef):
                    yield item


def _libcst_names(module, func, scopes):
    """method_names as libcst's ScopeProvider answers it."""
    inner, order = {}, []

    class Walk(cst.CSTVisitor):
        def on_visit(self, node):
            scope = scopes.get(node)
            if scope is not None:
                inner.setdefault(id(scope), scope)
            if isinstance(node, cst.Name):
                order.append(node)
            return True

    func.params.visit(Walk())
    func.body.visit(Walk())
    own = scopes[func.body]
    inner = {key: s for key, s in inner.items() if _within(s, own)}
    bindings, free, uses = module_bindings(module), {}, []
    for scope in inner.values():
        for access in scope.accesses:
            if any(id(r.scope) in inner for r in access.referents):
                continue
            node = access.node
            while isinstance(node, cst.Attribute):
                node = node.value
            if not isinstance(node, cst.Name):
                continue
            if node.value in bindings:
                free[node.value] = bindings[node.value]
            elif any(isinstance(r, BuiltinAssignment) for r in access.referents):
                free[node.value] = Builtin()
            else:
                free[node.value] = Unknown()
            uses.append(node)
    index = {id(n): i for i, n in enumerate(order)}
    uses.sort(key=lambda n: index[id(n)])
    return free, [id(n) for n in uses], frozenset(a.name for s in inner.values() for a in s.assignments)


def _within(scope, own):
    while scope is not None:
        if scope is own:
            return True
        scope = None if scope.parent is scope else scope.parent
    return False


def _libcst_own_names(scope: FunctionScope):
    out = {}
    for assignment in scope.assignments:
        if assignment.scope is scope and hasattr(assignment, "node"):
            out.setdefault(assignment.name, set()).add(id(assignment.node))
            out[assignment.name].update(id(access.node) for access in assignment.references)
    return out


def test_method_names_are_libcsts():
    compared = 0
    for module in _modules():
        scopes = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
        for func in _methods(module):
            free, uses, local = _libcst_names(module, func, scopes)
            names = method_names(module, func)
            assert names.free == free, func.name.value
            # libcst also counts the names of `super(Class, self)`, which the rewrite drops
            kept = {id(node) for _, node in names.uses}
            assert [u for u in uses if u in kept] == [id(node) for _, node in names.uses]
            assert names.local == local
            compared += 1
    assert compared > 80


def test_own_names_and_rebound_parameters_are_libcsts():
    for module in _modules():
        scopes = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
        for func in _methods(module):
            theirs = scopes[func.body.body[0] if func.body.body else func.body]
            assert isinstance(theirs, FunctionScope)
            ours = method_scopes(func)
            assert {k: {id(n) for n in v} for k, v in ours.own_names().items()} == _libcst_own_names(theirs)
            assert ours.rebound() == {a.name for a in theirs.assignments if a.scope is theirs
                                      and getattr(a, "node", None) is not None and not isinstance(a.node, cst.Param)}


@pytest.mark.parametrize("name", ["name", "undefined_name", "UserError", "LIMIT", "os"])
def test_odd_reads_reach_outside(name):
    module = cst.parse_module(ODD)
    names = method_names(module, next(_methods(module)))
    assert name in names.free and name not in names.local


def test_a_global_is_not_local_and_match_captures_are():
    source = ("class A:\n    def f(self, v):\n        global G\n        G = 1\n        match v:\n"
              "            case {'k': [1, *rest], **more} | P(x=seen) as whole:\n"
              "                return rest, more, seen, whole, P\n")
    module = cst.parse_module(source)
    names = method_names(module, next(_methods(module)))
    assert names.local == {"self", "v", "rest", "more", "seen", "whole"}
    assert set(names.free) == {"P"}
