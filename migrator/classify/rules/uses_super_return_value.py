"""uses-super-return-value: the method does something with what `super()` returned."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify.track_template import NAME as TRACK_TEMPLATE
from migrator.classify.method_context import MethodContext, is_super_call
from migrator.classify.rule import Rule
from migrator.model import Blocker


class SuperReturnValue(Rule):
    name = "uses-super-return-value"
    summary = "The value `super()` returned is used other than returned (or, for create, as the new records)."
    produces = "blocker"
    match = (
        '''
class AccountMove(models.Model):
    _inherit = "account.move"

    def write(self, vals):
        res = super().write(vals)
        if res and "ref" in vals:
            self.write({"narration": vals["ref"]})
        return res
''',
        '''
class AccountMove(models.Model):
    _inherit = "account.move"

    def write(self, vals):
        if "ref" not in vals:
            return super().write(dict(vals, narration=False))
        res = super().write(vals)
        self.write({"narration": "Reference updated"})
        return res
''',
    )
    no_match = (
        '''
class AccountMove(models.Model):
    _inherit = "account.move"

    def write(self, vals):
        res = super().write(vals)
        if "ref" in vals:
            self.write({"narration": "Reference updated"})
        return res
''',
        '''
class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model_create_multi
    def create(self, vals_list):
        moves = super().create(vals_list)
        moves.write({"narration": "Created by import"})
        return moves
''',
        '''
class AccountMove(models.Model):
    _inherit = "account.move"

    def write(self, vals):
        if "ref" not in vals:
            return super().write(vals)
        res = super().write(vals)
        self.write({"narration": "Reference updated"})
        return res
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Blocker]:
        method = ctx.method.name
        if method == TRACK_TEMPLATE:
            return  # adding to the templates super() returned is the hook's shape (rules/track_template.py)
        # `if 'f' not in vals: return super().write(vals)`: a guard clause ending the method as
        # the main call would, with the same arguments, is the rule not running (guard_clauses)
        guards = [g.body[-1].value for g in ctx.guard_clauses if isinstance(g.body[-1], ast.Return)]
        calls = tuple(c for c in ctx.super_calls if c not in guards)
        if len(calls) == 1 and any(is_super_call(g) and ast.dump(g) != ast.dump(calls[0]) for g in guards):
            yield self.blocker("returns super() with other arguments than its main call.", calls[0])
            return
        if method in ("create", "write", "unlink"):
            if len(calls) > 1:
                yield self.blocker("calls super() more than once.", calls[1])
                return
            other = next((c for c in calls if c.func.attr != method), None)  # type: ignore[attr-defined]
            if other is not None:
                yield self.blocker(f"calls super().{other.func.attr}() from {method}().", other)  # type: ignore[attr-defined]
                return
            top = {id(n) for stmt in ctx.body for n in ast.walk(stmt) if not isinstance(stmt, _BLOCKS)}
            nested = next((c for c in calls if id(c) not in top), None)
            if nested is not None and not (method == "create" and _in_loop(ctx, nested)):
                yield self.blocker(f"calls super().{method}() inside a block of the body, not once for all records.",
                                   nested)
                return
        for stmt in ctx.statements:
            for node in (n for part in _own_parts(stmt.node) for n in ast.walk(part)):
                if is_super_call(node) and not self._plain_use(stmt.node, node):
                    if method == "create" and stmt.loops:
                        return  # super-create-in-loop says it
                    yield self.blocker("uses the value returned by super() in an expression.", node)
                    return
        names = ctx.super_result_names
        final = ctx.body[-1] if ctx.body else None
        for node in ctx.nodes:
            if not (isinstance(node, ast.Name) and node.id in names and isinstance(node.ctx, ast.Load)):
                continue
            if method == "create":
                # the created records are the rule's `records`: only returning something else is a use
                ret = next((s.node for s in ctx.statements if isinstance(s.node, ast.Return)
                            and s.node is not final and node in ast.walk(s.node)), None)
                if ret is None and not (isinstance(final, ast.Return) and final.value is not node
                                        and node in ast.walk(final)):
                    continue
                yield self.blocker("create returns something other than the created records.", node)
                return
            if not self._returned(ctx, node):
                yield self.blocker(f"uses `{node.id}`, the value returned by super(), which an action does not have.", node)
                return

    @staticmethod
    def _returned(ctx: MethodContext, name: ast.Name) -> bool:
        return any(isinstance(s.node, ast.Return) and s.node.value is name for s in ctx.statements)

    @staticmethod
    def _plain_use(stmt: ast.stmt, call: ast.Call) -> bool:
        """`super().x()`, `res = super().x()` and `return super().x()` do not use the value."""
        return getattr(stmt, "value", None) is call


_BLOCKS = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.Try, ast.With, ast.AsyncWith)


def _in_loop(ctx: MethodContext, call: ast.Call) -> bool:
    return any(st.loops and call in ast.walk(st.node) for st in ctx.statements)


def _own_parts(stmt: ast.stmt) -> list[ast.AST]:
    """What a statement evaluates itself: a loop's or block's header, not its body (the
    statements of a body are statements of their own)."""
    if isinstance(stmt, (ast.For, ast.AsyncFor)):
        return [stmt.target, stmt.iter]
    if isinstance(stmt, ast.While):
        return [stmt.test]
    if isinstance(stmt, (ast.With, ast.AsyncWith)):
        return list(stmt.items)
    if isinstance(stmt, ast.Try):
        return []
    return [stmt]
