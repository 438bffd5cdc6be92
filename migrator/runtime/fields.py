"""Field descriptors: what a model declares (`fields.Char(...)`) and how values convert
between Python (record values, as Odoo returns them) and PostgreSQL columns.

A field is both the declaration a module writes and the descriptor that makes `rec.name`
read and `rec.name = v` write. Its `spec()` is the catalogue-shaped dict that tables.py
and domain.py work from.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from migrator.runtime.clock import active_clock
from migrator.runtime.core_data import HTML_SANITIZE
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.html_sanitize import sanitize

if TYPE_CHECKING:
    from migrator.runtime.types import BaseModel, Environment

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"

# Positional arguments of each field class, as Odoo's constructors take them.
_POSITIONAL: dict[str, tuple[str, ...]] = {
    "selection": ("selection", "string"),
    "reference": ("selection", "string"),
    "many2one": ("comodel_name", "string"),
    "one2many": ("comodel_name", "inverse_name", "string"),
    "many2many": ("comodel_name", "relation", "column1", "column2", "string"),
    "float": ("string", "digits"),
    "monetary": ("string", "currency_field"),
}
# Declaration attributes the runtime cannot honour; a field using them is refused.
_REFUSED_ATTRS = ("inverse", "search", "company_dependent")


class Field:
    """Base field. `args` holds what the declaration gave explicitly (merged across
    `_inherit` redefinitions like Odoo does)."""

    type = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        names = _POSITIONAL.get(self.type, ("string",))
        if len(args) > len(names):
            raise TypeError(f"too many positional arguments for a {self.type} field")
        self.args: dict[str, Any] = {**dict(zip(names, args)), **kwargs}
        self.name = ""
        self.model_name = ""
        self._store: bool | None = None

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return f"{self.model_name or '?'}.{self.name} ({self.type})"

    # ------------------------------------------------------------- declaration
    def get(self, attr: str, default: Any = None) -> Any:
        return self.args.get(attr, default)

    @property
    def compute(self) -> str | Callable | None:
        return self.args.get("compute")

    @property
    def related(self) -> str | None:
        return self.args.get("related")

    @property
    def store(self) -> bool:
        if self._store is not None:
            return self._store
        return bool(self.args.get("store", not (self.compute or self.related)))

    def freeze(self) -> None:
        """The declaration is final (the registry built its model): answer `store` at once,
        as every read and write asks it."""
        self._store = None
        self._store = self.store

    @property
    def required(self) -> bool:
        return bool(self.args.get("required"))

    @property
    def comodel_name(self) -> str | None:
        return self.args.get("comodel_name")

    def spec(self) -> dict:
        """The catalogue-shaped description of this field."""
        spec: dict[str, Any] = {"type": self.type, "store": self.store}
        if self.required:
            spec["required"] = True
        if self.compute or self.related or self.args.get("core_compute"):
            spec["compute"] = True
        if self.related:
            spec["related"] = self.related
        return spec

    def check_supported(self) -> None:
        for attr in _REFUSED_ATTRS:
            if self.args.get(attr):
                raise RuntimeMissing(f"field attribute {attr}= ({self})")

    # -------------------------------------------------------------- descriptor
    def __get__(self, record: BaseModel | None, owner: type) -> Any:
        if record is None:
            return self
        return record._get_value(self)

    def __set__(self, record: BaseModel, value: Any) -> None:
        record._set_value(self, value)

    # -------------------------------------------------------------- conversion
    def null(self, env: Environment) -> Any:
        """The value of an empty field, as Odoo returns it."""
        return False

    def to_column(self, value: Any) -> Any:
        """A Python value as the column stores it."""
        return None if value is False or value is None else value

    def to_record(self, value: Any, env: Environment) -> Any:
        """A column value as Odoo's field returns it."""
        return self.null(env) if value is None else value

    def to_read(self, value: Any) -> Any:
        """A record value as `read()` returns it."""
        return value


class Boolean(Field):
    type = "boolean"

    def to_column(self, value: Any) -> Any:
        return bool(value)

    def to_record(self, value: Any, env: Environment) -> Any:
        return bool(value)


class Integer(Field):
    type = "integer"

    def null(self, env: Environment) -> Any:
        return 0

    def to_column(self, value: Any) -> Any:
        return int(value or 0)


class Float(Field):
    type = "float"

    def null(self, env: Environment) -> Any:
        return 0.0

    def to_column(self, value: Any) -> Any:
        return float(value or 0.0)

    def to_record(self, value: Any, env: Environment) -> Any:
        return 0.0 if value is None else float(value)

    def spec(self) -> dict:
        return {**super().spec(), **({"digits": self.args["digits"]} if self.args.get("digits") else {})}


class Monetary(Float):
    type = "monetary"


class Char(Field):
    type = "char"

    def to_column(self, value: Any) -> Any:
        return None if value is False or value is None else str(value)


class Text(Char):
    type = "text"


class Html(Char):
    """Written values are stored as Odoo's sanitizer leaves them (runtime/html_sanitize.py),
    with the field's options: a module's declaration, or core_data.HTML_SANITIZE."""

    type = "html"
    OPTIONS = ("sanitize_attributes", "sanitize_style")
    UNSUPPORTED = {"sanitize_tags": True, "sanitize_form": True, "strip_style": False, "strip_classes": False,
                   "sanitize_overridable": False, "sanitize_conditional_comments": True}

    def to_record(self, value: Any, env: Environment) -> Any:
        """Odoo returns HTML as Markup: templates insert it unescaped."""
        return Markup(value) if isinstance(value, str) else super().to_record(value, env)

    def to_column(self, value: Any) -> Any:
        value = super().to_column(value)
        options = self._sanitize_options()
        if value is None or options is None:
            return value
        return sanitize(value, f"{self.model_name}.{self.name}", **options)

    def _sanitize_options(self) -> dict[str, bool] | None:
        if self.args.get("core"):
            return HTML_SANITIZE.get((self.model_name, self.name), {})
        if not self.args.get("sanitize", True):
            return None
        if self.args.get("sanitize") == "email_outgoing":
            raise RuntimeMissing(f"an HTML field sanitized as email_outgoing ({self})")
        for name, default in self.UNSUPPORTED.items():
            if self.args.get(name, default) != default:
                raise RuntimeMissing(f"an HTML field sanitized with {name}={self.args[name]!r} ({self})")
        return {name: self.args[name] for name in self.OPTIONS if name in self.args}


class Selection(Field):
    type = "selection"

    def spec(self) -> dict:
        return {**super().spec(), "selection": self.selection_pairs()}

    def selection_pairs(self) -> list:
        selection = self.args.get("selection") or []
        if callable(selection) or isinstance(selection, str):
            raise RuntimeMissing(f"a selection given by a method ({self})")
        return [list(pair) for pair in selection]


class Date(Field):
    type = "date"

    def to_column(self, value: Any) -> Any:
        return Date.to_date(value) or None

    # Odoo's static helpers (odoo.fields.Date)
    @staticmethod
    def today(*args: Any) -> datetime.date:
        return active_clock().today()

    @staticmethod
    def context_today(record: Any = None, timestamp: Any = None) -> datetime.date:
        # the replay users have no time zone: their day is the UTC day
        return Datetime.to_datetime(timestamp).date() if timestamp else active_clock().today()

    @staticmethod
    def to_date(value: Any) -> datetime.date | None:
        if not value:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        return datetime.datetime.strptime(str(value)[:10], DATE_FORMAT).date()

    @staticmethod
    def to_string(value: Any) -> str | bool:
        return value.strftime(DATE_FORMAT) if value else False

    @staticmethod
    def add(value: Any, *args: Any, **kwargs: Any) -> Any:
        return value + relativedelta(*args, **kwargs)

    @staticmethod
    def subtract(value: Any, *args: Any, **kwargs: Any) -> Any:
        return value - relativedelta(*args, **kwargs)

    @staticmethod
    def start_of(value: Any, granularity: str) -> Any:
        raise RuntimeMissing("fields.Date.start_of")

    @staticmethod
    def end_of(value: Any, granularity: str) -> Any:
        raise RuntimeMissing("fields.Date.end_of")


class Datetime(Field):
    type = "datetime"

    def to_column(self, value: Any) -> Any:
        return Datetime.to_datetime(value) or None

    @staticmethod
    def now(*args: Any) -> datetime.datetime:
        return active_clock().now()

    @staticmethod
    def today(*args: Any) -> datetime.datetime:
        return datetime.datetime.combine(active_clock().today(), datetime.time())

    @staticmethod
    def context_timestamp(record: Any, timestamp: datetime.datetime) -> datetime.datetime:
        # users have no time zone in the replay: Odoo then keeps UTC
        return timestamp.replace(tzinfo=datetime.timezone.utc)

    @staticmethod
    def to_datetime(value: Any) -> datetime.datetime | None:
        if not value:
            return None
        if isinstance(value, datetime.datetime):
            if value.tzinfo:
                raise ValueError(f"Datetime field expects a naive datetime: {value}")
            return value.replace(microsecond=0)
        if isinstance(value, datetime.date):
            return datetime.datetime.combine(value, datetime.time())
        text = str(value)
        if len(text) == 10:
            return datetime.datetime.strptime(text, DATE_FORMAT)
        return datetime.datetime.strptime(text[:19], DATETIME_FORMAT)

    @staticmethod
    def to_string(value: Any) -> str | bool:
        return value.strftime(DATETIME_FORMAT) if value else False

    add = Date.add
    subtract = Date.subtract


class Many2oneReference(Integer):
    """The id of a record whose model another field names (`model_field`), as
    mail.message's res_id / model."""

    type = "many2one_reference"

    def spec(self) -> dict:
        return {**super().spec(), "model_field": self.args.get("model_field")}


class Binary(Field):
    type = "binary"

    def spec(self) -> dict:
        return {**super().spec(), "attachment": self.args.get("attachment", True)}


class Image(Binary):
    pass


class Json(Field):
    type = "json"


class _Relational(Field):
    def check_supported(self) -> None:
        super().check_supported()
        if not self.comodel_name:
            # Odoo reads a related field's comodel off its path; the runtime does not
            raise RuntimeMissing(f"a relational field without comodel_name ({self})" if self.related
                                 else f"{self}: a relational field needs a comodel_name")

    def spec(self) -> dict:
        return {**super().spec(), "relation": self.comodel_name}

    def null(self, env: Environment) -> Any:
        return env[self.comodel_name]


class Many2one(_Relational):
    type = "many2one"

    def spec(self) -> dict:
        spec = super().spec()
        if self.args.get("ondelete"):
            spec["ondelete"] = self.args["ondelete"]
        return spec

    def to_column(self, value: Any) -> Any:
        if isinstance(value, tuple):  # (id, name) as read() returns it
            value = value[0]
        if hasattr(value, "_ids"):
            if len(value) > 1:
                raise ValueError(f"Expected singleton for {self}: {value}")
            return value._ids[0] if value._ids else None
        return int(value) if value else None

    def to_record(self, value: Any, env: Environment) -> Any:
        return env[self.comodel_name].browse(value) if value else env[self.comodel_name]

    def to_read(self, value: Any) -> Any:
        return (value.id, value.display_name) if value else False


class _X2many(_Relational):
    def to_read(self, value: Any) -> Any:
        return list(value._ids)


class One2many(_X2many):
    type = "one2many"

    def spec(self) -> dict:
        return {**super().spec(), "inverse_name": self.args.get("inverse_name")}


class Many2many(_X2many):
    type = "many2many"

    def spec(self) -> dict:
        spec = super().spec()
        for key in ("relation", "column1", "column2"):
            spec["relation_table" if key == "relation" else key] = self.args.get(key)
        return spec


FIELD_CLASSES: dict[str, type[Field]] = {
    cls.type: cls for cls in (Boolean, Integer, Float, Monetary, Char, Text, Html, Selection,
                              Date, Datetime, Binary, Json, Many2one, One2many, Many2many,
                              Many2oneReference)
}


def from_spec(name: str, spec: dict) -> Field:
    """A field object for a catalogue field (a core field the module did not declare)."""
    cls = FIELD_CLASSES.get(spec["type"])
    if cls is None:
        return UnsupportedField(name, spec)
    args: dict[str, Any] = {"store": spec.get("store", True), "required": spec.get("required", False),
                            "core": True}
    for key in ("relation", "inverse_name", "column1", "column2", "related", "digits", "ondelete"):
        if spec.get(key) is not None:
            args["comodel_name" if key == "relation" else key] = spec[key]
    if spec.get("relation_table"):
        args["relation"] = spec["relation_table"]
    if spec.get("selection"):
        args["selection"] = [tuple(pair) for pair in spec["selection"]]
    if spec.get("model_field"):
        args["model_field"] = spec["model_field"]
    if spec.get("related"):
        args["readonly"] = not spec.get("inverse")  # Odoo writes through only the writable ones
    if spec.get("compute"):
        args["core_compute"] = True  # computed by Odoo's own code, which the runtime lacks
    field = cls(**args)
    field.name = name
    return field


def merge(fields: list[Field]) -> Field:
    """One field from successive declarations of the same name (later ones win, like
    Odoo's _setup_attrs; `selection_add` extends the selection)."""
    last = fields[-1]
    args: dict[str, Any] = {}
    for field in fields:
        extra = field.args.get("selection_add")
        args.update({k: v for k, v in field.args.items() if k != "selection_add"})
        if extra:
            args["selection"] = _add_selection(args.get("selection") or [], extra)
    merged = copy.copy(last)
    merged.args = args
    merged._store = None  # the merged declaration decides, not the copied field's answer
    return merged


def _add_selection(selection: list, extra: list) -> list:
    keys = [pair[0] for pair in selection]
    labels = dict((pair[0], pair[1]) for pair in selection)
    for item in extra:
        key = item[0]
        if len(item) > 1:
            labels[key] = item[1]
        if key not in keys:
            keys.append(key)
    return [(key, labels.get(key, key)) for key in keys]


class UnsupportedField(Field):
    """A catalogue field of a type the runtime does not convert (properties, reference...)."""

    def __init__(self, name: str, spec: dict) -> None:
        super().__init__(store=spec.get("store", True))
        self.type = spec["type"]
        self.name = name

    def spec(self) -> dict:
        return {**super().spec(), "type": self.type}

    def to_record(self, value: Any, env: Environment) -> Any:
        raise RuntimeMissing(f"{self.type} field {self}")

    def to_column(self, value: Any) -> Any:
        raise RuntimeMissing(f"{self.type} field {self}")


def plain(value: Any) -> Any:
    """A column value as Python compares it (numeric columns come back as Decimal)."""
    return float(value) if isinstance(value, Decimal) else value
