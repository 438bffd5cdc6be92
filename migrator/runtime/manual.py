"""Custom ("manual") models and fields made from their records, as Odoo's ir_model.py makes
them: an `ir.model` row of state manual is a model (`_add_manual_models`: its name, label,
order, and the mail mixins its `is_mail_thread` / `is_mail_activity` flags add), an
`ir.model.fields` row of state manual a field of its model (`_add_manual_fields` /
`_instanciate_attrs`), an `ir.default` without user, company or condition the default a new
record takes. Odoo does this whenever those records change (it sets the registry up again);
the data loader calls `reflect` when a data file has changed them (runtime/data_loader.py).

A compute is the field's code run as Odoo 16.0-19.0's `make_compute` runs it: safe_eval in exec
mode with `self` (the records) and the `datetime`, `dateutil` and `time` of safe_eval, and the
field's `depends` (comma-separated paths). Types the runtime cannot hold are refused by name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from migrator.runtime import compute, fields
from migrator.runtime.action_sandbox import DATETIME, TIME, _dateutil, run_action_code
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.odoo_shim import models

# The records that define custom models and fields: loading one calls for `reflect`.
RECORD_MODELS = frozenset({"ir.model", "ir.model.fields", "ir.model.fields.selection", "ir.default"})
# Models that need a table besides the registry's base ones when a data module makes custom fields
# (the copy of the values re-points the attachments of a custom model's records).
TABLE_MODELS = ("ir.model.fields.selection", "ir.default", "ir.attachment")
# ttype -> the runtime's field class (the types a custom field can have that the runtime holds)
FIELD_TYPES: dict[str, type[fields.Field]] = {
    "char": fields.Char, "text": fields.Text, "html": fields.Html, "integer": fields.Integer,
    "float": fields.Float, "monetary": fields.Monetary, "boolean": fields.Boolean, "date": fields.Date,
    "datetime": fields.Datetime, "selection": fields.Selection, "many2one": fields.Many2one,
    "one2many": fields.One2many, "many2many": fields.Many2many,
}


def complete(model: str, values: dict[str, Any], env: Any) -> dict[str, Any]:
    """What Odoo fills in itself when a data file creates a custom model (`order` 'id') or
    field: its model's name (from model_id), `store` (default True), `on_delete` (default
    'set null'), `copied` (computed: not for a one2many, a related or a computed field)."""
    if model == "ir.model":
        return {"order": "id", **values}
    if model != "ir.model.fields":
        return values
    values = dict(values)
    if "model" not in values and values.get("model_id"):
        values["model"] = env["ir.model"].browse(values["model_id"]).model
    values.setdefault("store", True)
    if values.get("ttype") == "many2one":
        values.setdefault("on_delete", "set null")
    if "copied" not in values:
        values["copied"] = values.get("ttype") != "one2many" and not (values.get("related") or values.get("compute"))
    return values


def reflect(env: Any) -> list[str]:
    """The registry's custom models and fields made again from the rows of state manual,
    their tables and columns created; the models that changed."""
    env = env(user=1, su=True)
    registry = env.registry
    classes: dict[str, dict[str, Any]] = {}  # model -> class attributes
    for row in env["ir.model"].with_context(active_test=False).search([("state", "=", "manual")]):
        classes[row.model] = _model_attributes(row)
    defaults = _defaults(env)
    for row in env["ir.model.fields"].with_context(active_test=False).search([("state", "=", "manual")]):
        model = row.model_id.model or row.model
        if model not in classes and not registry.has_model(model):
            continue  # Odoo skips a field whose model the registry lacks
        field = _field(row, registry.series, defaults.get(row.id, _NO_DEFAULT))
        classes.setdefault(model, {"_inherit": model})[row.name] = field
    built = [type(_class_name(model), (models.Model,), attributes) for model, attributes in classes.items()]
    return registry.set_manual(built, env.cr.connection)


def _model_attributes(row: Any) -> dict[str, Any]:
    """ir_model.py `_instanciate` (base), with mail's parents (mail/models/ir_model.py)."""
    attributes: dict[str, Any] = {"_name": row.model, "_description": row.name or row.model,
                                  "_order": row.order or "id", "_transient": bool(row.transient)}
    parents = [parent for flag, parent in (("is_mail_thread", "mail.thread"), ("is_mail_activity", "mail.activity.mixin"))
               if flag in row._fields and row[flag]]
    if "is_mail_blacklist" in row._fields and row["is_mail_blacklist"]:
        raise RuntimeMissing(f"custom model {row.model} with is_mail_blacklist")
    if parents:
        attributes["_inherit"] = parents
    return attributes


_NO_DEFAULT = object()


def _defaults(env: Any) -> dict[int, Any]:
    """ir.default values that apply to every new record, by field id (json_value decoded)."""
    if "ir.default" not in env.registry.tables:
        return {}
    found = {}
    for row in env["ir.default"].search([]):
        if row.user_id or row.company_id or row.condition:
            raise RuntimeMissing(f"ir.default of {row.field_id.model}.{row.field_id.name} for a user, "
                                 "a company or a condition")
        found[row.field_id.id] = json.loads(row.json_value)
    return found


def _field(row: Any, series: str, default: Any) -> fields.Field:
    """ir_model.py `_instanciate_attrs` for one custom field."""
    where = f"{row.model_id.model or row.model}.{row.name}"
    cls = FIELD_TYPES.get(row.ttype)
    if cls is None:
        raise RuntimeMissing(f"a custom field of type {row.ttype} ({where})")
    args: dict[str, Any] = {
        "string": row.field_description, "help": row.help or False, "index": bool(row.index),
        "copy": bool(row.copied), "related": row.related or None, "required": bool(row.required),
        "readonly": bool(row.readonly), "store": bool(row.store),
    }
    if "tracking" in row._fields and row.tracking:  # mail's ir.model.fields.tracking
        args["tracking"] = row.tracking
    if row.ttype in ("char", "text", "html"):
        if row.translate:
            args["translate"] = True
        if row.ttype == "char" and row.size:
            args["size"] = row.size
    elif row.ttype == "selection":
        args["selection"] = [(s.value, s.name) for s in row.selection_ids.sorted(lambda s: (s.sequence, s.id))]
    elif row.ttype == "many2one":
        args.update(comodel_name=row.relation, ondelete=row.on_delete or "set null")
    elif row.ttype == "one2many":
        args.update(comodel_name=row.relation, inverse_name=row.relation_field)
    elif row.ttype == "many2many":
        table, column1, column2 = _many2many_names(row)
        args.update(comodel_name=row.relation, relation=row.relation_table or table,
                    column1=row.column1 or column1, column2=row.column2 or column2)
    elif row.ttype == "monetary" and "currency_field" in row._fields and row.currency_field:
        args["currency_field"] = row.currency_field
    if row.compute:
        args["compute"] = make_compute(row.compute, row.depends or "", series)
    if default is not _NO_DEFAULT:
        args["default"] = default
    if not args["related"]:
        del args["related"]
    field = cls(**args)
    field.check_supported()
    return field


def _many2many_names(row: Any) -> tuple[str, str, str]:
    """ir_model.py `_custom_many2many_names`: `x_<table1>_<table2>_rel` (sorted), with
    `<table>_id` columns (`id1`, `id2` on one table)."""
    table1 = (row.model_id.model or row.model).replace(".", "_")
    table2 = (row.relation or "").replace(".", "_")
    table = "x_{}_{}_rel".format(*sorted((table1, table2)))
    return (table, "id1", "id2") if table1 == table2 else (table, f"{table1}_id", f"{table2}_id")


def make_compute(code: str, depends: str, series: str) -> Callable[[Any], None]:
    """ir_model.py `make_compute`: the code under safe_eval with `self` and safe_eval's
    `datetime`, `dateutil`, `time`; the paths of `depends` (comma-separated) as api.depends."""
    def compute(self: Any) -> None:
        run_action_code(code, {"datetime": DATETIME, "dateutil": _dateutil(series), "time": TIME, "self": self},
                        series)
    compute._depends = tuple(path.strip() for path in depends.split(",") if path.strip())  # type: ignore[attr-defined]
    return compute


def _class_name(model: str) -> str:
    return "Custom_" + model.replace(".", "_")


def recompute_existing(env: Any) -> None:
    """Odoo computes a new stored computed field on every record its model has when the field
    is created (models.py `_auto_init`): the custom ones, on the records there are now. Only
    the values that differ are written."""
    registry = env.registry
    for cls in registry.manual:
        model = cls.__dict__.get("_name") or cls.__dict__["_inherit"]
        stored = registry.stored_computes(model)
        for name, value in vars(cls).items():
            if not (isinstance(value, fields.Field) and value.compute and name in stored):
                continue
            records = env[model].with_context(active_test=False).search([])
            found = compute.run(records, records._fields[name])[name] if records else {}
            changed = {id_: {name: v} for id_, v in found.items() if records.browse(id_)[name] != v}
            if changed:
                compute.store(records, changed)
                compute.modified(records.browse(sorted(changed)), {name})


class IrModelMethods:
    """ir.model's `_get_id` (base/models/ir_model.py), which the data module's copy of the values
    calls to re-point the activities of a custom model's records."""

    def _get_id(self, name: str) -> Any:
        self.env.cr.execute("SELECT id FROM ir_model WHERE model = %s", (name,))
        row = self.env.cr.fetchone()
        return row and row[0]


def install_manual(registry: Any) -> None:
    """Before the registry builds its models: what custom models and fields need of it."""
    registry.add_mixin(IrModelMethods, lambda model, spec: model == "ir.model")
