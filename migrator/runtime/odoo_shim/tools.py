"""odoo.tools: the float helpers (odoo/tools/float_utils.py semantics); anything else is
refused by name."""

from __future__ import annotations

import math
from typing import Any

from migrator.runtime.errors import RuntimeMissing


def float_round(value: float, precision_digits: int | None = None,
                precision_rounding: float | None = None, rounding_method: str = "HALF-UP") -> float:
    factor = _rounding(precision_digits, precision_rounding)
    if factor == 0 or value == 0:
        return 0.0
    normalized = value / factor
    sign = math.copysign(1.0, normalized)
    # the float may sit just beside the tie: nudge it by an epsilon of its magnitude
    epsilon = 2 ** (math.log(abs(normalized), 2) - 52)
    if rounding_method == "HALF-UP":
        rounded = math.floor(abs(normalized + sign * epsilon) + 0.5) * sign
    elif rounding_method == "HALF-DOWN":
        rounded = math.ceil(abs(normalized - sign * epsilon) - 0.5) * sign
    elif rounding_method == "HALF-EVEN":
        rounded = round(normalized)
    elif rounding_method == "UP":
        rounded = math.ceil(abs(normalized - sign * epsilon)) * sign
    elif rounding_method == "DOWN":
        rounded = math.floor(abs(normalized + sign * epsilon)) * sign
    else:
        raise ValueError(f"unknown rounding method {rounding_method!r}")
    return rounded * factor


def float_is_zero(value: float, precision_digits: int | None = None,
                  precision_rounding: float | None = None) -> bool:
    epsilon = _rounding(precision_digits, precision_rounding)
    return abs(float_round(value, precision_rounding=epsilon)) < epsilon


def float_compare(value1: float, value2: float, precision_digits: int | None = None,
                  precision_rounding: float | None = None) -> int:
    rounding = _rounding(precision_digits, precision_rounding)
    value1 = float_round(value1, precision_rounding=rounding)
    value2 = float_round(value2, precision_rounding=rounding)
    delta = value1 - value2
    if float_is_zero(delta, precision_rounding=rounding):
        return 0
    return -1 if delta < 0 else 1


def _rounding(precision_digits: int | None, precision_rounding: float | None) -> float:
    if (precision_digits is None) == (precision_rounding is None):
        raise AssertionError("exactly one of precision_digits and precision_rounding must be given")
    return precision_rounding if precision_rounding is not None else 10 ** -precision_digits


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    raise RuntimeMissing(f"odoo.tools.{name}")
