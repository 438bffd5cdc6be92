"""The models and fields an addon declares, read off its Python (parsed, never imported).

What a dependency brings to the addons that depend on it (migrator/schema.py): for each model
class, the model, whether the class declares it (`_name`), what it inherits from, and its
fields with their type, comodel and literal selection keys. Read once per addon and process.
"""

from __future__ import annotations

import ast
import warnings
from dataclasses import dataclass
from functools import lru_cache

from migrator.analyze.files import NOT_LOADED, iter_source_files, read_text
from migrator.analyze.python_facts import python_file_facts
from migrator.model import Addon, FieldDecl, Finding

# Odoo's type names of the field classes whose name does not say it in lower case.
_TYPES = {"Image": "binary", "Many2oneReference": "many2one_reference",
          "PropertiesDefinition": "properties_definition"}


@dataclass(frozen=True)
class DeclaredClass:
    model: str
    declares: bool  # `_name` names a model the class does not also inherit: it is new here
    parents: tuple[str, ...]  # `_inherit` besides the model itself, and `_inherits` targets
    fields: tuple[FieldDecl, ...]


@dataclass(frozen=True)
class Declarations:
    module: str
    classes: tuple[DeclaredClass, ...]  # in file order, as the addon's imports usually load them


def field_type(decl: FieldDecl) -> str:
    """Odoo's type name (`many2one`, `char`) of a declared field (`Many2one`, `Char`)."""
    return _TYPES.get(decl.type, decl.type.lower())


def declarations(addon: Addon) -> Declarations:
    return _read(addon.path, addon.name)


@lru_cache(maxsize=512)
def _read(path: str, name: str) -> Declarations:
    classes: list[DeclaredClass] = []
    for src in iter_source_files(path):
        if isinstance(src, Finding) or src.ext != ".py" or src.rel.startswith(NOT_LOADED):
            continue  # a Finding (walking problem), or not Python that Odoo loads
        text, _ = read_text(src)
        if not text:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                tree = ast.parse(text, filename=src.rel)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # the dependency's own audit reports it
        for cls in python_file_facts(src.rel, tree).classes:
            if cls.kind not in ("model", "transient", "abstract") or not cls.model:
                continue
            parents = tuple(p for p in (*cls.inherit, *cls.inherits) if p != cls.model)
            classes.append(DeclaredClass(cls.model, cls.is_new_model, parents, cls.fields))
    return Declarations(name, tuple(classes))
