"""Server-action code run the way Odoo's safe_eval runs it, under RestrictedPython.

Odoo refuses code at compile time (opcodes and names, see migrator/check/sandbox.py) and
then runs it with a short list of builtins and the evaluation context of the action. We
refuse the same code with the same messages (our static check runs first), then compile
with RestrictedPython so every attribute read, item access, iteration and unpacking goes
through a guard: the guards add nothing Odoo lacks, they make a hole in the static check
fail loudly instead of running.

Differences from Odoo, on purpose: errors raised by the code propagate unchanged (Odoo
turns most of them into ValueError); names reserved for the guards (`_getattr_`, ...)
cannot be bound by the code; a missing optional package (pytz, python-dateutil) makes the
name that needs it raise ReplayUnsupported when used.
"""

from __future__ import annotations

import base64
import datetime as _datetime
import functools
import json as _json
import logging
import math
import operator
import sys
import time as _time
import types
from collections.abc import Callable, Iterable
from enum import IntEnum
from typing import Any

from RestrictedPython import compile_restricted_eval, compile_restricted_exec
from RestrictedPython.Guards import guarded_iter_unpack_sequence, guarded_unpack_sequence

from migrator.check.restricted import GUARD_NAMES, OdooPolicy
from migrator.check.sandbox import UNSAFE_ATTRIBUTES, find_violations
from migrator.runtime.clock import active_clock

FILENAME = "<server action>"


class SandboxViolation(Exception):
    """Code the sandbox refuses, with the line (in the code as given) and the reason."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


class ReplayUnsupported(Exception):
    """Something Odoo offers that this runtime cannot provide; names it."""


class UserError(Exception):
    """odoo.exceptions.UserError, as the action context exposes it."""


class Warning(UserError):  # noqa: A001  (the name Odoo 16 exposes)
    """odoo.exceptions.Warning (16): a deprecated UserError."""


# C code such as time.strptime imports these through the builtins' __import__; safe_eval
# lets only them through, already imported.
_IMPORTABLE = ("_strptime", "math", "time")
for _name in _IMPORTABLE:
    __import__(_name)


def _import(name: str, *args: Any, **kwargs: Any) -> Any:
    if name not in _IMPORTABLE:
        raise ImportError(f"module {name} cannot be imported in the sandbox")
    return sys.modules[name]


# -- builtins: exactly safe_eval's list (odoo/tools/safe_eval.py, 16.0-19.0)
SAFE_BUILTINS: dict[str, Any] = {
    "__import__": _import,
    "True": True, "False": False, "None": None, "bytes": bytes, "str": str, "unicode": str,
    "bool": bool, "int": int, "float": float, "enumerate": enumerate, "dict": dict,
    "list": list, "tuple": tuple, "map": map, "abs": abs, "min": min, "max": max, "sum": sum,
    "reduce": functools.reduce, "filter": filter, "sorted": sorted, "round": round,
    "len": len, "repr": repr, "set": set, "all": all, "any": any, "ord": ord, "chr": chr,
    "divmod": divmod, "isinstance": isinstance, "range": range, "xrange": range, "zip": zip,
    "Exception": Exception,
}


# -- guards
def _code_line() -> int:
    """Line of the sandboxed code that called the guard (0 if not called from it)."""
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename == FILENAME:
            return frame.f_lineno
        frame = frame.f_back
    return 0


def _guarded_getattr(obj: Any, name: str, *default: Any) -> Any:
    if "__" in name or name in UNSAFE_ATTRIBUTES:
        raise SandboxViolation(_code_line(), f"access to attribute {name!r} is refused by the sandbox")
    return getattr(obj, name, *default)


class _ItemWriter:
    """What `_write_` returns: item assignment goes through, attribute assignment does not
    (Odoo refuses `record.x = v`; `d[k] = v` on a dict or list is allowed)."""

    __slots__ = ("_target",)

    def __init__(self, target: Any) -> None:
        object.__setattr__(self, "_target", target)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._target[key] = value

    def __delitem__(self, key: Any) -> None:
        raise SandboxViolation(_code_line(), "deleting an item (del x[...]) is refused by the sandbox; use pop()")

    def __setattr__(self, name: str, value: Any) -> None:
        raise SandboxViolation(_code_line(), f"assignment to attribute {name!r} is refused by the sandbox; use write()")

    def __delattr__(self, name: str) -> None:
        raise SandboxViolation(_code_line(), f"deletion of attribute {name!r} is refused by the sandbox")


_INPLACE: dict[str, Callable[[Any, Any], Any]] = {
    "+=": operator.iadd, "-=": operator.isub, "*=": operator.imul, "/=": operator.itruediv,
    "//=": operator.ifloordiv, "%=": operator.imod, "**=": operator.ipow,
    "<<=": operator.ilshift, ">>=": operator.irshift, "&=": operator.iand,
    "^=": operator.ixor, "|=": operator.ior,
}


def _inplacevar(op: str, target: Any, value: Any) -> Any:
    try:
        return _INPLACE[op](target, value)
    except KeyError:
        raise SandboxViolation(_code_line(), f"operator {op!r} is refused by the sandbox") from None


def _apply(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    return func(*args, **kwargs)


GUARDS: dict[str, Any] = {
    "_getattr_": _guarded_getattr,
    "_getitem_": lambda obj, key: obj[key],
    "_getiter_": iter,
    "_write_": _ItemWriter,
    "_inplacevar_": _inplacevar,
    "_apply_": _apply,
    "_unpack_sequence_": guarded_unpack_sequence,
    "_iter_unpack_sequence_": guarded_iter_unpack_sequence,
}


assert set(GUARDS) == GUARD_NAMES, "the guards and the names the policy reserves for them"


# -- wrapped modules, as safe_eval exposes them
class WrappedModule:
    """Only the listed attributes of a module, like safe_eval's wrap_module."""

    def __init__(self, name: str, attributes: dict[str, Any]) -> None:
        self._repr = f"<wrapped {name!r}>"
        for key, value in attributes.items():
            setattr(self, key, value)

    def __repr__(self) -> str:
        return self._repr


class _Missing:
    """Stands for a name whose package is not installed: any use says so."""

    def __init__(self, what: str, package: str) -> None:
        self._message = f"{what} needs the {package} package, which is not installed"

    def __getattr__(self, name: str) -> Any:
        raise ReplayUnsupported(self._message)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise ReplayUnsupported(self._message)


def _wrap(module: types.ModuleType, names: Iterable[str]) -> WrappedModule:
    return WrappedModule(module.__name__, {n: getattr(module, n) for n in names})


class _ClockDate(_datetime.date):
    """`date.today()` reads the replay clock, as the module's `fields.Date.today()` does:
    both replay runs see the same day."""

    @classmethod
    def today(cls) -> _datetime.date:
        return active_clock().today()


class _ClockDatetime(_datetime.datetime):
    """`now()`, `today()`, `utcnow()` read the replay clock."""

    @classmethod
    def now(cls, tz: Any = None) -> _datetime.datetime:
        now = active_clock().now()
        return now if tz is None else now.replace(tzinfo=_datetime.timezone.utc).astimezone(tz)

    @classmethod
    def today(cls) -> _datetime.datetime:
        return active_clock().now()

    @classmethod
    def utcnow(cls) -> _datetime.datetime:
        return active_clock().now()


DATETIME = WrappedModule("datetime", {
    **{n: getattr(_datetime, n) for n in ("time", "timedelta", "timezone", "tzinfo", "MAXYEAR", "MINYEAR")},
    "date": _ClockDate, "datetime": _ClockDatetime})

TIME = _wrap(_time, ["time", "strptime", "strftime", "sleep"])
JSON = _wrap(_json, ["loads", "dumps"])
_DATEUTIL_SUBMODULES = ("parser", "relativedelta", "rrule", "tz")


@functools.lru_cache(maxsize=None)
def _dateutil(series: str) -> Any:
    """17+: the four submodules with their public names; 16: the bare wrapped package.
    Built once per series and shared, as DATETIME is: sandboxed code cannot assign to it."""
    try:
        import dateutil
        for sub in _DATEUTIL_SUBMODULES:
            __import__(f"dateutil.{sub}")
    except ImportError:
        return _Missing("dateutil", "python-dateutil")
    if _major(series) < 17:
        return WrappedModule("dateutil", {})
    return WrappedModule("dateutil", {
        sub: _wrap(getattr(dateutil, sub), getattr(dateutil, sub).__all__)
        for sub in _DATEUTIL_SUBMODULES})


def _timezone() -> Any:
    try:
        import pytz
    except ImportError:
        return _Missing("timezone()", "pytz")
    return pytz.timezone


def _major(series: str) -> int:
    return int(series.split(".")[0])


# -- helpers the context exposes
def _rounding_factor(precision_digits: int | None, precision_rounding: float | None) -> float:
    if (precision_digits is None) == (precision_rounding is None):
        raise ValueError("exactly one of precision_digits and precision_rounding must be given")
    if precision_digits is not None:
        return 10 ** -precision_digits
    return precision_rounding  # type: ignore[return-value]


def _round_half_up(value: float, factor: float) -> float:
    """Odoo's float_round(HALF-UP): nudge by one ulp of the normalized value, then round."""
    if factor == 0 or value == 0:
        return 0.0
    normalized = value / factor
    epsilon = 2 ** (math.log(abs(normalized), 2) - 52)
    return round(normalized + math.copysign(epsilon, normalized)) * factor


def float_compare(value1: float, value2: float, precision_digits: int | None = None,
                  precision_rounding: float | None = None) -> int:
    """odoo.tools.float_compare: -1, 0 or 1 once both values are rounded."""
    factor = _rounding_factor(precision_digits, precision_rounding)
    delta = _round_half_up(value1, factor) - _round_half_up(value2, factor)
    if abs(_round_half_up(delta, factor)) < factor:
        return 0
    return -1 if delta < 0 else 1


class Command(IntEnum):
    """odoo.fields.Command: the x2many write triplets."""

    CREATE = 0
    UPDATE = 1
    DELETE = 2
    UNLINK = 3
    LINK = 4
    CLEAR = 5
    SET = 6

    @classmethod
    def create(cls, values: dict) -> tuple:
        return (cls.CREATE, 0, values)

    @classmethod
    def update(cls, id: int, values: dict) -> tuple:  # noqa: A002
        return (cls.UPDATE, id, values)

    @classmethod
    def delete(cls, id: int) -> tuple:  # noqa: A002
        return (cls.DELETE, id, 0)

    @classmethod
    def unlink(cls, id: int) -> tuple:  # noqa: A002
        return (cls.UNLINK, id, 0)

    @classmethod
    def link(cls, id: int) -> tuple:  # noqa: A002
        return (cls.LINK, id, 0)

    @classmethod
    def clear(cls) -> tuple:
        return (cls.CLEAR, 0, 0)

    @classmethod
    def set(cls, ids: Iterable[int]) -> tuple:
        return (cls.SET, 0, list(ids))


class LoggerProxy:
    """`_logger` (17+): the logging methods only, like Odoo's LoggerProxy."""

    _logger = logging.getLogger("migrator.runtime.action")

    @classmethod
    def log(cls, level: int, message: str, *args: Any) -> None:
        cls._logger.log(level, message, *args)

    @classmethod
    def debug(cls, message: str, *args: Any) -> None:
        cls._logger.debug(message, *args)

    @classmethod
    def info(cls, message: str, *args: Any) -> None:
        cls._logger.info(message, *args)

    @classmethod
    def warning(cls, message: str, *args: Any) -> None:
        cls._logger.warning(message, *args)

    @classmethod
    def error(cls, message: str, *args: Any) -> None:
        cls._logger.error(message, *args)

    @classmethod
    def exception(cls, message: str, *args: Any) -> None:
        cls._logger.exception(message, *args)


def build_eval_context(env: Any, model: Any, records: Any, record: Any,
                       log: Callable[..., None], series: str, **overrides: Any) -> dict[str, Any]:
    """The names a code action of `series` can read (FACTS.md), from the runtime's `env`
    (its `uid` and `user`). `overrides` replace or add names: the runtime's own
    `Command` or `UserError`, a webhook's `payload`."""
    context: dict[str, Any] = {
        "env": env, "model": model, "records": records, "record": record, "log": log,
        "uid": env.uid, "user": env.user,
        "time": TIME, "datetime": DATETIME, "dateutil": _dateutil(series),
        "timezone": _timezone(), "float_compare": float_compare,
        "b64encode": base64.b64encode, "b64decode": base64.b64decode,
        "Command": Command, "UserError": UserError,
    }
    if _major(series) < 17:
        context["Warning"] = Warning
    else:
        context["_logger"] = LoggerProxy
        context["json"] = JSON
    context.update(overrides)
    return context


# -- running code
# A replay runs the same few actions and domains thousands of times: each text is checked
# and compiled once (the results depend on the text and the series only).
@functools.lru_cache(maxsize=1024)
def _violations(code: str, series: str) -> tuple:
    return tuple(find_violations(code, series))


@functools.lru_cache(maxsize=1024)
def _compiled(source: str, mode: str) -> Any:
    compile_ = compile_restricted_exec if mode == "exec" else compile_restricted_eval
    result = compile_(source, filename=FILENAME, policy=OdooPolicy)
    if result.errors:
        raise _compile_errors(result.errors)
    return result.code


def _refuse_violations(code: str, series: str, context: dict[str, Any]) -> None:
    for violation in _violations(code, series):
        if violation.code == "code-name" and _unbound_name(violation.message) in context:
            continue  # given by the caller (e.g. a webhook's payload): Odoo would find it too
        raise SandboxViolation(violation.line, violation.message)


def _unbound_name(message: str) -> str:
    """The name in a code-name message, which starts with its repr."""
    quote = message[0]
    return message[1:message.index(quote, 1)]


def _check_context(context: dict[str, Any]) -> None:
    """Odoo 17+ refuses raw modules in an evaluation context: they must be wrapped."""
    for key, value in context.items():
        if isinstance(value, types.ModuleType):
            raise SandboxViolation(0, f"context value {key!r} is a module; expose a WrappedModule instead")


def _compile_errors(errors: tuple[str, ...] | list[str]) -> SandboxViolation:
    """RestrictedPython reports 'Line N: reason'."""
    head, _, reason = errors[0].partition(": ")
    if head.startswith("Line ") and head[5:].isdigit():
        return SandboxViolation(int(head[5:]), reason)
    return SandboxViolation(0, errors[0])


def run_action_code(code: str, context: dict[str, Any], series: str) -> dict[str, Any]:
    """Run server-action code of `series` with `context` (see build_eval_context) and
    return the names it ends with, e.g. `action`. Refusals raise SandboxViolation;
    exceptions raised by the code (UserError, ...) propagate unchanged."""
    _check_context(context)
    _refuse_violations(code, series, context)
    stripped = code.strip()  # Odoo runs code.strip(); keep the original line numbers
    offset = code[: len(code) - len(code.lstrip())].count("\n")
    compiled = _compiled("\n" * offset + stripped, "exec")
    namespace: dict[str, Any] = {**context, **GUARDS, "__builtins__": dict(SAFE_BUILTINS)}
    exec(compiled, namespace)
    return {k: v for k, v in namespace.items() if k != "__builtins__" and k not in GUARDS}


class _MissingAsNone(dict):
    """Locals for QWeb expressions: a name the values lack reads as None (QWeb compiles
    `x` to `values.get('x')`); guards and builtins fall through to the globals."""

    def __missing__(self, key: str) -> Any:
        if key in GUARDS or key in SAFE_BUILTINS:
            raise KeyError(key)
        return None


def eval_expression(expression: str, values: dict[str, Any], *, missing_as_none: bool = False) -> Any:
    """Evaluate one expression under the same rules (safe_eval mode 'eval'): the names are
    `values` and the safe builtins. With missing_as_none, unknown names read as None, as in
    QWeb; otherwise they raise NameError, as in safe_eval."""
    expression = expression.strip()
    for violation in _violations(expression, "18.0"):
        if violation.code != "code-name":  # names resolve at run time, as in Odoo
            raise SandboxViolation(violation.line, f"{violation.message} (in {expression!r})")
    compiled = _compiled(expression, "eval")
    scope = {**values, **GUARDS, "__builtins__": dict(SAFE_BUILTINS)}
    # inner scopes (lambdas, comprehensions) read the globals: values are there too
    return eval(compiled, scope, _MissingAsNone(values) if missing_as_none else None)
