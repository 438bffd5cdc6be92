"""Rewrite: the module's helper methods the body calls are copied in at their calls.

    def write(self, vals):                          for task in self:
        res = super().write(vals)                       # _apply_users(), inlined
        for task in self:                   ->          if task.stage_id.user_ids:
            task._apply_users()                             task.user_ids = task.stage_id.user_ids
        return res

Which helpers may be inlined, and where, is decided once on the `ast` by
migrator/classify/inlining.py (the rule `calls-custom-method` reports the others); this rewrite
does exactly that and nothing more:

- `self` becomes the receiver of the call; a parameter becomes its argument when that is a
  name, a literal or attributes of a name and the helper never rebinds it, else it is assigned
  the argument first; locals that clash with a name of the method are renamed
  (`code` -> `code_next_code`);
- a helper that is one `return <expression>` is replaced by that expression, in parentheses;
- the body of any other helper goes before the statement holding the call: its `return`s
  become the assignment the call stood in (`a, b = value`) or of a new name the call is
  replaced by, and a `return` under a test becomes the negated test around the rest
  (`if not stages: return` ... -> `if stages: ...`);
- helpers of helpers are inlined the same way.

Every node built from a source node keeps that node's source position, so later checks and
rewrites report the lines of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import libcst as cst

from migrator.generate.cst_walk import transform, walk
from migrator.generate.method_scopes import MethodScopes, method_scopes
from migrator.generate.transforms.base import Context, is_literal
from migrator.generate.transforms.local_names import RESERVED

ReturnTo = Callable[[cst.BaseExpression | None, cst.CSTNode], list[cst.BaseStatement]]


class InlineHelpers:
    """Inlines the calls of `helpers` (name -> its FunctionDef in the same parsed module)."""

    def __init__(self, ctx: Context, helpers: Mapping[str, cst.FunctionDef]) -> None:
        self.ctx = ctx
        self.helpers = dict(helpers)
        self.scopes = {name: method_scopes(helper) for name, helper in helpers.items()}
        self.taken: set[str] = set(RESERVED)

    # ------------------------------------------------------------------ entry

    def apply(self, func: cst.FunctionDef) -> cst.FunctionDef:
        self.func = func
        self.taken |= _names_in(func)
        for helper in self.helpers.values():  # the module-level names they read
            self.taken |= _names_in(helper) - set(self._scope(helper).own_names())
        body = self._block(list(func.body.body))
        for name in self.helpers:
            self.ctx.note(f"The helper method {name}() was inlined: its body runs in the action.")
        return self._keep(func.with_changes(body=func.body.with_changes(body=body)), func)

    # ------------------------------------------------------------------ statements

    def _block(self, stmts: Sequence[cst.BaseStatement]) -> list[cst.BaseStatement]:
        out: list[cst.BaseStatement] = []
        for stmt in stmts:
            if not self._calls_in(stmt):
                out.append(stmt)
            elif isinstance(stmt, cst.SimpleStatementLine):
                out.extend(self._simple_line(stmt))
            else:
                out.extend(self._compound(stmt))
        return out

    def _simple_line(self, line: cst.SimpleStatementLine) -> list[cst.BaseStatement]:
        out: list[cst.BaseStatement] = []
        for index, small in enumerate(line.body):
            if len(line.body) > 1:
                small = self._keep(small.with_changes(semicolon=cst.MaybeSentinel.DEFAULT), small)
            one = self._keep(line.with_changes(body=[small], leading_lines=line.leading_lines if index == 0 else ()),
                             line)
            out.extend(self._small(one, small) if self._calls_in(small) else [one])
        return out

    def _small(self, line: cst.SimpleStatementLine, small: cst.BaseSmallStatement) -> list[cst.BaseStatement]:
        value = getattr(small, "value", None)
        helper = self._helper_of(value) if isinstance(value, cst.Call) else None
        if helper is not None and not _is_expression(helper) and isinstance(small, (cst.Expr, cst.Assign)):
            # the whole statement, or the whole value of an assignment: no new name needed
            if isinstance(small, cst.Expr):
                ret = self._discard(small)
            else:
                ret = self._assign_to(small)
            stmts = self._expand(value, helper, ret, line.leading_lines)  # type: ignore[arg-type]
            return stmts
        pre: list[cst.BaseStatement] = []
        new_small = self._expressions(small, pre)
        new_line = self._keep(line.with_changes(body=[new_small]), line)
        if pre:
            pre[0] = pre[0].with_changes(leading_lines=[*line.leading_lines, *pre[0].leading_lines])
            new_line = new_line.with_changes(leading_lines=())
        return [*pre, new_line]

    def _compound(self, stmt: cst.BaseStatement) -> list[cst.BaseStatement]:
        pre: list[cst.BaseStatement] = []
        changes: dict = {}
        if isinstance(stmt, cst.If):
            changes["test"] = self._expressions(stmt.test, pre)
            changes["orelse"] = self._orelse(stmt.orelse)
        elif isinstance(stmt, cst.For):
            changes["iter"] = self._expressions(stmt.iter, pre)
            changes["orelse"] = self._orelse(stmt.orelse)
        elif isinstance(stmt, cst.While):
            changes["test"] = self._expressions(stmt.test, pre)
            changes["orelse"] = self._orelse(stmt.orelse)
        elif isinstance(stmt, cst.With):
            changes["items"] = [self._expressions(item, pre) for item in stmt.items]
        elif isinstance(stmt, cst.Try):
            changes["handlers"] = [self._keep(h.with_changes(body=self._indented(h.body)), h) for h in stmt.handlers]
            changes["orelse"] = self._orelse(stmt.orelse)
            if stmt.finalbody is not None:
                changes["finalbody"] = self._keep(stmt.finalbody.with_changes(
                    body=self._indented(stmt.finalbody.body)), stmt.finalbody)
        else:
            raise ValueError(f"a helper call in a {type(stmt).__name__} cannot be inlined")
        body = getattr(stmt, "body", None)
        if isinstance(body, cst.IndentedBlock):
            changes["body"] = self._indented(body)
        new = self._keep(stmt.with_changes(**changes), stmt)
        if pre:
            pre[0] = pre[0].with_changes(leading_lines=[*stmt.leading_lines, *pre[0].leading_lines])
            new = new.with_changes(leading_lines=())
        return [*pre, new]

    def _orelse(self, orelse):
        if orelse is None or not self._calls_in(orelse):
            return orelse
        if isinstance(orelse, cst.If):  # elif: its test holds only expressions (helpers.py)
            new = self._compound(orelse)
            if len(new) != 1:
                raise ValueError("an elif test cannot take a helper's statements")
            return new[0]
        return self._keep(orelse.with_changes(body=self._indented(orelse.body)), orelse)

    def _indented(self, block: cst.BaseSuite) -> cst.BaseSuite:
        if not isinstance(block, cst.IndentedBlock) or not self._calls_in(block):
            return block
        return self._keep(block.with_changes(body=self._block(list(block.body))), block)

    # ------------------------------------------------------------------ expressions

    def _expressions(self, node: cst.CSTNode, pre: list[cst.BaseStatement]):
        """`node` with each helper call replaced: by the helper's expression, or by the name its
        statements (appended to `pre`) leave the value in."""
        inliner = self

        class Calls(cst.CSTTransformer):
            def on_visit(self, n: cst.CSTNode) -> bool:
                return inliner._calls_in(n) and not inliner._filtering(n)

            def on_leave(self, original, updated):
                result = super().on_leave(original, updated)
                if inliner._filtering(original):
                    return inliner._filtered(original, pre)
                if isinstance(original, cst.Call) and isinstance(result, cst.Call):
                    helper = inliner._helper_of(result)
                    if helper is not None:
                        return inliner._inline_value(result, helper, pre)
                return inliner._keep(result, original) if result is not original else result

        return transform(node, Calls())

    def _inline_value(self, call: cst.Call, helper: cst.FunctionDef, pre: list[cst.BaseStatement]):
        if _is_expression(helper):
            return self._expression(call, helper, pre)
        name: list[str] = []

        def ret(value: cst.BaseExpression | None, where: cst.CSTNode) -> list[cst.BaseStatement]:
            if not name:  # chosen once the helper's own locals have theirs
                name.append(self._fresh(_result_name(helper.name.value)))
            assign = cst.Assign([cst.AssignTarget(cst.Name(name[0]))], value if value is not None else cst.Name("None"))
            return [self._keep(cst.SimpleStatementLine([assign]), where)]

        pre.extend(self._expand(call, helper, ret, (), used=True))
        return cst.Name(name[0])

    def _expression(self, call: cst.Call, helper: cst.FunctionDef, pre: list[cst.BaseStatement]):
        binds, body = self._bound_body(call, helper)
        pre.extend(self._block(binds))
        (line,) = body
        value = line.body[0].value  # type: ignore[attr-defined]
        value = self._expressions(value, pre)
        return _parenthesized(value)

    def _filtering(self, node: cst.CSTNode) -> bool:
        """`records.filtered(lambda r: r.helper(...))` (classify/inlining.py `filtered_by`)."""
        if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
                and node.func.attr.value == "filtered" and len(node.args) == 1
                and isinstance(lam := node.args[0].value, cst.Lambda) and len(lam.params.params) == 1
                and isinstance(lam.body, cst.Call) and self._helper_of(lam.body) is not None):
            return False
        receiver = lam.body.func.value  # type: ignore[attr-defined]
        return isinstance(receiver, cst.Name) and receiver.value == lam.params.params[0].name.value

    def _filtered(self, call: cst.Call, pre: list[cst.BaseStatement]) -> cst.BaseExpression:
        """The records `filtered` keeps, selected first by a loop holding the helper's
        statements: `kept = records.browse()`, `for r in records: ... if value: kept += r` (in
        order, as filtered() keeps them)."""
        lam = call.args[0].value
        assert isinstance(lam, cst.Lambda) and isinstance(lam.body, cst.Call)
        inner, param = lam.body, lam.params.params[0].name.value
        helper = self._helper_of(inner)
        assert helper is not None
        records = call.func.value  # type: ignore[attr-defined]
        if not isinstance(records, cst.Name):  # evaluated once, as filtered() does
            name = self._fresh("candidates")
            pre.append(self._keep(_assign(name, records), call))
            records = cst.Name(name)
        kept = self._fresh(f"filtered_{helper.name.value.strip('_')}")
        var = param if _count(self.func, param) == _count(lam, param) else self._fresh(param)
        if var != param:
            inner = transform(inner, _Renamed(param, var))
        body: list[cst.BaseStatement] = []
        value = self._inline_value(inner, helper, body)
        body.append(cst.If(value, cst.IndentedBlock([cst.SimpleStatementLine([cst.AugAssign(
            cst.Name(kept), cst.AddAssign(), cst.Name(var))])])))
        pre.append(self._keep(_assign(kept, cst.Call(cst.Attribute(records, cst.Name("browse")))), call))
        pre.append(self._keep(cst.For(cst.Name(var), records, cst.IndentedBlock(body)), call))
        self.ctx.note(f"The records filtered by {helper.name.value}() are selected first, by a loop holding its "
                      "statements.")
        return cst.Name(kept)

    # ------------------------------------------------------------------ one call

    def _expand(self, call: cst.Call, helper: cst.FunctionDef, ret: ReturnTo,
                leading: Sequence[cst.EmptyLine], used: bool = False) -> list[cst.BaseStatement]:
        """The helper's statements for `call`, its returns handed to `ret`."""
        binds, body = self._bound_body(call, helper)
        if used and not _always_returns(body):
            body = [*body, cst.SimpleStatementLine([cst.Return(cst.Name("None"))])]
        stmts = [*binds, *_tail(body, ret, self)]
        stmts = self._block(stmts) or [cst.SimpleStatementLine([cst.Pass()])]
        comment = cst.EmptyLine(comment=cst.Comment(f"# {helper.name.value}(), inlined"))
        stmts[0] = stmts[0].with_changes(leading_lines=[*leading, comment, *_comments(stmts[0].leading_lines)])
        return stmts

    def _discard(self, small: cst.Expr) -> ReturnTo:
        def ret(value: cst.BaseExpression | None, where: cst.CSTNode) -> list[cst.BaseStatement]:
            if value is None or _plain(value):
                return []
            return [self._keep(cst.SimpleStatementLine([cst.Expr(value)]), where)]
        return ret

    def _assign_to(self, small: cst.Assign) -> ReturnTo:
        def ret(value: cst.BaseExpression | None, where: cst.CSTNode) -> list[cst.BaseStatement]:
            assign = small.with_changes(targets=[t.deep_clone() for t in small.targets],
                                        value=value if value is not None else cst.Name("None"),
                                        semicolon=cst.MaybeSentinel.DEFAULT)
            return [self._keep(cst.SimpleStatementLine([assign]), where)]
        return ret

    def _bound_body(self, call: cst.Call, helper: cst.FunctionDef) -> tuple[list[cst.BaseStatement], list]:
        """(assignments binding the parameters that need one, the helper's statements with
        `self`, its parameters and its clashing locals replaced)."""
        receiver = call.func.value  # type: ignore[attr-defined]
        params = list(helper.params.params)
        self_param, rest = params[0], params[1:] + list(helper.params.kwonly_params)
        args = _arguments(call, rest)
        scope = self._scope(helper)
        own = scope.own_names()
        rebound = scope.rebound()
        replace: dict[int, cst.BaseExpression] = {}
        binds: list[cst.BaseStatement] = []
        renamed: dict[str, str] = {}
        for node in own.get(self_param.name.value, ()):
            replace[id(node)] = receiver
        for param in rest:
            name = param.name.value
            value = args.get(name, param.default)
            if value is None:
                raise ValueError(f"{helper.name.value}(): no value for {name}")
            if name not in rebound and (is_literal(value) or _dotted_name(value)):
                for node in own.get(name, ()):
                    replace[id(node)] = value
                continue
            new = renamed[name] = self._fresh(name) if name in self.taken else name
            self.taken.add(new)
            binds.append(cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(new))], value)]))
        for name in own:
            if name == self_param.name.value or name in renamed or name in {p.name.value for p in rest}:
                continue
            new = self._fresh(f"{name}_{helper.name.value.strip('_')}") if name in self.taken else name
            self.taken.add(new)
            renamed[name] = new
        for name, new in renamed.items():
            for node in own.get(name, ()):
                if isinstance(node, cst.Name):
                    replace[id(node)] = cst.Name(new)
                elif new != name and not isinstance(node, cst.Param):
                    raise ValueError(f"{helper.name.value}(): cannot rename {name}")
        body = [self._rewrite(stmt, replace) for stmt in _body(helper)]
        return binds, body

    def _rewrite(self, stmt: cst.BaseStatement, replace: dict[int, cst.BaseExpression]) -> cst.BaseStatement:
        ids = _holding(stmt, set(replace))
        inliner = self

        class Names(cst.CSTTransformer):
            def on_visit(self, node: cst.CSTNode) -> bool:
                return id(node) in ids

            def on_leave(self, original, updated):
                if id(original) in replace:
                    new = replace[id(original)].deep_clone()
                    return _parenthesized(new) if not isinstance(new, cst.Name) else new
                return inliner._keep(updated, original) if updated is not original else updated

        return transform(stmt, Names())

    # ------------------------------------------------------------------ lookups

    def _helper_of(self, call: cst.Call) -> cst.FunctionDef | None:
        func = call.func
        if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.attr.value in self.helpers:
            return self.helpers[func.attr.value]
        return None

    def _calls_in(self, node: cst.CSTNode) -> bool:
        """Does `node` hold a call of a helper (outside nested blocks it does not own)?"""
        found = False
        helpers = self.helpers

        class Finder(cst.CSTVisitor):
            def visit_Call(self, call: cst.Call) -> bool:
                nonlocal found
                func = call.func
                if isinstance(func, cst.Attribute) and func.attr.value in helpers and isinstance(func.value, cst.Name):
                    found = True
                return not found

        walk(node, Finder())
        return found

    def _scope(self, helper: cst.FunctionDef) -> MethodScopes:
        return self.scopes[helper.name.value]

    def _fresh(self, base: str) -> str:
        name, index = base, 1
        while name in self.taken:
            index += 1
            name = f"{base}_{index}"
        self.taken.add(name)
        return name

    def _keep(self, new, old):
        """`new` stands where `old` was: it reports `old`'s source line."""
        return self.ctx.stands_for(new, old)


# ---------------------------------------------------------------------- returns

def _tail(stmts: Sequence[cst.BaseStatement], ret: ReturnTo, keep: InlineHelpers) -> list[cst.BaseStatement]:
    """`stmts` with each `return` handed to `ret`, the rest of a block going under the
    negated test of an `if` whose branch returns (helpers.py allows only such returns)."""
    out: list[cst.BaseStatement] = []
    for index, stmt in enumerate(stmts):
        if isinstance(stmt, cst.SimpleStatementLine) and isinstance(stmt.body[-1], cst.Return):
            if len(stmt.body) > 1:
                out.append(stmt.with_changes(body=[s.with_changes(semicolon=cst.MaybeSentinel.DEFAULT)
                                                   for s in stmt.body[:-1]]))
            made = ret(stmt.body[-1].value, stmt)  # type: ignore[attr-defined]
            if made and stmt.leading_lines:
                made[0] = made[0].with_changes(leading_lines=stmt.leading_lines)
            return out + made
        if isinstance(stmt, cst.If) and _has_return(stmt):
            out.append(_tail_if(stmt, list(stmts[index + 1:]), ret, keep))
            return [s for s in out if s is not None]
        out.append(stmt)
    return out


def _tail_if(stmt: cst.If, rest: list[cst.BaseStatement], ret: ReturnTo, keep: InlineHelpers):
    body = list(stmt.body.body)  # type: ignore[attr-defined]
    orelse = _else_statements(stmt.orelse)
    new_body = _tail(body if _always_returns(body) else body + rest, ret, keep)
    new_else = _tail(orelse if _always_returns(orelse) else orelse + rest, ret, keep)
    if not _real(new_body) and _real(new_else):
        negated = keep._keep(stmt.with_changes(test=_negate(stmt.test), body=_suite(stmt.body, new_else),
                                               orelse=None), stmt)
        return negated
    if not _real(new_else):
        return keep._keep(stmt.with_changes(body=_suite(stmt.body, new_body), orelse=None), stmt)
    if len(new_else) == 1 and isinstance(new_else[0], cst.If):
        orelse = new_else[0].with_changes(leading_lines=())  # else: if -> elif
    else:
        orelse = cst.Else(body=_suite(cst.IndentedBlock(body=[]), new_else))
    return keep._keep(stmt.with_changes(body=_suite(stmt.body, new_body), orelse=orelse), stmt)


def _else_statements(orelse) -> list[cst.BaseStatement]:
    if orelse is None:
        return []
    if isinstance(orelse, cst.If):  # elif: one `if` inside an else
        return [orelse.with_changes(leading_lines=())]
    return list(orelse.body.body)


def _suite(old: cst.BaseSuite, stmts: list[cst.BaseStatement]) -> cst.BaseSuite:
    stmts = stmts or [cst.SimpleStatementLine([cst.Pass()])]
    # the first statement of a block starts right under its header
    stmts[0] = stmts[0].with_changes(leading_lines=_comments(stmts[0].leading_lines))
    if isinstance(old, cst.IndentedBlock):
        return old.with_changes(body=stmts)
    return cst.IndentedBlock(body=stmts)


def _real(stmts: list[cst.BaseStatement]) -> bool:
    return any(not (isinstance(s, cst.SimpleStatementLine) and all(isinstance(x, cst.Pass) for x in s.body))
               for s in stmts)


def _has_return(node: cst.CSTNode) -> bool:
    found = False

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, n: cst.FunctionDef) -> bool:
            return False

        def visit_Lambda(self, n: cst.Lambda) -> bool:
            return False

        def visit_Return(self, n: cst.Return) -> None:
            nonlocal found
            found = True

    walk(node, Finder())
    return found


def _always_returns(stmts: Sequence[cst.BaseStatement]) -> bool:
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, cst.SimpleStatementLine):
        return isinstance(last.body[-1], cst.Return)
    if isinstance(last, cst.If):
        return _always_returns(last.body.body) and _always_returns(_else_statements(last.orelse))  # type: ignore[attr-defined]
    return False


_OPPOSITE = {cst.In: cst.NotIn, cst.NotIn: cst.In, cst.Is: cst.IsNot, cst.IsNot: cst.Is,
             cst.Equal: cst.NotEqual, cst.NotEqual: cst.Equal}


def _negate(test: cst.BaseExpression) -> cst.BaseExpression:
    """`not test`, said simply: `not x` -> `x`, `a in b` -> `a not in b`, De Morgan over and/or."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = test.expression
        if isinstance(inner, (cst.BooleanOperation, cst.IfExp, cst.Lambda, cst.NamedExpr)):
            return inner
        return inner.with_changes(lpar=(), rpar=())
    if not test.lpar and isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
            and type(test.comparisons[0].operator) in _OPPOSITE:
        target = test.comparisons[0]
        return test.with_changes(comparisons=[target.with_changes(operator=_OPPOSITE[type(target.operator)]())])
    if not test.lpar and isinstance(test, cst.BooleanOperation):
        operator = cst.And() if isinstance(test.operator, cst.Or) else cst.Or()
        left, right = _negate(test.left), _negate(test.right)
        if isinstance(operator, cst.And):  # `a or b` parts inside an `and` need parentheses
            left, right = (_parenthesized(x) if isinstance(x, cst.BooleanOperation) else x for x in (left, right))
        return cst.BooleanOperation(left, operator, right)
    return cst.UnaryOperation(cst.Not(), _parenthesized(test))


# ---------------------------------------------------------------------- small helpers

def _is_expression(helper: cst.FunctionDef) -> bool:
    body = _body(helper)
    return (len(body) == 1 and isinstance(body[0], cst.SimpleStatementLine) and len(body[0].body) == 1
            and isinstance(body[0].body[0], cst.Return) and body[0].body[0].value is not None)


def _body(helper: cst.FunctionDef) -> list[cst.BaseStatement]:
    body = list(helper.body.body)  # type: ignore[attr-defined]
    first = body[0] if body else None
    if isinstance(first, cst.SimpleStatementLine) and isinstance(first.body[0], cst.Expr) \
            and isinstance(first.body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        body = body[1:]
    return body


def _arguments(call: cst.Call, params: list[cst.Param]) -> dict[str, cst.BaseExpression]:
    names = [p.name.value for p in params]
    out: dict[str, cst.BaseExpression] = {}
    positional = [a for a in call.args if a.keyword is None]
    for name, arg in zip(names, positional):
        out[name] = arg.value
    for arg in call.args:
        if arg.keyword is not None:
            out[arg.keyword.value] = arg.value
    return out


def _dotted_name(node: cst.BaseExpression) -> bool:
    while isinstance(node, cst.Attribute):
        node = node.value
    return isinstance(node, cst.Name)


def _plain(value: cst.BaseExpression) -> bool:
    """Reading it does nothing: dropping a `return value` whose value nobody uses is safe."""
    return is_literal(value) or _dotted_name(value)


def _parenthesized(node: cst.BaseExpression) -> cst.BaseExpression:
    atomic = (cst.Name, cst.Attribute, cst.Call, cst.Subscript, cst.SimpleString, cst.Integer, cst.Float,
              cst.List, cst.Dict, cst.Set, cst.Tuple, cst.ListComp, cst.DictComp, cst.SetComp,
              cst.ConcatenatedString, cst.FormattedString)
    if isinstance(node, atomic) or node.lpar:
        if isinstance(node, cst.Tuple) and not node.lpar:
            return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return node
    return node.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _result_name(helper: str) -> str:
    """`_get_purchase_approver` -> `purchase_approver`."""
    name = helper.strip("_")
    for prefix in ("get_", "compute_", "prepare_"):
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix):]
            break
    return name or "value"


def _comments(lines: Sequence[cst.EmptyLine]) -> list[cst.EmptyLine]:
    return [line for line in lines if line.comment is not None]


def _assign(name: str, value: cst.BaseExpression) -> cst.SimpleStatementLine:
    return cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(name))], value)])


def _count(node: cst.CSTNode, name: str) -> int:
    """How many times `name` is written in `node`."""
    found = 0

    class Names(cst.CSTVisitor):
        def visit_Name(self, n: cst.Name) -> None:
            nonlocal found
            found += n.value == name

    walk(node, Names())
    return found


class _Renamed(cst.CSTTransformer):
    def __init__(self, old: str, new: str) -> None:
        super().__init__()
        self.old, self.new = old, new

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        return updated_node.with_changes(value=self.new) if updated_node.value == self.old else updated_node


def _names_in(node: cst.CSTNode) -> set[str]:
    found: set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, name: cst.Name) -> None:
            found.add(name.value)

    walk(node, Names())
    return found


def _holding(root: cst.CSTNode, targets: set[int]) -> set[int]:
    """Ids of the targets under `root` and of every node holding one."""
    found: set[int] = set()
    stack: list[int] = []

    class Walk(cst.CSTVisitor):
        def on_visit(self, n: cst.CSTNode) -> bool:
            stack.append(id(n))
            if id(n) in targets:
                found.update(stack)
            return True

        def on_leave(self, original: cst.CSTNode) -> None:
            stack.pop()

    walk(root, Walk())
    return found


def apply(func: cst.FunctionDef, ctx: Context, helpers: Mapping[str, cst.FunctionDef]) -> cst.FunctionDef:
    return InlineHelpers(ctx, helpers).apply(func) if helpers else func
