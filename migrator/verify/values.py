"""Scenario values -> ORM values in one run: `"@name"` is a scenario record's id in that run,
`{xmlid: module.name}` a record's id by xml id, `{today: N}` / `{now: N}` the run's clock
moved N days (a date / a datetime), a list of `"@name"` on an x2many sets those records.

Standard library only: real Odoo's replay loads this file too (odoo_engine/driver.py)."""

from __future__ import annotations

import datetime
from typing import Any

from migrator.errors import UsageError


def resolve(env: Any, model: str, values: dict[str, Any], ids: dict[str, tuple[str, int]],
            now: datetime.datetime) -> dict[str, Any]:
    """`now`: the run's clock."""
    fields = env[model]._fields
    resolved = {}
    for name, value in values.items():
        field = fields.get(name)
        if field is None:
            raise UsageError(f"scenario: model {model} has no field {name!r}")
        resolved[name] = _value(env, field, value, ids, now)
    return resolved


def _value(env: Any, field: Any, value: Any, ids: dict[str, tuple[str, int]], now: datetime.datetime) -> Any:
    if isinstance(value, list) and field.type in ("many2many", "one2many"):
        return [(6, 0, [_value(env, field, item, ids, now) for item in value])]
    if isinstance(value, str) and value.startswith("@"):
        if value[1:] not in ids:
            raise UsageError(f"scenario: no record named {value[1:]!r} before this step")
        return ids[value[1:]][1]
    if isinstance(value, dict):
        if set(value) == {"xmlid"}:
            record = env.ref(str(value["xmlid"]), raise_if_not_found=False)
            if record is None:
                raise UsageError(f"scenario: no record with xml id {value['xmlid']}")
            return record.id
        if set(value) == {"today"}:
            return now.date() + datetime.timedelta(days=int(value["today"]))
        if set(value) == {"now"}:
            return now + datetime.timedelta(days=int(value["now"]))
        raise UsageError(f"scenario: value {value!r}: use {{xmlid: ...}}, {{today: N}} or {{now: N}}")
    return value
