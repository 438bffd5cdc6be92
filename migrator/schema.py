"""The models and fields a data module can name, with their xml ids: the schema catalogue of
the series, then what the given addons the module depends on declare.

A model the catalogue lacks is known when one of the dependencies (migrator/discover/
dependencies.py) declares it (`_name`); a field when the catalogue has it, when a dependency
declares it on that model, or when the model is a dependency's and the field comes with it
(Odoo's magic fields, fields of the models it inherits). Their xml ids are those Odoo gives
them (migrator/xmlids.py): of the module that declares the model, or the field, or that
brought the field in by inheritance. When a name is unknown, the sentence says where it was
looked for and which dependency was not given.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property

from migrator.analyze.declarations import declarations, field_type
from migrator.catalogue import Catalogue, FieldInfo
from migrator.discover.dependencies import NO_DEPENDENCIES, Dependencies
from migrator.model import FieldDecl
from migrator.xmlids import field_xmlid, model_xmlid

# Fields every model with a table has (Odoo's MAGIC_COLUMNS and LOG_ACCESS_COLUMNS).
_MAGIC = {"id": ("integer", None), "create_uid": ("many2one", "res.users"), "create_date": ("datetime", None),
          "write_uid": ("many2one", "res.users"), "write_date": ("datetime", None),
          "display_name": ("char", None)}


@dataclass
class _Model:
    """A model as the dependencies leave it."""

    owner: str | None = None  # the dependency that declares it (None: the catalogue's, or unknown)
    fields: dict[str, FieldInfo] = field(default_factory=dict)  # those the dependencies declare
    parents: list[tuple[str, str]] = field(default_factory=list)  # (inherited model, module bringing it)


class Schema:
    """Read-only queries, as Catalogue answers them, over the catalogue and the dependencies."""

    def __init__(self, catalogue: Catalogue, dependencies: Dependencies = NO_DEPENDENCIES,
                 own_models: frozenset[str] = frozenset()) -> None:
        self.catalogue = catalogue
        self.dependencies = dependencies
        self.own_models = own_models  # the models the module itself declares: no dependency has them
        self.series = catalogue.series
        self.source_series = catalogue.source_series

    @cached_property
    def _declared(self) -> dict[str, _Model]:
        models: dict[str, _Model] = {}
        for addon in self.dependencies.addons:  # load order: the first to declare a name wins
            for cls in declarations(addon).classes:
                entry = models.setdefault(cls.model, _Model())
                if cls.declares and entry.owner is None and not self.catalogue.has_model(cls.model):
                    entry.owner = addon.name
                entry.parents += [(parent, addon.name) for parent in cls.parents]
                for decl in cls.fields:
                    if decl.name not in entry.fields and not decl.redefines:
                        entry.fields[decl.name] = _info(decl, field_xmlid(addon.name, cls.model, decl.name),
                                                        addon.name)
        return models

    # ------------------------------------------------------------------ queries

    def has_model(self, model: str) -> bool:
        if self.catalogue.has_model(model):
            return True
        entry = self._declared.get(model)
        return entry is not None and entry.owner is not None

    def model_xmlid(self, model: str) -> str | None:
        xmlid = self.catalogue.model_xmlid(model)
        if xmlid:
            return xmlid
        entry = self._declared.get(model)
        return model_xmlid(entry.owner, model) if entry and entry.owner else None

    def field(self, model: str, name: str) -> FieldInfo | None:
        return self._field(model, name, set())

    def field_xmlid(self, model: str, name: str) -> str | None:
        info = self.field(model, name)
        return info.xmlid if info else None

    def _field(self, model: str, name: str, seen: set[str]) -> FieldInfo | None:
        seen.add(model)
        info = self.catalogue.field(model, name)
        if info is not None and info.xmlid:
            return info
        entry = self._declared.get(model)
        if entry is None:
            return info
        if name in entry.fields:
            return entry.fields[name]
        if entry.owner and name in _MAGIC:
            kind, relation = _MAGIC[name]
            return FieldInfo(name, kind, relation, store=name != "display_name",
                             xmlid=field_xmlid(entry.owner, model, name), modules=(entry.owner,))
        for parent, module in entry.parents:
            inherited = None if parent in seen else self._field(parent, name, seen)
            if inherited is not None:
                # the module declaring the model owns all its fields; else the one inheriting
                owner = entry.owner or module
                return dataclasses.replace(inherited, xmlid=field_xmlid(owner, model, name), modules=(owner,))
        return info

    # ----------------------------------------------------------------- refusals

    def no_model(self, model: str) -> str:
        """Why `model` has no xml id: one sentence naming where it was looked for."""
        if model in self.own_models:
            return (f"model {model} has no xml id in the catalogue of Odoo {self.series}: the module declares "
                    "it itself, and it goes with the module")
        return (f"model {model} has no xml id in the catalogue of Odoo {self.series}"
                + self._where() + self._hint())

    def no_field(self, model: str, name: str) -> str:
        return (f"field {model}.{name} is not in the schema catalogue used for Odoo {self.series} "
                f"(read off {self.source_series})" + self._where(declared=True) + self._hint())

    def _where(self, declared: bool = False) -> str:
        names = self.dependencies.names
        if not names:
            return ""
        what = "declared by" if declared else "among the models of"
        return f" nor {what} the given addons it depends on ({', '.join(names)})"

    def _hint(self) -> str:
        deps = self.dependencies
        custom = [n for n in deps.missing if n not in deps.core_missing]
        parts = []
        if custom:
            one = len(custom) == 1
            parts.append(f"the module depends on {', '.join(custom)}, which {'was' if one else 'were'} not given: "
                         f"give the folder holding {'it' if one else 'them'} with --addons-path (or audit "
                         f"{'it' if one else 'them'} together)")
        if deps.core_missing:
            one = len(deps.core_missing) == 1
            parts.append(f"{', '.join(deps.core_missing)}, Odoo's own, {'is' if one else 'are'} not in the "
                         "catalogue: give Odoo's addons folder with --addons-path")
        return "; " + "; ".join(parts) if parts else ""


def _info(decl: FieldDecl, xmlid: str, module: str) -> FieldInfo:
    return FieldInfo(decl.name, field_type(decl), relation=decl.comodel, store=decl.compute is None
                     and decl.related is None, selection=decl.selection_values, related=decl.related,
                     compute=decl.compute is not None, xmlid=xmlid, modules=(module,))
