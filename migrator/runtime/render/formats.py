"""format_date, format_datetime, format_time, format_amount and format_duration as mail
templates call them (mail.render.mixin's _render_eval_context binds odoo.tools' functions
to the template's env):

    format_date(date, date_format=False, lang_code=False)
    format_datetime(dt, tz=False, dt_format=False, lang_code=False)
    format_time(time, tz=False, time_format=False, lang_code=False)
    format_amount(amount, currency, lang_code=False)
    format_duration(value)

Only en_US is formatted (lang_data.LANGS). Odoo formats dates with babel; the en_US
patterns and LDML patterns made of numeric fields (y, M, d, H, h, m, s) come out the same
from plain arithmetic, so they are written here. Anything that needs babel's locale data
(month or day names, AM/PM, 'short'/'long'/'full' formats) or another language raises
RuntimeMissing naming it.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any

import pytz

from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.render.lang_data import LANGS, MEDIUM_IS_LANG_FORMAT, POSIX_TO_LDML

NBSP = "\N{NO-BREAK SPACE}"
ZWNBSP = "\N{ZERO WIDTH NO-BREAK SPACE}"
DATE_LENGTH = 10  # len('2024-05-05')
NAMED_FORMATS = ("short", "medium", "long", "full")

_LDML_TOKEN = re.compile(r"''|'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+")


def _field(obj: Any, *path: str) -> Any:
    """obj.a.b..., False where a plain object lacks a name (records raise as usual)."""
    for name in path:
        obj = getattr(obj, name, False)
        if not obj:
            return False
    return obj


class Formatters:
    """The five helpers for one rendering: the user, the context and the series."""

    def __init__(self, user: Any, ctx: dict[str, Any], series: str | None) -> None:
        self.user = user
        self.ctx = ctx
        self.series = series

    def helpers(self) -> dict[str, Any]:
        return {"format_date": self.format_date, "format_datetime": self.format_datetime,
                "format_time": self.format_time, "format_amount": self.format_amount,
                "format_duration": format_duration}

    # -- language and time zone, as get_lang and the tz lookups do
    def lang(self, helper: str, lang_code: Any) -> dict[str, Any]:
        """get_lang: lang_code, else the context's lang, else the company's partner's lang."""
        if lang_code:
            code, source = lang_code, f"lang_code={lang_code!r}"
        elif self.ctx.get("lang"):
            code, source = self.ctx["lang"], f"context lang {self.ctx['lang']!r}"
        else:
            code = _field(self.user, "company_id", "partner_id", "lang") or "en_US"
            source = f"company lang {code!r}"
        if code not in LANGS:
            raise RuntimeMissing(f"{helper}() with {source} (only {', '.join(LANGS)} is formatted)")
        return LANGS[code]

    def _context_tz(self) -> Any:
        """fields.Datetime.context_timestamp's zone: the context's tz, else the user's."""
        return self.ctx.get("tz") or _field(self.user, "tz")

    def _medium_is_lang(self) -> bool:
        return self.series in MEDIUM_IS_LANG_FORMAT

    # -- the helpers
    def format_date(self, value: Any, date_format: Any = False, lang_code: Any = False) -> str:
        if not value:
            return ""
        if isinstance(value, str):
            if len(value) < DATE_LENGTH:
                return ""
            if len(value) > DATE_LENGTH:
                value = _context_timestamp(_datetime_from_string(value), self._context_tz())
            else:
                value = _datetime_from_string(value)
        elif isinstance(value, datetime.datetime) and not value.tzinfo:
            # Datetime.context_timestamp: the context's tz, else the user's
            value = _context_timestamp(value, self._context_tz())
        lang = self.lang("format_date", lang_code)
        if not isinstance(value, datetime.date):
            raise TypeError(f"format_date() expects a date, got {type(value).__name__}")
        pattern = date_format or _posix_to_ldml(lang["date_format"])
        return _ldml(pattern, value, "format_date", "date_format")

    def format_datetime(self, value: Any, tz: Any = False, dt_format: Any = False,
                        lang_code: Any = False) -> str:
        if not value:
            return ""
        timestamp = _datetime_from_string(value) if isinstance(value, str) else value
        localized = _localize(timestamp, tz or _field(self.user, "tz") or "UTC")
        lang = self.lang("format_datetime", lang_code)
        if not dt_format or (dt_format == "medium" and self._medium_is_lang()):
            dt_format = f"{_posix_to_ldml(lang['date_format'])} {_posix_to_ldml(lang['time_format'])}"
        elif dt_format in NAMED_FORMATS:
            raise RuntimeMissing(f"format_datetime(dt_format={dt_format!r}) in {self.series or 'this series'}"
                                 " (babel's locale format)")
        return _ldml(dt_format, localized, "format_datetime", "dt_format")

    def format_time(self, value: Any, tz: Any = False, time_format: Any = False,
                    lang_code: Any = False) -> str:
        if not value:
            return ""
        if isinstance(value, datetime.time):
            localized: Any = value
        else:
            if isinstance(value, str):
                value = _datetime_from_string(value)
            if not isinstance(value, datetime.datetime):
                raise TypeError(f"format_time() expects a time or a datetime, got {type(value).__name__}")
            localized = _localize(value, tz or _field(self.user, "tz") or "UTC")
        lang = self.lang("format_time", lang_code)
        if not time_format or (time_format == "medium" and self._medium_is_lang()):
            time_format = _posix_to_ldml(lang["time_format"])
        elif time_format in NAMED_FORMATS:
            raise RuntimeMissing(f"format_time(time_format={time_format!r}) in {self.series or 'this series'}"
                                 " (babel's locale format)")
        return _ldml(time_format, localized, "format_time", "time_format")

    def format_amount(self, amount: Any, currency: Any, lang_code: Any = False) -> str:
        lang = self.lang("format_amount", lang_code)
        if hasattr(currency, "ensure_one"):
            currency.ensure_one()  # res.currency.round
        rounded = currency_round(amount, currency.rounding)
        text = lang_format(lang, f"%.{currency.decimal_places}f", rounded)
        text = text.replace(" ", NBSP).replace("-", "-" + ZWNBSP)
        symbol = currency.symbol or ""
        if currency.position == "before":
            return f"{symbol}{NBSP}{text}"
        return f"{text}{NBSP}{symbol}"


def format_duration(value: float) -> str:
    """A number of hours as HH:MM (1.5 -> '01:30'), minutes rounded."""
    hours, minutes = divmod(abs(value) * 60, 60)
    minutes = round(minutes)
    if minutes == 60:
        minutes, hours = 0, hours + 1
    return ("-%02d:%02d" if value < 0 else "%02d:%02d") % (hours, minutes)


# -- numbers: res.currency.round, res.lang.format with grouping
def currency_round(value: float, rounding: float) -> float:
    """float_round(value, precision_rounding=rounding), HALF-UP: nudged by one ulp of the
    normalized value, then Python's round, whose int result makes -0.001 come out as 0.0."""
    if rounding == 0 or value == 0:
        return 0.0
    normalized = value / rounding
    epsilon = 2 ** (math.log(abs(normalized), 2) - 52)  # noqa: FURB163 (Odoo's expression, bit for bit)
    return round(normalized + math.copysign(epsilon, normalized)) * rounding


def lang_format(lang: dict[str, Any], percent: str, value: float) -> str:
    formatted = percent % value
    parts = formatted.split(".")
    parts[0] = _intersperse(parts[0], lang["grouping"], lang["thousands_sep"])
    return lang["decimal_point"].join(parts)


def _intersperse(text: str, counts: list[int], separator: str) -> str:
    """res_lang.intersperse: group the digits after any leading sign, from the right."""
    match = re.match(r"([^0-9]*)([^ ]*)(.*)", text)
    left, digits, right = match.groups()  # type: ignore[union-attr]
    groups: list[str] = []
    rest = digits[::-1]
    saved = len(rest)
    for count in counts:
        if not rest or count == -1:
            break
        if count == 0:  # repeat the previous count to the end
            while rest:
                groups.append(rest[:saved])
                rest = rest[saved:]
            break
        groups.append(rest[:count])
        rest, saved = rest[count:], count
    if rest:
        groups.append(rest)
    return left + separator.join(group[::-1] for group in reversed(groups)) + right


# -- dates and times
def _datetime_from_string(value: str) -> datetime.datetime:
    """fields.Datetime.from_string: 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'."""
    if len(value) == DATE_LENGTH:
        return datetime.datetime.strptime(value, "%Y-%m-%d")
    return datetime.datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")


def _context_timestamp(value: datetime.datetime, tz_name: Any) -> datetime.datetime:
    utc = pytz.utc.localize(value, is_dst=False)
    if not tz_name:
        return utc
    try:
        return utc.astimezone(pytz.timezone(tz_name))
    except Exception:  # noqa: BLE001 (Odoo logs an unknown tz and keeps UTC)
        return utc


def _localize(value: Any, tz_name: str) -> datetime.datetime:
    """format_datetime/format_time: a naive UTC datetime moved to tz_name (UTC if unknown)."""
    utc = pytz.utc.localize(value, is_dst=False)  # refuses dates and aware datetimes, as Odoo's
    try:
        return utc.astimezone(pytz.timezone(tz_name))
    except Exception:  # noqa: BLE001 (Odoo keeps UTC for a zone pytz does not know)
        return utc


def _posix_to_ldml(pattern: str) -> str:
    """odoo.tools.posix_to_ldml for the numeric directives; letters outside them are quoted."""
    out: list[str] = []
    literal: list[str] = []
    percent = False
    for char in pattern:
        if percent:
            percent = False
            if char == "%":
                out.append("%")
            elif char in POSIX_TO_LDML:
                out.append(POSIX_TO_LDML[char])
            else:
                raise RuntimeMissing(f"the lang date/time directive %{char} (needs babel's locale data)")
            continue
        if char.isalpha():
            literal.append(char)
            continue
        if literal:
            out.append("'" + "".join(literal) + "'")
            literal = []
        if char == "%":
            percent = True
        else:
            out.append(char.replace("'", "''"))
    if literal:
        out.append("'" + "".join(literal) + "'")
    return "".join(out)


def _ldml(pattern: str, value: Any, helper: str, argument: str) -> str:
    """Write value with an LDML pattern as babel does, for the fields that are plain numbers."""
    out: list[str] = []
    for match in _LDML_TOKEN.finditer(pattern):
        token = match.group(0)
        if token == "''":
            out.append("'")
        elif token.startswith("'"):
            out.append(token[1:-1].replace("''", "'"))
        elif match.group(1):
            out.append(_ldml_field(token, value, helper, argument, pattern))
        else:
            out.append(token)
    return "".join(out)


# LDML letters written as a number (1 or 2 digits) -> the attribute of the date or time
_LDML_NUMBERS = {"M": "month", "d": "day", "H": "hour", "m": "minute", "s": "second"}


def _ldml_field(token: str, value: Any, helper: str, argument: str, pattern: str) -> str:
    letter, width = token[0], len(token)
    if letter == "y":
        return f"{value.year % 100:02d}" if width == 2 else f"{value.year:0{width}d}"
    if width <= 2:
        if letter == "h":
            return f"{value.hour % 12 or 12:0{width}d}"
        if letter in _LDML_NUMBERS:
            return f"{getattr(value, _LDML_NUMBERS[letter]):0{width}d}"
    raise RuntimeMissing(f"{helper}({argument}={pattern!r}): the LDML field {token!r}"
                         " (babel's locale data; only numeric fields are formatted)")
