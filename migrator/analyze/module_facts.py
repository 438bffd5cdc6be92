"""Everything the analyzer learned about one addon, and the lookups rules need on it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from migrator.analyze.js_facts import JsCall
from migrator.analyze.python_facts import ClassFacts, MethodFacts, PyFileFacts
from migrator.analyze.xml_facts import XmlFileFacts
from migrator.model import Addon, Cron, Finding, XmlRecord


# xml ids inside eval'd Python (`ref('m.x')`) and inside arch text (`%(m.action_x)d`)
_EMBEDDED_REF = re.compile(r"""\bref\(\s*['"]([\w.]+)['"]|%\(([\w.]+)\)[ds]""")
# Attributes of shortcut tags (<menuitem>, <act_window>) that hold xml ids as plain text.
_ID_ATTRIBUTES = ("parent", "action", "groups", "groups_id")


@dataclass(frozen=True)
class FileLines:
    """Lines of one file as Odoo's counter counts them; `numbers` when spans can be subtracted."""

    count: int
    numbers: frozenset[int] | None = None


@dataclass(frozen=True)
class ModuleFacts:
    addon: Addon
    py_files: tuple[PyFileFacts, ...]
    xml_files: tuple[XmlFileFacts, ...]
    lines: dict[str, FileLines]  # counted files only (Odoo's exclusions applied)
    access_rules: tuple[str, ...]  # files holding ir.model.access rows
    assets: tuple[str, ...]  # static js/css/scss
    findings: tuple[Finding, ...]
    js_calls: tuple[JsCall, ...] = ()  # static/src JavaScript calling model methods by name
    has_content: bool = True  # any file besides the manifest with something in it
    # a file that could not be analyzed hides behaviour: the module cannot be judged safely
    fatal: bool = False

    @cached_property
    def classes(self) -> tuple[ClassFacts, ...]:
        return tuple(c for f in self.py_files for c in f.classes)

    @cached_property
    def model_classes(self) -> tuple[ClassFacts, ...]:
        return tuple(c for c in self.classes if c.kind in ("model", "transient", "abstract") and c.model)

    @cached_property
    def methods(self) -> tuple[MethodFacts, ...]:
        return tuple(m for c in self.model_classes for m in c.methods)

    @cached_property
    def own_method_names(self) -> frozenset[str]:
        """Names of every method the module defines (on any model)."""
        return frozenset(m.name for m in self.methods)

    @cached_property
    def custom_method_names(self) -> frozenset[str]:
        """Methods only this module has: those that call super() override one Odoo (or another
        module) defines, so calling them still works once the module is gone."""
        return frozenset(m.name for m in self.methods if not m.calls_super)

    @cached_property
    def own_fields(self) -> dict[str, frozenset[str]]:
        """model -> fields the module declares on it (they vanish when it is uninstalled)."""
        found: dict[str, set[str]] = {}
        for c in self.model_classes:
            found.setdefault(c.model, set()).update(f.name for f in c.fields)
        return {m: frozenset(f) for m, f in found.items()}

    @cached_property
    def extended_selections(self) -> dict[str, frozenset[str]]:
        """model -> selection fields of other modules this one only extends (`selection_add`)."""
        found: dict[str, set[str]] = {}
        for c in self.model_classes:
            found.setdefault(c.model, set()).update(f.name for f in c.fields if f.selection_add)
        return {m: frozenset(f) for m, f in found.items()}

    @cached_property
    def records(self) -> tuple[XmlRecord, ...]:
        return tuple(r for f in self.xml_files for r in f.records)

    @cached_property
    def xml_refs(self) -> dict[str, tuple[str, ...]]:
        """Other modules' xml ids the XML data names: module -> ids, sorted (what it uses of them)."""
        own = self.addon.name
        found: dict[str, set[str]] = {}
        for rec in self.records:
            ids = [rec.xmlid] if "." in rec.xmlid else []  # a record of another module, changed here
            for key, value in rec.fields.items():
                if value.startswith("ref:"):
                    ids.append(value[4:])
                elif "ref(" in value or "%(" in value:
                    ids += [a or b for a, b in _EMBEDDED_REF.findall(value)]
                elif key in _ID_ATTRIBUTES and rec.model in ("ir.ui.menu", "ir.actions.act_window"):
                    ids += [v.strip().lstrip("-") for v in value.split(",")]
            for xmlid in ids:
                module, dot, _ = xmlid.partition(".")
                if dot and module != own:
                    found.setdefault(module, set()).add(xmlid)
        return {m: tuple(sorted(v)) for m, v in sorted(found.items())}

    @cached_property
    def crons(self) -> tuple[Cron, ...]:
        return tuple(c for f in self.xml_files for c in f.crons)

    @cached_property
    def known_models(self) -> frozenset[str]:
        return frozenset(c.model for c in self.model_classes)

    @cached_property
    def imports(self) -> dict[str, dict[str, str]]:
        """file -> its imports (local name -> dotted origin)."""
        return {f.rel: f.imports for f in self.py_files}

    def file_facts(self, rel: str) -> PyFileFacts | None:
        return next((f for f in self.py_files if f.rel == rel), None)

    @property
    def lines_total(self) -> int:
        return sum(fl.count for fl in self.lines.values())
