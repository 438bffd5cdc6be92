"""What Odoo's safe_eval lets server-action code do: one table, asked by every stage.

The rewrite into action code (migrator/generate/transforms/) refuses what is not here with
`sandbox-forbidden` or `imports-module`, and maps imported names to the evaluation context;
`migrator check` (migrator/check/sandbox.py) holds generated code to the same table. Read off
odoo/tools/safe_eval.py and ir_actions.py of 16.0-19.0 (FACTS.md, "Sandbox rules").
"""

from __future__ import annotations

# safe_eval's builtins (the same in 16.0-19.0); `unicode`/`xrange` are still in its list.
ALLOWED_BUILTINS = frozenset("""
    True False None bytes str unicode bool int float enumerate dict list tuple map abs
    min max sum reduce filter sorted round len repr set all any ord chr divmod isinstance
    range xrange zip Exception
""".split())

# Frame, code and generator internals that safe_eval refuses by name.
UNSAFE_ATTRIBUTES = frozenset("""
    f_builtins f_code f_globals f_locals func_code func_globals co_code _co_code_adaptive
    mro tb_frame gi_code gi_frame gi_yieldfrom cr_await cr_code cr_frame ag_await ag_code
    ag_frame
""".split())

# Statements and expressions whose opcodes safe_eval refuses, by node class name (the same
# name in `ast` and in libcst).
FORBIDDEN_NODES: dict[str, str] = {
    "With": "a with statement", "AsyncWith": "an async with statement",
    "ClassDef": "a class definition", "Assert": "an assert statement",
    "Global": "a global statement", "Nonlocal": "a nonlocal statement",
    "Import": "an import", "ImportFrom": "an import",
    "AsyncFunctionDef": "an async function", "AsyncFor": "an async for loop",
    "Await": "await", "Yield": "yield", "YieldFrom": "yield from",
    "Match": "a match statement", "TryStar": "except*",
}

# Qualified name (or prefix) in a model file -> its name in the evaluation context.
_CONTEXT_ALL_SERIES: dict[str, str] = {
    "datetime": "datetime",
    "time": "time",
    "pytz.timezone": "timezone",
    "base64.b64encode": "b64encode",
    "base64.b64decode": "b64decode",
    "odoo.tools.float_compare": "float_compare",
    "odoo.tools.float_utils.float_compare": "float_compare",
    "odoo.Command": "Command",
    "odoo.fields.Command": "Command",
    "odoo.exceptions.UserError": "UserError",
    "odoo.exceptions.ValidationError": "UserError",
}
# 16.0 wraps `dateutil` without its submodules and has no `json`.
_CONTEXT_SINCE_17: dict[str, str] = {
    "json": "json",
    "dateutil.parser": "dateutil.parser",
    "dateutil.relativedelta": "dateutil.relativedelta",
    "dateutil.rrule": "dateutil.rrule",
    "dateutil.tz": "dateutil.tz",
}

# Helpers of a model file that the rewrite turns into what the context has.
FIELD_DATE_FUNCTIONS: dict[str, str] = {
    "odoo.fields.Date.today": "datetime.date.today",
    "odoo.fields.Datetime.now": "datetime.datetime.now",
    "odoo.fields.Date.context_today": "datetime.date.today",
}
# `fields.Datetime.to_string(x)` / `fields.Date.to_string(x)` -> the format Odoo's own
# `x.strftime(...) if x else False` uses (odoo.tools.DEFAULT_SERVER_DATE(TIME)_FORMAT).
FIELD_TO_STRING: dict[str, str] = {
    "odoo.fields.Datetime.to_string": "%Y-%m-%d %H:%M:%S",
    "odoo.fields.Date.to_string": "%Y-%m-%d",
}
# Calls reading the clock -> the same value as an expression of the context (an object_write's
# equation): Odoo's `fields.Datetime.now()` drops the microseconds, `datetime.now()` keeps them.
CLOCK_EQUATIONS: dict[str, str] = {
    "odoo.fields.Datetime.now": "datetime.datetime.now().replace(microsecond=0)",
    "odoo.fields.Date.today": "datetime.date.today()",
    "datetime.datetime.now": "datetime.datetime.now()",
    "datetime.datetime.today": "datetime.datetime.today()",
    "datetime.date.today": "datetime.date.today()",
}
TRANSLATION_FUNCTIONS = frozenset({"odoo._", "odoo.tools._", "odoo.tools.translate._", "odoo.tools.translate._lt"})
RELATIVEDELTA = "dateutil.relativedelta.relativedelta"
# 16.0: relativedelta with only these arguments is a timedelta.
TIMEDELTA_KEYWORDS = frozenset({"days", "weeks"})


def context_names(series: int) -> dict[str, str]:
    return {**_CONTEXT_ALL_SERIES, **(_CONTEXT_SINCE_17 if series >= 17 else {})}


def context_name(qualified: str, series: int) -> str | None:
    """The context expression for a qualified name, None when the sandbox lacks it."""
    for key, value in context_names(series).items():
        if qualified == key or qualified.startswith(key + "."):
            return value + qualified[len(key):]
    return None


def provided(qualified: str, series: int) -> bool:
    """Whether action code of `series` has `qualified` as is or once rewritten."""
    return (
        context_name(qualified, series) is not None
        or qualified in FIELD_DATE_FUNCTIONS
        or qualified in FIELD_TO_STRING
        or qualified in TRANSLATION_FUNCTIONS
        # 16.0: the relativedelta rewrite decides (timedelta, or imports-module)
        or (series < 17 and qualified == RELATIVEDELTA)
    )
