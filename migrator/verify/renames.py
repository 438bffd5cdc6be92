"""`verify --fields data`: the names of the addon's fields and models in run A, and of the
custom ones that replace them in run B (`x_` names, migrator/generate/data_fields.py).

Scenarios are written in the addon's names: run B's operations get the custom names
(`model`, `values`); what run B left in the database is read back into the addon's names
before it is labelled and compared (`schema`, `raw`), so both runs are compared field by
field; `shown` gives a difference both names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from migrator.generate.data_fields import DataFields, field_record_id, model_record_id


@dataclass(frozen=True)
class Renames:
    models: dict[str, str] = field(default_factory=dict)  # addon model -> custom model
    fields: dict[tuple[str, str], str] = field(default_factory=dict)  # (addon model, field) -> custom field

    @classmethod
    def of(cls, data: DataFields) -> Renames:
        return cls(dict(data.models), {key: data.new_name(key) for key in data.moving})

    def __bool__(self) -> bool:
        return bool(self.models or self.fields)

    # ------------------------------------------------------------ run B's names
    def model(self, model: str) -> str:
        return self.models.get(model, model)

    def values(self, model: str, values: dict[str, Any]) -> dict[str, Any]:
        """A scenario's values for `model` (addon names) with the custom fields' names."""
        return {self.fields.get((model, name), name): value for name, value in values.items()}

    # ---------------------------------------------------------- back to run A's
    @property
    def _models_back(self) -> dict[str, str]:
        return {new: old for old, new in self.models.items()}

    @property
    def _fields_back(self) -> dict[tuple[str, str], str]:
        return {(self.model(model), new): name for (model, name), new in self.fields.items()}

    def addon_model(self, model: str) -> str:
        return self._models_back.get(model, model)

    def schema(self, schema: dict[str, dict]) -> dict[str, dict]:
        """collect.py's schema of run B in the addon's names (tables stay run B's)."""
        back, fields_back = self._models_back, self._fields_back
        renamed = {}
        for model, spec in schema.items():
            specs = {}
            for name, f in spec["fields"].items():
                if f.get("relation") in back:
                    f = {**f, "relation": back[f["relation"]]}
                specs[fields_back.get((model, name), name)] = f
            renamed[back.get(model, model)] = {**spec, "fields": specs}
        return renamed

    def raw(self, raw: dict[str, Any]) -> dict[str, Any]:
        """collect.py's reading of run B through the renamed `schema` (models already named as
        the addon names them) with the addon's names of the columns, of values naming a
        custom model (mail's `model`, `res_model`) and of the custom records' xml ids."""
        back, fields_back = self._models_back, self._fields_back
        rows = {model: [{fields_back.get((self.model(model), k), k): back.get(v, v) if isinstance(v, str) else v
                         for k, v in row.items()} for row in found]
                for model, found in raw["rows"].items()}
        ids = self._xmlids_back()
        xmlids = [(module, ids.get(name, name), back.get(model, model), res_id)
                  for module, name, model, res_id in raw["xmlids"]]
        return {**raw, "rows": rows, "xmlids": xmlids}

    def text(self, text: str) -> str:
        """An operation's outcome (an error's message) with the addon's names of the custom
        models (their tables in PostgreSQL's messages) and fields."""
        for old, new in self.models.items():
            text = text.replace(f'relation "{new}"', f'relation "{old.replace(".", "_")}"')
            text = re.sub(rf"\b{re.escape(new)}\b", old, text)
        for (_model, name), new in self.fields.items():
            text = re.sub(rf"\b{re.escape(new)}\b", name, text)
        return text

    def ids(self, ids: dict[str, tuple[str, int]]) -> dict[str, tuple[str, int]]:
        return {ref: (self.addon_model(model), id_) for ref, (model, id_) in ids.items()}

    def _xmlids_back(self) -> dict[str, str]:
        """The data module's ids of the custom models and fields -> the addon's own."""
        found = {model_record_id(new): model_record_id(old) for old, new in self.models.items()}
        for (model, name), new in self.fields.items():
            found[field_record_id(self.model(model), new)] = field_record_id(model, name)
        return found

    # -------------------------------------------------------------- the report
    def shown(self, model: str, name: str = "") -> str:
        """Run B's name of `model` / `model.name` (addon names), "" when it is the same."""
        new_model = self.model(model)
        new_name = self.fields.get((model, name), name)
        if (new_model, new_name) == (model, name):
            return ""
        return f"{new_model}.{new_name}" if name else new_model

    def lines(self) -> list[str]:
        """`model -> x_model`, `model.field -> model.x_field`, as the report lists them."""
        return [f"{old} -> {new}" for old, new in self.models.items()] + [
            f"{model}.{name} -> {self.model(model)}.{new}" for (model, name), new in self.fields.items()]
