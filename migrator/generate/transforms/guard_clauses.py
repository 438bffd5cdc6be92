"""Rewrite of guard clauses: a `return` under a test becomes the negated test around the rest.

    if not template:                     if template:
        return                      ->       for rec in records:
    for rec in self:                             ...
        ...

Action code runs to its end; a guard clause at the top level of the body (an `if` without
`else` whose last statement returns nothing, a constant, a name or `super()` again) says
"the rest runs only when the test is false", which an `if` around the rest says too. Several
guards nest. The audit reads the same clauses (MethodContext.guard_clauses) so the units'
conditions hold the negated tests.

In create / write / unlink, a guard before the `super()` call must end the method as that
call does (`if 'stage_id' not in vals: return super().write(vals)`): the rule runs after the
operation in any case, so the guard wraps the code before and after the call, and the call
stays at the top for the super() rewrite (where a test on `vals` becomes a trigger field or
the rule's domain). A guard there that returns without calling `super()` stops the operation
itself, which no rule can: `early-return`. Returns elsewhere (in a loop, in a nested block) stay
`early-return` (transforms/returns.py).
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.transforms.base import Context, code_of
from migrator.generate.transforms.super_calls import is_super, super_calls

RULE = "guard_clauses"

_FLIPPED = {cst.Equal: cst.NotEqual, cst.NotEqual: cst.Equal, cst.In: cst.NotIn, cst.NotIn: cst.In,
            cst.Is: cst.IsNot, cst.IsNot: cst.Is}
_CONSTANTS = ("True", "False", "None")


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    body = GuardClauses(ctx).statements(list(func.body.body))
    return func.with_changes(body=func.body.with_changes(body=body))


def negated(test: cst.BaseExpression) -> cst.BaseExpression:
    """`not test`, simplified as the audit's `negate` (migrator/classify/method_context.py)."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = test.expression
        return inner.with_changes(lpar=[], rpar=[]) if isinstance(inner, cst.Comparison) else inner
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
            and type(test.comparisons[0].operator) in _FLIPPED and not test.lpar:
        target = test.comparisons[0]
        return test.with_changes(comparisons=[target.with_changes(operator=_FLIPPED[type(target.operator)]())])
    if isinstance(test, (cst.BooleanOperation, cst.IfExp, cst.Lambda, cst.NamedExpr)) and not test.lpar:
        test = test.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
    return cst.UnaryOperation(cst.Not(), test)


class GuardClauses:
    """Restructures one statement list (the method body) around its guard clauses."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def statements(self, stmts: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
        index = next((i for i, s in enumerate(stmts) if self._is_guard(s)), None)
        if index is None:
            return stmts
        guard = stmts[index]
        assert isinstance(guard, cst.If)
        rest = list(stmts[index + 1:])
        final = rest.pop() if rest and _returned(rest[-1]) is not None else None
        if self.ctx.target == "manual" and not (_plain(_returned(guard)) and (final is None or _plain(_returned(final)))):
            return stmts  # a returned client action cannot be moved: returns.check says early-return
        head = list(stmts[:index])
        at_super = next((i for i, s in enumerate(rest) if super_calls(s)), None)
        if self.ctx.method in ("create", "write", "unlink") and at_super is not None:
            if not (len(guard.body.body) == 1 and is_super(_super_receiver(_returned(guard)))):
                self.ctx.block("early-return", f"The guard `if {code_of(guard.test)}:` returns before "
                               f"super().{self.ctx.method}() is called: no rule can stop the operation.", guard, RULE)
                return stmts
            # the call stays at the top; the guard wraps what runs before it and after it
            wrapped = [*self._around(guard, rest[:at_super]), rest[at_super],
                       *self._around(guard, self.statements(rest[at_super + 1:]))]
        else:
            wrapped = self._around(guard, self.statements(rest))
        self.ctx.note(f"The guard clause `if {code_of(guard.test)}: return` became a test around the rest "
                      "of the body.")
        return head + wrapped + ([final] if final is not None else [])

    def _is_guard(self, stmt: cst.BaseStatement) -> bool:
        if not isinstance(stmt, cst.If) or stmt.orelse is not None or not stmt.body.body:  # type: ignore[union-attr]
            return False
        value = _returned(stmt)
        return value is not None and (value is _NOTHING or isinstance(value, cst.Name) or _plain(value)
                                      or is_super(_super_receiver(value)))

    def _around(self, guard: cst.If, rest: list[cst.BaseStatement]) -> list[cst.BaseStatement]:
        """The statements `guard` lets run, under its test: `if not test: rest`, or with what the
        guard itself runs before returning, `if test: ... else: rest`."""
        before_return = list(guard.body.body[:-1])  # type: ignore[union-attr]
        last = guard.body.body[-1]  # type: ignore[union-attr]
        if isinstance(last, cst.SimpleStatementLine) and len(last.body) > 1:
            before_return.append(last.with_changes(body=last.body[:-1]))
        if not rest and not before_return:
            return []
        if not before_return:
            # the comments above the dropped return say why the guard is there: above the if
            kept = [line for line in getattr(last, "leading_lines", ()) if line.comment is not None]
            node = guard.with_changes(test=negated(guard.test), body=guard.body.with_changes(body=rest),
                                      leading_lines=[*guard.leading_lines, *kept])
        elif not rest:
            node = guard.with_changes(body=guard.body.with_changes(body=before_return))
        else:
            node = guard.with_changes(body=guard.body.with_changes(body=before_return),
                                      orelse=cst.Else(body=cst.IndentedBlock(body=rest)))
        self.ctx.origins[node] = self.ctx.line(guard)
        return [node]


_NOTHING = cst.Name("None")  # what a bare `return` returns


def _returned(stmt: cst.BaseStatement) -> cst.BaseExpression | None:
    """What `stmt` (a return line, or an `if` ending with one) returns; None when it does not return."""
    if isinstance(stmt, cst.If):
        stmt = stmt.body.body[-1]  # type: ignore[union-attr]
    if isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[-1], cst.Return):
        value = stmt.body[-1].value
        return _NOTHING if value is None else value
    return None


def _plain(value: cst.BaseExpression | None) -> bool:
    return value is _NOTHING or (isinstance(value, cst.Name) and value.value in _CONSTANTS)


def _super_receiver(value: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """`super()` of `super().write(vals)`."""
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute):
        return value.func.value
    return None
