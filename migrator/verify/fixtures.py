"""Starting records a generated scenario needs: a value for every field the database
requires of the record under test, and of the records those values point to."""

from __future__ import annotations

from typing import Any

from migrator.runtime import core_data
from migrator.runtime.registry import Registry
from migrator.verify.scenario import Record

# Seeded records used instead of new ones.
SEEDED = {"res.company": "base.main_company", "res.currency": "base.USD"}
# Models whose named starting records are seeded ones, in turn: Odoo checks their names unique
# (a currency's ISO code), so a scenario picks among them rather than making one.
PICKED = {"res.currency": ("base.USD", "base.EUR")}
# Values that make a starting record usable by what replayed code commonly reads.
EXTRA = {"res.partner": {"email": "ann@example.com"}, "res.users": {"email": "sam@example.com"}}


class Fixtures:
    """Collects the starting records of one scenario, one per comodel."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.records: dict[str, Record] = {}
        self.picked: dict[str, dict[str, str]] = {}

    def ref(self, model: str, name: str | None = None, extra: dict[str, Any] | None = None) -> Any:
        """A value pointing at a starting record of `model` (made on first use)."""
        if model in SEEDED and name is None:
            return {"xmlid": SEEDED[model]}
        if model in PICKED:
            picked = self.picked.setdefault(model, {})
            return {"xmlid": picked.setdefault(name or model, PICKED[model][len(picked) % len(PICKED[model])])}
        ref = name or model.replace(".", "_")
        if ref not in self.records:
            values = {**self.required(model), **EXTRA.get(model, {}), **(extra or {})}
            if model == "res.users":
                values["login"] = ref
            self.records[ref] = Record(ref, model, values)
        return f"@{ref}"

    def path(self, model: str, names: tuple[str, ...], root: str | None = None) -> Any:
        """A record of `model`'s comodel at `names[0]` whose own `names[1]` is filled, and so
        on: what code reading `record.team_id.user_id.partner_id` needs to find something. A
        template on the way is one of the records' model (`root`), which the code posts."""
        root = root or model
        field = self.registry.model_class(model)._fields[names[0]]
        comodel = field.comodel_name
        rest = names[1:]
        fields = self.registry.model_class(comodel)._fields
        extra = {rest[0]: self.path(comodel, rest, root)} if rest and rest[0] in fields \
            and fields[rest[0]].type == "many2one" and fields[rest[0]].store else {}
        if comodel == "mail.template":
            extra["model_id"] = {"xmlid": self.registry.model_xmlid(root)}
        return self.ref(comodel, "_".join((model.replace(".", "_"), *names)) if extra or comodel not in SEEDED
                        else None, extra)

    def required(self, model: str) -> dict[str, Any]:
        """Values for the required fields that have no default: what a caller must give."""
        cls = self.registry.model_class(model)
        values: dict[str, Any] = {}
        for parent in cls._inherits:  # the ORM creates the parent from these
            values.update({k: v for k, v in self.required(parent).items() if k not in cls._fields
                           or cls._fields[k].related or not cls._fields[k].store})
        defaults = core_data.DEFAULTS.get(model, {})
        spec = self.registry.table_spec(model)["fields"]
        for name, field in cls._fields.items():
            if not spec.get(name, {}).get("required") or name in defaults or name in cls._inherits.values() \
                    or name == "id" or field.get("default") is not None:
                continue
            if field.comodel_name == "ir.model":
                values[name] = {"xmlid": self.registry.model_xmlid(model)}
            elif field.type == "many2one":
                values[name] = self.ref(field.comodel_name)
            elif field.type in ("char", "text"):
                values[name] = f"{cls._description or model} {name}"
            elif field.type == "selection":
                values[name] = field.get("selection")[0][0]
            elif field.type in ("integer", "float", "monetary"):
                values[name] = 0
            elif field.type == "boolean":
                values[name] = False
        for name, field in cls._fields.items():
            # a required many2one Odoo fills by default, of a comodel given a made-up record
            # above: that record too, since Odoo may check they agree (a product's units of
            # measure, of one category)
            made = [v for k, v in values.items() if k in cls._fields and cls._fields[k].type == "many2one"
                    and cls._fields[k].comodel_name == field.comodel_name and isinstance(v, str)]
            if field.type == "many2one" and name not in values and field.required and field.store and made:
                values[name] = made[0]
        if "name" in cls._fields and "name" not in values and cls._fields["name"].type == "char":
            values["name"] = model.split(".")[-1].title()
        return values
