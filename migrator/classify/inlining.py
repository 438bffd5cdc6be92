"""Helper methods of the module that a moved method calls: can each be inlined, or why not.

A trigger method often hands its work to a small method of its own module
(`self._fold_stages()`, `order._get_approver()`). Such a helper goes away with the module, but
when it is small and only serves methods that move, its body can go into the action instead:
the rewrite (migrator/generate/transforms/inline_helpers.py) copies it in at the call. This is
the one place that decides whether that is possible; the rule `calls-custom-method` reports
the reason when it is not, and the rewrite inlines exactly what this allows.

A helper is inlined when:
- it is a method of the same model, defined once, in the same class as the caller, called on
  the records (`self`, a loop variable over them, the parameter of a lambda given to
  `filtered`/`sorted`/`mapped`), with plain arguments (no `*args`/`**kwargs`);
- it is neither a compute, onchange, constraint nor default, nor named by a field, a view
  button, JavaScript or code outside the model methods, and every other method calling it is a
  trigger method (which moves too) or a helper only they call: otherwise it stays, and the
  caller with it;
- it does not call `super()`, rebinds neither `self` nor a parameter given an expression, does
  not `yield`, and returns only where a test around the rest can say it (never in a loop,
  `try` or `with`);
- its call sits where its statements can go before the statement holding it: the whole
  statement, the value of an assignment, or a part evaluated first and always (not inside a
  lambda, a comprehension, the right side of `and`/`or`, a branch of `x if c else y`, a
  `while` test or an `elif` test). A helper that is one `return <expression>` over names and
  literals may sit anywhere: its expression replaces the call. `records.filtered(lambda r:
  r._helper())` is judged where the `filtered` call sits: the records it keeps are selected
  first, by a loop holding the helper's statements.
Helpers it calls itself are judged the same way; a helper that calls itself, or back the method
that called it, is never inlined.
"""

from __future__ import annotations

import ast
import bisect
from dataclasses import dataclass
from functools import cached_property

from migrator.analyze.module_facts import ModuleFacts
from migrator.analyze.python_facts import MethodFacts
from migrator.classify.method_context import MethodContext, is_super_call
from migrator.classify.triggers import candidates

# Decorators a helper may carry: anything else makes it something Odoo calls by itself.
_PLAIN_DECORATORS = frozenset({"api.model", "model"})
# Recordset methods whose lambda argument receives records of the same model.
_RECORD_LAMBDAS = frozenset({"filtered", "sorted", "mapped", "filtered_domain", "grouped"})


@dataclass(frozen=True)
class HelperCall:
    call: ast.Call
    name: str
    helper: MethodFacts | None  # the method called, when it is on the caller's model
    reason: str | None  # why it cannot be inlined; None when it can

    @property
    def inlinable(self) -> bool:
        return self.reason is None


def helper_calls(ctx: MethodContext) -> tuple[HelperCall, ...]:
    """Each call of the method to a method only this module has, in source order, judged
    (once per method: the rules, the classification and the plan each ask)."""
    calls = _answers(ctx.module).calls
    key = id(ctx.method.node)
    if key not in calls:
        calls[key] = tuple(_helper_calls(ctx))
    return calls[key]


def _helper_calls(ctx: MethodContext) -> list[HelperCall]:
    own = ctx.module.custom_method_names
    parents: dict[int, ast.AST] | None = None  # built for the first call of a helper only
    found: list[HelperCall] = []
    for call, name, recv in ctx.method_calls():
        if name not in own or is_super_call(call):
            continue
        if parents is None:
            parents = _parents(ctx.method.node)
        helper = _definition(ctx, name)
        reason = _why_not(ctx, call, name, recv, helper, parents)
        found.append(HelperCall(call, name, helper, reason))
    return found


def inlined(ctx: MethodContext) -> tuple[MethodFacts, ...] | None:
    """Every helper the method's code takes in (helpers of helpers too), or None when one of
    its calls to the module's methods cannot be inlined."""
    out: list[MethodFacts] = []
    todo = [ctx]
    while todo:
        for item in helper_calls(todo.pop(0)):
            if item.reason is not None or item.helper is None:
                return None
            if not any(item.helper is m for m in out):
                out.append(item.helper)
                todo.append(MethodContext(item.helper, ctx.module, ctx.trigger))
    return tuple(out)


# ------------------------------------------------------------------------------ the checks

def _why_not(ctx: MethodContext, call: ast.Call, name: str, recv: ast.expr, helper: MethodFacts | None,
             parents: dict[int, ast.AST]) -> str | None:
    if helper is None:
        return f"{name}() is a method of another model of this module, or is defined more than once"
    if helper.file != ctx.method.file or helper.class_name != ctx.method.class_name:
        return f"{name}() is defined in another class ({helper.file}, {helper.class_name})"
    if name == ctx.method.name or _reaches(ctx.module, helper, {name, ctx.method.name}):
        return f"{name}() calls itself, or back the method that called it"
    if not _receiver_is_records(ctx, recv, parents):
        return f"{name}() is called on `{ast.unparse(recv)}`, not on the records"
    others = _other_users(ctx.module, helper, ctx.method)
    if others:
        return f"{name}() also serves {', '.join(others)}, which stay{'s' if len(others) == 1 else ''}"
    shape = _shape_problem(helper)
    if shape:
        return f"{name}() {shape}"
    if any(isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
           and n.func.attr in ctx.module.custom_method_names
           for arg in (*call.args, *(k.value for k in call.keywords)) for n in ast.walk(arg)):
        return f"the call of {name}() takes another method of the module as argument"
    binding = _bind(helper, call)
    if isinstance(binding, str):
        return f"the call of {name}() {binding}"
    if _is_expression(helper) and all(_simple(v) for v in binding.values() if v is not None):
        return None  # its expression replaces the call wherever it is
    where = _placement_problem(filtered_by(call, parents) or call, parents, ctx.method.node)
    if where:
        return f"{name}() is called {where}, where its statements cannot go"
    return None


def _reaches(module: ModuleFacts, helper: MethodFacts, names: set[str]) -> bool:
    """Does the helper call, directly or through the module's other methods, one of `names`?"""
    seen: set[str] = set()
    todo = [helper]
    while todo:
        method = todo.pop()
        for node in ast.walk(method.node):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                called = node.func.attr
                if called in names:
                    return True
                if called in module.custom_method_names and called not in seen:
                    seen.add(called)
                    todo.extend(m for m in module.methods if m.name == called)
    return False


def _definition(ctx: MethodContext, name: str) -> MethodFacts | None:
    found = [m for m in ctx.module.methods if m.name == name and m.model == ctx.model]
    return found[0] if len(found) == 1 else None


def _receiver_is_records(ctx: MethodContext, recv: ast.expr, parents: dict[int, ast.AST]) -> bool:
    if not isinstance(recv, ast.Name):
        return False
    if recv.id in ctx.record_names:
        return True
    # `recs.filtered(lambda r: r._helper())`: the lambda's parameter is one of the records
    node = parents.get(id(recv))
    while node is not None and not isinstance(node, ast.Lambda):
        node = parents.get(id(node))
    if node is None or recv.id not in {a.arg for a in node.args.args}:
        return False
    outer = parents.get(id(node))
    return (isinstance(outer, ast.Call) and isinstance(outer.func, ast.Attribute)
            and outer.func.attr in _RECORD_LAMBDAS and ctx.is_records(outer.func.value))


def _shape_problem(helper: MethodFacts) -> str | None:
    node = helper.node
    if isinstance(node, ast.AsyncFunctionDef):
        return "is a coroutine"
    if any(d not in _PLAIN_DECORATORS for d in helper.decorators):
        return f"is decorated (@{', @'.join(helper.decorators)}): Odoo calls it by itself"
    if helper.calls_super:
        return "calls super()"
    args = node.args
    if args.vararg or args.kwarg or args.posonlyargs:
        return "takes *args, **kwargs or positional-only parameters"
    if not args.args:
        return "has no `self` parameter"
    self_name = args.args[0].arg
    body = _body(helper)
    if not body:
        return "has no body"
    for sub in (n for stmt in body for n in ast.walk(stmt)):
        if isinstance(sub, (ast.Yield, ast.YieldFrom, ast.Await)):
            return "yields"
        if isinstance(sub, (ast.Global, ast.Nonlocal)):
            return "declares global names"
        if isinstance(sub, ast.Name) and sub.id == self_name and isinstance(sub.ctx, (ast.Store, ast.Del)):
            return f"rebinds `{self_name}`"
    if not _returns_ok(body):
        return "returns from inside a loop, a `try` or a `with`, or where no test around the rest can say it"
    return None


def _body(helper: MethodFacts) -> list[ast.stmt]:
    body = list(helper.node.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    return body


def _is_expression(helper: MethodFacts) -> bool:
    """`return <expression>` and nothing else."""
    body = _body(helper)
    return len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None


def _has_return(stmts: list[ast.stmt]) -> bool:
    return any(isinstance(n, ast.Return) for s in stmts for n in _walk_no_functions(s))


def _walk_no_functions(node: ast.AST):
    yield node
    for child in ast.iter_child_nodes(node):
        if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)):
            yield from _walk_no_functions(child)


def always_returns(stmts: list[ast.stmt]) -> bool:
    """Every path through `stmts` ends in a `return`."""
    if not stmts:
        return False
    last = stmts[-1]
    if isinstance(last, ast.Return):
        return True
    return isinstance(last, ast.If) and always_returns(last.body) and always_returns(last.orelse)


def _returns_ok(stmts: list[ast.stmt]) -> bool:
    """Returns only where the rest can go under the negated test: last in a block, or in an
    `if` branch that always returns (the rest then goes to the other branch)."""
    for index, stmt in enumerate(stmts):
        if isinstance(stmt, ast.Return):
            return index == len(stmts) - 1
        if isinstance(stmt, ast.If):
            for branch in (stmt.body, stmt.orelse):
                if _has_return(branch) and not (always_returns(branch) and _returns_ok(branch)):
                    return False
        elif _has_return([stmt]):
            return False
    return True


def _bind(helper: MethodFacts, call: ast.Call) -> dict[str, ast.expr | None] | str:
    """Parameter -> the argument it receives (None: its literal default), or what is wrong."""
    if any(isinstance(a, ast.Starred) for a in call.args) or any(k.arg is None for k in call.keywords):
        return "passes *args or **kwargs"
    args = helper.node.args
    params = [a.arg for a in args.args[1:]]
    kwonly = [a.arg for a in args.kwonlyargs]
    if len(call.args) > len(params):
        return "passes more arguments than the method takes"
    bound: dict[str, ast.expr | None] = dict(zip(params, call.args))
    for kw in call.keywords:
        if kw.arg not in params + kwonly or kw.arg in bound:
            return f"passes `{kw.arg}=`, which the method does not take once"
        bound[kw.arg] = kw.value
    defaults = dict(zip(params[len(params) - len(args.defaults):], args.defaults))
    defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None})
    for name in params + kwonly:
        if name in bound:
            continue
        if name not in defaults:
            return f"leaves `{name}` without a value"
        try:
            ast.literal_eval(defaults[name])
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return f"relies on the default of `{name}`, which is not a literal"
        bound[name] = None
    return bound


def _simple(node: ast.expr) -> bool:
    """A name, a literal, or attributes of a name: the same value wherever it is read."""
    while isinstance(node, ast.Attribute):
        node = node.value
    if isinstance(node, ast.Name):
        return True
    try:
        ast.literal_eval(node)
        return True
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return False


def _placement_problem(call: ast.Call, parents: dict[int, ast.AST], method: ast.AST) -> str | None:
    """Why the statements of a helper cannot go right before the statement holding `call`."""
    child: ast.AST = call
    node = parents.get(id(call))
    while node is not None and not isinstance(node, ast.stmt):
        if isinstance(node, ast.Lambda):
            return "inside a lambda"
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            return "inside a comprehension"
        if isinstance(node, ast.BoolOp) and child is not node.values[0]:
            return f"on the right of `{'and' if isinstance(node.op, ast.And) else 'or'}`"
        if isinstance(node, ast.IfExp) and child is not node.test:
            return "in a branch of a conditional expression"
        child, node = node, parents.get(id(node))
    if node is None:
        return "outside any statement"
    if isinstance(node, ast.While):
        return "in a `while` test"
    if isinstance(node, (ast.With, ast.AsyncWith, ast.Try)):
        return "in a `with` or `try` header"
    if isinstance(node, ast.If):
        parent = parents.get(id(node))
        if isinstance(parent, ast.If) and parent.orelse == [node] and _is_elif(node, parent):
            return "in an `elif` test"
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node is not method:
        return "inside a nested definition"
    return None


def filtered_by(call: ast.Call, parents: dict[int, ast.AST]) -> ast.Call | None:
    """`records.filtered(lambda r: r.helper(...))`, the lambda's whole body the call on its one
    parameter: that `filtered` call (its records are selected first, the helper's statements
    in a loop over them: transforms/inline_helpers.py)."""
    lam = parents.get(id(call))
    outer = parents.get(id(lam))
    if not (isinstance(lam, ast.Lambda) and lam.body is call and len(lam.args.args) == 1
            and not (lam.args.vararg or lam.args.kwarg or lam.args.kwonlyargs or lam.args.posonlyargs)):
        return None
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if not (isinstance(receiver, ast.Name) and receiver.id == lam.args.args[0].arg):
        return None
    if isinstance(outer, ast.Call) and isinstance(outer.func, ast.Attribute) and outer.func.attr == "filtered" \
            and outer.args == [lam] and not outer.keywords:
        return outer
    return None


def _is_elif(node: ast.If, parent: ast.If) -> bool:
    """`elif` (not `else:` + `if`): the inner `if` starts at the parent's indentation."""
    return node.col_offset == parent.col_offset


def _parents(root: ast.AST) -> dict[int, ast.AST]:
    out: dict[int, ast.AST] = {}
    for node in ast.walk(root):
        for child in ast.iter_child_nodes(node):
            out[id(child)] = node
    return out


# ------------------------------------------------------------------------------ other users

class _Answers:
    """What is asked of one module again and again: who uses each method, which methods move,
    each method's helper calls."""

    def __init__(self, module: ModuleFacts) -> None:
        self.module = module
        self.calls: dict[int, tuple[HelperCall, ...]] = {}

    @cached_property
    def uses(self) -> dict[str, list[MethodFacts | str]]:
        return _uses(self.module)

    @cached_property
    def moving(self) -> list[MethodFacts]:
        return _moving(self.module, self.uses)


# The last module's answers: the audit asks of one module at a time.
_LAST: list[_Answers] = []


def _answers(module: ModuleFacts) -> _Answers:
    if not _LAST or _LAST[0].module is not module:
        _LAST[:] = [_Answers(module)]
    return _LAST[0]


def _other_users(module: ModuleFacts, helper: MethodFacts, caller: MethodFacts) -> list[str]:
    """Who else uses the helper and stays: methods that are not triggers nor helpers only
    triggers use, fields, view buttons, JavaScript, code outside the model methods."""
    uses, moving = _module_uses(module)
    found: list[str] = []
    for user in uses.get(helper.name, ()):
        if isinstance(user, str):
            found.append(user)
        elif user is not caller and not any(user is m for m in moving):
            found.append(f"{user.model}.{user.name}()")
    return list(dict.fromkeys(found))


def _module_uses(module: ModuleFacts) -> tuple[dict[str, list[MethodFacts | str]], list[MethodFacts]]:
    answers = _answers(module)
    return answers.uses, answers.moving


def _uses(module: ModuleFacts) -> dict[str, list[MethodFacts | str]]:
    """Method name -> the model methods reading it (calls mostly), and the other places naming it."""
    names = module.custom_method_names
    uses: dict[str, list[MethodFacts | str]] = {}
    for py in module.py_files:  # the attributes the analysis indexed, owned by the method around
        methods = sorted((m for m in module.methods if m.file == py.rel), key=lambda m: m.span.line_start)
        starts = [m.span.line_start for m in methods]
        for name, lines in py.attributes.items():
            if name not in names:
                continue
            for line in lines:
                at = bisect.bisect_right(starts, line) - 1
                owner = methods[at] if at >= 0 and line <= methods[at].span.line_end else None
                if owner is None:
                    uses.setdefault(name, []).append(f"code at {py.rel}:{line}")
                elif name != owner.name:
                    uses.setdefault(name, []).append(owner)
    for cls in module.model_classes:
        for f in cls.fields:
            for attr in ("compute", "inverse", "search", "default", "selection"):
                value = getattr(f, attr)
                if value in names:
                    uses.setdefault(value, []).append(f"the field {cls.model}.{f.name}")
    for xml in module.xml_files:
        for model, method, span in xml.buttons:
            if method in names:
                uses.setdefault(method, []).append(f"a button of {span.file}")
    for js in module.js_calls:
        if js.method in names:
            uses.setdefault(js.method, []).append(f"JavaScript in {js.file}")
    return uses


def _moving(module: ModuleFacts, uses: dict[str, list[MethodFacts | str]]) -> list[MethodFacts]:
    """Trigger methods (they move, or keep their own copy), and helpers only they use."""
    moving = [c.method for c in candidates(module)]
    changed = True
    while changed:
        changed = False
        for method in module.methods:
            if any(method is m for m in moving):
                continue
            users = uses.get(method.name, ())
            if users and all(not isinstance(u, str) and any(u is m for m in moving) for u in users):
                moving.append(method)
                changed = True
    return moving


def gone_with(module: ModuleFacts, moved: set[tuple[str, str, str]], inlined: set[str]) -> set[tuple[str, str, str]]:
    """(file, model, method) of the inlined helpers that go with the moved methods: those
    whose every user moved, or is such a helper. A helper a staying method still calls stays."""
    if not inlined:
        return set()
    uses, _ = _module_uses(module)
    gone = set(moved)
    changed = True
    while changed:
        changed = False
        for method in module.methods:
            key = (method.file, method.model or "", method.name)
            if method.name not in inlined or key in gone:
                continue
            users = uses.get(method.name, ())
            if all(not isinstance(u, str) and (u.file, u.model or "", u.name) in gone for u in users):
                gone.add(key)
                changed = True
    return gone - moved
