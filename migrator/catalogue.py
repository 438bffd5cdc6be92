"""The schema catalogue: core models, fields and xml ids of a real Odoo database.

The catalogues ship in migrator/data (built by migrator/data/build_catalogue.py from
databases of Odoo 18.0 and 19.0 community with a fixed set of modules installed: the apps
sale, purchase, crm, project, stock, account, hr, fleet, maintenance and what they bring, and
hr_expense, event, mrp, hr_holidays_attendance with theirs); 16.0 and 17.0 use 18.0's with
the field differences of migrator/data/fields-<series>.json.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Series without a catalogue of their own, and the one that stands in for them.
_FALLBACK = {"16.0": "18.0", "17.0": "18.0"}


@dataclass(frozen=True)
class FieldInfo:
    name: str
    type: str  # "many2one", "char", ... as Odoo names them
    relation: str | None = None
    store: bool = True
    required: bool = False
    selection: tuple[str, ...] = ()
    related: str | None = None  # dotted path when the field is related
    compute: bool = False
    inverse_name: str | None = None
    relation_table: str | None = None
    column1: str | None = None
    column2: str | None = None
    xmlid: str | None = None
    modules: tuple[str, ...] = ()  # modules that define or extend the field


class Catalogue:
    """Read-only queries over one series' catalogue."""

    def __init__(self, data: dict, series: str) -> None:
        self.series = series  # the series asked for
        self.source_series: str = data["series"]  # the database it was read off
        self._models: dict = data["models"]
        self._xmlids: dict = data["xmlids"]
        self.installed_modules: frozenset[str] = frozenset(data["installed_modules"])
        self._all_xmlids = frozenset(self._xmlids) | frozenset(
            xmlid
            for spec in self._models.values()
            for xmlid in (spec["xmlid"], *(f.get("xmlid") for f in spec["fields"].values()))
            if xmlid
        )

    def has_model(self, model: str) -> bool:
        return model in self._models

    def models(self) -> list[str]:
        return sorted(self._models)

    def raw_specs(self) -> dict:
        """{model: {"fields": {name: spec}, "inherits": ...}} as packaged, for code that
        builds models from it (the replay registry). Shared: read it, never change it."""
        return self._models

    def field(self, model: str, name: str) -> FieldInfo | None:
        spec = self._models.get(model, {}).get("fields", {}).get(name)
        return None if spec is None else _field_info(name, spec)

    def fields(self, model: str) -> dict[str, FieldInfo]:
        specs = self._models.get(model, {}).get("fields", {})
        return {name: _field_info(name, spec) for name, spec in specs.items()}

    def model_xmlid(self, model: str) -> str | None:
        return self._models.get(model, {}).get("xmlid")

    def model_name(self, model: str) -> str | None:
        """The model's description, as ir.model names it ("Contact" for res.partner)."""
        return self._models.get(model, {}).get("name")

    def field_xmlid(self, model: str, name: str) -> str | None:
        info = self.field(model, name)
        return info.xmlid if info else None

    def has_xmlid(self, xmlid: str) -> bool:
        """True for a record xml id of the database, including model_* and field_* ids."""
        return xmlid in self._all_xmlids

    def xmlid_model(self, xmlid: str) -> str | None:
        """The model of a record xml id listed in the catalogue's xml id table."""
        entry = self._xmlids.get(xmlid)
        return entry["model"] if entry else None

    def tracked(self, model: str) -> frozenset[str]:
        """The fields Odoo tracks on `model` (`tracking=`), which its chatter logs and whose
        `user_id` makes an assignment notification (mail.thread)."""
        return _tracked(self.series).get(model, frozenset())


@lru_cache(maxsize=None)
def _tracked(series: str) -> dict[str, frozenset[str]]:
    """migrator/data/tracked-fields.json: read off databases of each series."""
    data = json.loads((resources.files("migrator") / "data" / "tracked-fields.json").read_text(encoding="utf-8"))
    return {model: frozenset(names) for model, names in data.get(series, data["18.0"]).items()}


def _field_info(name: str, spec: dict) -> FieldInfo:
    return FieldInfo(
        name=name,
        type=spec["type"],
        relation=spec.get("relation"),
        store=spec.get("store", True),
        required=spec.get("required", False),
        selection=tuple(spec.get("selection", ())),
        related=spec.get("related"),
        compute=spec.get("compute", False),
        inverse_name=spec.get("inverse_name"),
        relation_table=spec.get("relation_table"),
        column1=spec.get("column1"),
        column2=spec.get("column2"),
        xmlid=spec.get("xmlid"),
        modules=tuple(spec.get("modules", ())),
    )


@lru_cache(maxsize=None)
def load_catalogue(series: str) -> Catalogue:
    """The catalogue for `series` ("16.0" .. "19.0").

    Only 18.0 and 19.0 were read off real databases. 16.0 and 17.0 use the 18.0
    catalogue for core models: it is the closest real database we have, corrected by
    migrator/data/fields-<series>.json (core fields 18.0 removed or had not yet, read off
    that series' source). Fields of the action models are covered by the per-series table
    in migrator/series.py, which takes precedence over this catalogue.
    """
    source = _FALLBACK.get(series, series)
    data = resources.files("migrator") / "data"
    resource = data / f"catalogue-{source}.json.gz"
    if not resource.is_file():
        raise ValueError(f"no schema catalogue for Odoo series {series!r}")
    catalogue = json.loads(gzip.decompress(resource.read_bytes()))
    overlay = data / f"fields-{series}.json"
    if source != series and overlay.is_file():
        _overlay(catalogue, json.loads(overlay.read_text(encoding="utf-8")))
    _mark_writable_related(catalogue, series, json.loads((data / "related-writable.json").read_text(encoding="utf-8")))
    _name_models(catalogue, series, json.loads((data / "model-names.json").read_text(encoding="utf-8")))
    return Catalogue(catalogue, series)


def _name_models(catalogue: dict, series: str, names: dict) -> None:
    """Each model's description (migrator/data/model-names.json: 18.0's, read off a database,
    with what 16.0 and 17.0 name otherwise; 19.0 as 18.0)."""
    for model, name in {**names["18.0"], **names.get(series, {})}.items():
        if model in catalogue["models"]:
            catalogue["models"][model]["name"] = name


def _mark_writable_related(catalogue: dict, series: str, writable: dict) -> None:
    """`inverse: True` on the related fields Odoo writes through (migrator/data/related-writable.json,
    read off databases of 16.0-18.0; 19.0 uses 18.0's): a related field is read-only unless
    declared otherwise, and Odoo gives only the others an inverse (fields.py
    `_setup_related_full`), so a value written into a read-only one is kept in its cache and
    never stored. Delegated fields (`_inherits`) always write through and are not listed."""
    for model, names in writable.get(series, writable["18.0"]).items():
        fields = catalogue["models"].get(model, {}).get("fields", {})
        for name in names:
            if name in fields:
                fields[name]["inverse"] = True


def _overlay(catalogue: dict, overlay: dict) -> None:
    """The fields a series has and the catalogue standing in for it lacks, and the reverse.

    `overlay` is migrator/data/fields-<series>.json: per model, `added` fields (in the
    catalogue's own format) and `removed` field names, read off that series' source.
    """
    for model, change in overlay["models"].items():
        fields = catalogue["models"][model]["fields"]
        for name in change.get("removed", ()):
            fields.pop(name, None)
        fields.update(change.get("added", {}))


@lru_cache(maxsize=None)
def _module_graph(series: str) -> dict[str, list[str]]:
    graph = json.loads((resources.files("migrator") / "data" / "module-depends.json").read_text(encoding="utf-8"))
    return graph.get(series, graph["18.0"])


def odoo_modules(series: str) -> frozenset[str]:
    """The Odoo modules of the catalogue's databases of the series."""
    graph = _module_graph(series)
    return frozenset(graph) | {d for depends in graph.values() for d in depends}


def module_closure(series: str, depends: list[str]) -> frozenset[str]:
    """The Odoo modules installed with `depends` (and what they depend on), as each
    series' manifests say (migrator/data/module-depends.json, for the modules of the
    catalogue's databases)."""
    graph = _module_graph(series)
    found: set[str] = set()
    todo = list(depends)
    while todo:
        module = todo.pop()
        if module not in found:
            found.add(module)
            todo += graph.get(module, [])
    return frozenset(found | {"base"})
