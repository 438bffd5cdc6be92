"""The fields certainly there wherever the data module installs.

The data module depends on the module it came from (or on that module's own dependencies), so
Odoo installs it only beside the modules the module depends on. A field is there when the
module declares it, when a given dependency declares it, or when the catalogue has it from
one of the Odoo modules those dependencies install (migrator/catalogue.py `module_closure`):
the catalogue was read off a database with more modules installed than any one module needs
(a stock.picking field of sale_stock is not there for a module depending on stock alone).
"""

from __future__ import annotations

from collections.abc import Callable

from migrator.analyze.module_facts import ModuleFacts
from migrator.catalogue import FieldInfo, module_closure
from migrator.discover.manifest import manifest_depends
from migrator.generate.module_schema import ModuleSchema

FieldLookup = Callable[[str, str], FieldInfo | None]


def installed_fields(facts: ModuleFacts, schema: ModuleSchema) -> FieldLookup:
    """(model, field) -> the field when it is there where the data module installs, else None."""
    modules: set[str] = set()  # what installs with the module, read on the first question

    def lookup(model: str, name: str) -> FieldInfo | None:
        info = schema.field(model, name)
        if info is None or not info.modules:
            return info
        if not modules:
            given = schema.catalogue.dependencies.addons
            depends = [*manifest_depends(facts.addon.manifest),
                       *(d for a in given for d in manifest_depends(a.manifest))]
            modules.update(module_closure(schema.series, depends), (a.name for a in given), {facts.addon.name})
        return info if modules & set(info.modules) else None

    return lookup
