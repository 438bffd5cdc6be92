"""`verify --fields data`: the data module of `convert --fields data`, whose custom fields and
models (`x_` names) replace the addon's, against the addon.

Run A is the addon as ever. Run B installs the residual (what stays) and the data module; the
starting records of every scenario are made with the addon's fields (the addon without its
moved methods: `keeping_residual`), then the data module is installed over them, as a user
does before uninstalling the addon (replay.py `_install_on_top`), so run B holds the values
the data module copied; the operations then run with its rules. Scenarios name the addon's
fields: run B's names are mapped both ways (renames.py). Besides the units' scenarios, each
model with custom fields gets two (`scenarios`): a record made with the addon, switched, then
written (the copy, the computes as code), and a record created after the switch (the
defaults as ir.default).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migrator.errors import UsageError
from migrator.generate import convert_addon, write_residual
from migrator.generate.convert import Conversion
from migrator.model import Addon
from migrator.runtime.registry import Registry
from migrator.verify.diff import Difference
from migrator.verify.errors import CannotVerify
from migrator.verify.fixtures import Fixtures
from migrator.verify.generate import Probe
from migrator.verify.ported import port_manifest
from migrator.verify.renames import Renames
from migrator.verify.scenario import Record, Scenario, Step

# A value to make the record with, and another to write: per field type.
_VALUES: dict[str, tuple[Any, Any]] = {
    "char": ("A text", "Another text"), "text": ("A text", "Another text"), "html": ("<p>A</p>", "<p>B</p>"),
    "integer": (7, 9), "float": (2.5, 4.0), "monetary": (12.5, 20.0), "boolean": (True, False),
    "date": ({"today": 3}, {"today": 5}), "datetime": ({"now": 2}, {"now": 4}),
}


@dataclass(frozen=True)
class FieldsData:
    conversion: Conversion  # with --fields data: the data module, run B's residual
    names: Renames

    def scenarios(self, registry: Registry, probes: list[Probe]) -> list[Scenario]:
        """Per model with custom fields (the addon's names, `registry` the addon's): made
        with the addon then written, and created after the switch."""
        found = []
        moving = list(self.conversion.data.fields.moving)  # type: ignore[union-attr]
        for model in dict.fromkeys(model for model, _ in moving):
            if not registry.has_model(model):
                continue
            fixtures = Fixtures(registry)
            moved = [name for m, name in moving if m == model]
            first, second = _values(registry, model, moved, fixtures)
            required = fixtures.required(model)
            fields = registry.model_class(model)._fields
            required.update({name: first[name] for name in moved if name in first and name not in required
                             and fields[name].required and "default" not in fields[name].args})
            record = Record("record", model, {**required, **first})
            steps = (Step("write", "record", values=second),) if second else ()
            found.append(_scenario(f"{model}: made with the addon, switched, then written", fixtures,
                                   (record,), steps))
            found.append(_scenario(f"{model}: created after the switch", fixtures, (),
                                   (Step("create", "record", model, required),)))
        return found


def fields_data(addon: Addon, conversion: Conversion, series: str, given: Mapping[str, Addon],
                real_odoo: bool) -> FieldsData:
    """The conversion with --fields data, checked to move the same methods as `conversion`
    (whose plans, in the addon's names, build the scenarios)."""
    if real_odoo:
        raise UsageError("--fields data is verified in the embedded runtime only (without --engine odoo)")
    data = convert_addon(addon, series, fields="data", given=given)
    if data.data is None:
        raise CannotVerify(f"cannot verify --fields data: {addon.name} has no fields or models of its own")
    methods = {_method(plan) for plan, _ in conversion.moved}
    other = {_method(plan) for plan, _ in data.moved}
    if methods != other:
        differing = ", ".join(sorted(".".join(m[1:]) for m in methods ^ other))
        raise CannotVerify(f"cannot verify --fields data: {differing} moves with one choice of --fields only")
    return FieldsData(data, Renames.of(data.data.fields))


def keeping_residual(conversion: Conversion, folder: Path, series: str) -> Path:
    """The addon without the methods that move, its fields kept: what makes the starting
    records (the residual of `convert` without --fields data)."""
    write_residual(conversion, folder)
    path = folder / conversion.addon.name
    port_manifest(path, series)
    return path


def named(differences: list[Difference], names: Renames | None) -> list[Difference]:
    """Each difference with run B's name of its model and field, where they differ."""
    if not names:
        return differences
    return [dataclasses.replace(d, renamed=names.shown(d.model, d.field if d.field not in ("", "outcome") else ""))
            if d.model else d for d in differences]


def _method(plan: Any) -> tuple[str, str, str]:
    return (plan.evidence.file, plan.class_name, plan.method)


def _values(registry: Registry, model: str, moved: list[str], fixtures: Fixtures) -> tuple[dict, dict]:
    """A value of each stored, not computed field that moved, and another one."""
    first: dict[str, Any] = {}
    second: dict[str, Any] = {}
    fields = registry.model_class(model)._fields
    for name in moved:
        field = fields.get(name)
        if field is None or not field.store or field.compute or field.related:
            continue
        if field.type in _VALUES:
            first[name], second[name] = _VALUES[field.type]
        elif field.type == "selection" and field.get("selection"):
            keys = [key for key, _label in field.get("selection")]
            first[name], second[name] = keys[-1], keys[0]
        elif field.type == "many2one" and field.comodel_name:
            first[name] = fixtures.ref(field.comodel_name, f"{name}_a")
            second[name] = fixtures.ref(field.comodel_name, f"{name}_b")
    return first, second


def _scenario(name: str, fixtures: Fixtures, records: tuple[Record, ...], steps: tuple[Step, ...]) -> Scenario:
    return Scenario(name, tuple(fixtures.records.values()) + records, steps, exercises=(name,),
                    kind="fields data")
