"""What the records of a data module can name: the series' catalogue and the module's given
dependencies (migrator/schema.py), then what the audited module itself declares.

A field the module declares stays in the residual module when the logic using it moves (the
default; `--fields data` makes it a record instead, migrator/generate/data_fields.py). The
records name it by the xml id Odoo gives every module that declares a field,
`<module>.field_<model>__<field>` (ir_model.py, `_reflect_fields`), and the models the module
defines by `<module>.model_<model>`: the data module then depends on the module, whose residual
keeps its name. A core field the module only redeclares (`tracking=True`, `selection_add`, a
new string) is not the module's: the catalogue's xml id names it and it survives the module.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from migrator.analyze.declarations import field_type
from migrator.analyze.module_facts import ModuleFacts
from migrator.catalogue import FieldInfo
from migrator.model import FieldDecl
from migrator.schema import Schema
from migrator.xmlids import field_xmlid, model_xmlid


def module_models(facts: ModuleFacts, catalogue: Schema) -> tuple[str, ...]:
    """The models the module defines (`_name` without `_inherit` of it) that are neither core
    nor a dependency's."""
    return tuple(dict.fromkeys(c.model for c in facts.model_classes
                               if c.is_new_model and not catalogue.has_model(c.model)))


def module_fields(facts: ModuleFacts, catalogue: Schema) -> dict[tuple[str, str], FieldDecl]:
    """(model, field) -> its declaration, for every field the module adds, in source order:
    neither a field of the series or of a dependency (which the module would only redeclare)
    nor a redefinition (`selection_add`, a relational field without its comodel)."""
    found: dict[tuple[str, str], FieldDecl] = {}
    for c in facts.model_classes:
        for decl in c.fields:
            if decl.redefines or decl.selection_add or catalogue.field(c.model, decl.name) is not None:
                continue
            found.setdefault((c.model, decl.name), decl)
    return found


@dataclass(frozen=True)
class ModuleSchema:
    """The catalogue's and the dependencies' answers, then the module's own models and fields
    (named in `names`: model or (model, field) -> the xml id the data module refers to it by)."""

    catalogue: Schema
    fields: dict[tuple[str, str], FieldDecl]
    models: tuple[str, ...]
    names: dict = field(default_factory=dict)

    @property
    def series(self) -> str:
        return self.catalogue.series

    @property
    def source_series(self) -> str:
        return self.catalogue.source_series

    def has_model(self, model: str) -> bool:
        return self.catalogue.has_model(model) or model in self.models

    def field(self, model: str, name: str) -> FieldInfo | None:
        info = self.catalogue.field(model, name)
        if info is not None:
            return info
        decl = self.fields.get((model, name))
        if decl is None:
            return None
        return FieldInfo(name=name, type=field_type(decl), relation=decl.comodel, xmlid=self.names.get((model, name)))

    def field_types(self, model: str) -> Mapping[str, str]:
        """The model's fields and their types, as `field` answers (looked up by name)."""
        return FieldTypes(self, model)

    def field_xmlid(self, model: str, name: str) -> str | None:
        info = self.field(model, name)
        return info.xmlid if info else None

    def model_xmlid(self, model: str) -> str | None:
        return self.catalogue.model_xmlid(model) or self.names.get(model)

    def no_model(self, model: str) -> str:
        """Why `model` has no xml id (migrator/schema.py says where it was looked for)."""
        return self.catalogue.no_model(model)

    def no_field(self, model: str, name: str) -> str:
        return self.catalogue.no_field(model, name)



class FieldTypes(Mapping[str, str]):
    """A model's field types: the catalogue's, the given dependencies', the module's own. Looked
    up by name; listing gives the catalogue's and the module's (the dependencies' are only
    found by name)."""

    def __init__(self, schema: ModuleSchema, model: str) -> None:
        self.schema, self.model = schema, model

    def __getitem__(self, name: str) -> str:
        info = self.schema.field(self.model, name)
        if info is None:
            raise KeyError(name)
        return info.type

    def __iter__(self) -> Iterator[str]:
        own = (name for model, name in self.schema.fields if model == self.model)
        return iter(dict.fromkeys([*self.schema.catalogue.catalogue.fields(self.model), *own]))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def staying_schema(facts: ModuleFacts, catalogue: Schema) -> ModuleSchema:
    """The module's fields and models named where they stay: in the (residual) module."""
    module = facts.addon.name
    fields = module_fields(facts, catalogue)
    models = module_models(facts, catalogue)
    names: dict = {key: field_xmlid(module, *key) for key in fields}
    names.update({m: model_xmlid(module, m) for m in models})
    return ModuleSchema(catalogue, fields, models, names)


def names_used(code: str | None, values: Iterable[str] = ()) -> set[str]:
    """Attribute names and string constants of action code, and the names given: what the
    moved logic may name of a model (a superset: the field names are looked up in it)."""
    found = set(values)
    if code:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Attribute):
                found.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found
