"""Rewrite: the method's parameters bound at the top of the code, from what its caller passes.

Action code has no parameters: a name the method took as one is unbound there (NameError when
the action runs). The cron's code passes arguments; a button passes none. Each parameter the
body reads becomes an assignment at the top, from the argument the caller passes, else from
the parameter's default:

    cron code: model._cron_remind(3)
    def _cron_remind(self, days=7, draft=False):        days = 3
        ...                                      ->     draft = False
                                                        ...

Only literals are copied (`base.is_literal`): an argument or a default that is not one, or a
parameter with neither, is `unbound-parameter`.
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import walk
from migrator.analyze.cron_call import CallArguments
from migrator.generate.transforms.base import Context, code_of, is_docstring, is_literal

RULE = "parameters"


def apply(func: cst.FunctionDef, ctx: Context, arguments: CallArguments) -> cst.FunctionDef:
    read = _names_read(func.body)
    caller = "The cron's code" if ctx.target == "cron" else "A button"
    if arguments.unpacked:
        ctx.block("unbound-parameter", f"{caller} passes unpacked arguments (*args or **kwargs): which parameter "
                  "gets which value is unknown.", func, RULE)
        return func
    params = func.params
    positional = [*params.posonly_params, *params.params][1:]  # without self
    by_name = {p.name.value: p for p in [*positional, *params.kwonly_params]}
    star = params.star_arg if isinstance(params.star_arg, cst.Param) else None
    values: dict[str, tuple[str, str]] = {}  # parameter -> (value as written, where it comes from)
    given = "the value the cron's code passes"
    for param, text in zip(positional, arguments.positional):
        values[param.name.value] = (text, given)
    extra = list(arguments.positional[len(positional):])
    if extra and star is None:
        ctx.block("unbound-parameter", f"{caller} passes {len(arguments.positional)} arguments, more than the "
                  "method takes.", func, RULE)
    extra_keywords: list[tuple[str, str]] = []
    for name, text in arguments.keywords:
        if name in values:
            ctx.block("unbound-parameter", f"{caller} passes `{name}` twice, by position and by keyword.", func, RULE)
        elif name in by_name and by_name[name] not in params.posonly_params:
            values[name] = (text, given)
        elif isinstance(params.star_kwarg, cst.Param):
            extra_keywords.append((name, text))
        else:
            ctx.block("unbound-parameter", f"{caller} passes `{name}`, which is not a parameter of the method.",
                      func, RULE)
    if star is not None:
        values[star.name.value] = (_tuple(extra), given if extra else "no more arguments passed")
    if isinstance(params.star_kwarg, cst.Param):
        values[params.star_kwarg.name.value] = (
            "{" + ", ".join(f"'{k}': {v}" for k, v in extra_keywords) + "}",
            given if extra_keywords else "no more keywords passed")
    bindings: list[cst.BaseStatement] = []
    for param in [*positional, *([star] if star else []), *params.kwonly_params,
                  *([params.star_kwarg] if isinstance(params.star_kwarg, cst.Param) else [])]:
        name = param.name.value
        if name not in read:
            continue
        value = _value(param, values.get(name), caller, ctx)
        if value is not None:
            bindings.append(cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(name))], value)]))
    if not bindings or ctx.blockers:
        return func
    statements = list(func.body.body)
    at = 1 if statements and is_docstring(statements[0]) else 0
    return func.with_changes(body=func.body.with_changes(body=[*statements[:at], *bindings, *statements[at:]]))


def _value(param: cst.Param, passed: tuple[str, str] | None, caller: str, ctx: Context) -> cst.BaseExpression | None:
    """The literal the parameter is bound to, or None (a blocker on `ctx`)."""
    name = param.name.value
    if passed is not None:
        text, origin = passed
        try:
            value = cst.parse_expression(text)
        except cst.ParserSyntaxError:  # an argument spread over lines, unparenthesised
            value = None
        if value is None or not is_literal(value):
            ctx.block("unbound-parameter", f"{caller} passes `{text}` for the parameter `{name}`: the action's code "
                      "binds a parameter only to a literal.", param, RULE)
            return None
        ctx.note(f"The parameter {name} is bound to {text}, {origin}.")
        return value
    if param.default is None:
        ctx.block("unbound-parameter", f"The body reads the parameter `{name}`, which has no default, and "
                  f"{caller[0].lower() + caller[1:]} passes no value for it.", param, RULE)
        return None
    if not is_literal(param.default):
        ctx.block("unbound-parameter", f"The parameter `{name}` defaults to `{code_of(param.default)}`, not a "
                  f"literal, and {caller[0].lower() + caller[1:]} passes no value for it.", param, RULE)
        return None
    ctx.note(f"The parameter {name} is bound to its default {code_of(param.default)}.")
    return param.default


def _tuple(texts: list[str]) -> str:
    return "(" + ", ".join(texts) + ("," if len(texts) == 1 else "") + ")"


def _names_read(body: cst.CSTNode) -> set[str]:
    """Names the body mentions other than as an attribute or a keyword of a call."""
    found: set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Attribute(self, node: cst.Attribute) -> bool:
            walk(node.value, self)
            return False

        def visit_Arg(self, node: cst.Arg) -> bool:
            walk(node.value, self)
            return False

        def visit_Name(self, node: cst.Name) -> None:
            found.add(node.value)

    walk(body, Names())
    return found
