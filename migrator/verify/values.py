"""Scenario values -> ORM values in one run: `"@name"` is a scenario record's id in that run,
`{xmlid: module.name}` a record's id by xml id, `{today: N}` / `{now: N}` the run's clock
moved N days (a date / a datetime), a list of `"@name"` on an x2many sets those records."""

from __future__ import annotations

import datetime
from typing import Any

from migrator.errors import UsageError


def resolve(env: Any, model: str, values: dict[str, Any], ids: dict[str, tuple[str, int]]) -> dict[str, Any]:
    fields = env[model]._fields
    resolved = {}
    for name, value in values.items():
        field = fields.get(name)
        if field is None:
            raise UsageError(f"scenario: model {model} has no field {name!r}")
        resolved[name] = _value(env, field, value, ids)
    return resolved


def _value(env: Any, field: Any, value: Any, ids: dict[str, tuple[str, int]]) -> Any:
    if isinstance(value, list) and field.type in ("many2many", "one2many"):
        return [(6, 0, [_value(env, field, item, ids) for item in value])]
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
            return env.clock.today() + datetime.timedelta(days=int(value["today"]))
        if set(value) == {"now"}:
            return env.clock.now() + datetime.timedelta(days=int(value["now"]))
        raise UsageError(f"scenario: value {value!r}: use {{xmlid: ...}}, {{today: N}} or {{now: N}}")
    return value
