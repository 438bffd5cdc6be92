"""Check the records of a generated module's XML data files against a target series."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from migrator.catalogue import Catalogue
from migrator.check.code import check_code_field
from migrator.model import Finding
from migrator.series import SeriesFacts

_ROOTS = ("odoo", "openerp")
_REF_CALL = re.compile(r"""\bref\(\s*(['"])([^'"]+)\1\s*\)""")
_PERCENT_REF = re.compile(r"%\(([^)]+)\)[ds]")
# Models whose `code` field is Python run by safe_eval.
_CODE_MODELS = ("ir.actions.server", "ir.cron", "base.automation")
# Views, menus and window actions of core modules are not in the catalogue (it holds no views):
# references to them from these records, in these fields and in a view's arch (`%(...)d`), are
# taken on trust when the module owning them is a core module of the series (the import into a
# real Odoo checks them).
_UI_REFERENCES = {"ir.ui.view": ("inherit_id",), "ir.ui.menu": ("parent", "parent_id", "action"),
                  "ir.actions.act_window": ("view_id", "search_view_id")}
# Selection fields of the action models whose values differ by series: field -> facts attribute.
_SERIES_VALUES = {"state": "action_states", "trigger": "automation_triggers",
                  "evaluation_type": "evaluation_types"}


@dataclass(frozen=True)
class DataFile:
    path: str  # relative to the module folder
    root: etree._Element


@dataclass
class RecordChecker:
    module: str
    series: str
    facts: SeriesFacts
    catalogue: Catalogue
    depends: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)
    defined: set[str] = field(default_factory=set)
    declared: set[str] = field(default_factory=set)  # every id of the module, for ref-forward

    @property
    def custom_depends(self) -> set[str]:
        """Dependencies the catalogue cannot see: whatever they define is taken on trust."""
        return set(self.depends) - self.catalogue.installed_modules

    def _full(self, xmlid: str) -> str:
        return xmlid if "." in xmlid else f"{self.module}.{xmlid}"

    def check(self, files: list[DataFile]) -> list[Finding]:
        self.declared = {
            self._full(el.get("id")) for f in files for el in f.root.iter("record", "template", "menuitem")
            if el.get("id")
        }
        for data in files:
            if data.root.tag not in _ROOTS:
                self.findings.append(Finding("xml-root", f"root element is <{data.root.tag}>, expected <odoo>",
                                             data.path, data.root.sourceline))
                continue
            for element in data.root.iter("record", "template", "menuitem"):
                if element.tag == "record":
                    self._check_record(data.path, element)
                self._define(data.path, element)
        self._check_trigger_states(files)
        return self.findings

    def _check_trigger_states(self, files: list[DataFile]) -> None:
        """base.automation's `_check_trigger_state`: an action state the rule's trigger refuses."""
        triggers: dict[str, str] = {}  # rule's full id -> trigger
        actions: list[tuple[str, str, str, int]] = []  # rule's full id, state, file, line
        for data in files:
            for record in data.root.iter("record"):
                values = {f.get("name"): f for f in record.iterchildren("field")}
                state = (values["state"].text or "").strip() if "state" in values else ""
                if record.get("model") == "base.automation" and record.get("id"):
                    rule = self._full(record.get("id"))
                    triggers[rule] = (values["trigger"].text or "").strip() if "trigger" in values else ""
                    if state:  # 16.0: the rule holds its action's fields itself
                        actions.append((rule, state, data.path, record.sourceline))
                elif record.get("model") == "ir.actions.server" and state \
                        and values.get("base_automation_id") is not None:
                    rule = self._full(values["base_automation_id"].get("ref") or "")
                    actions.append((rule, state, data.path, record.sourceline))
        for rule, state, path, line in actions:
            trigger = triggers.get(rule)
            if trigger and not self.facts.trigger_allows(trigger, state):
                self.findings.append(Finding("trigger-state", (
                    f"automation rule {rule!r} ({trigger}) runs a {state!r} action, which Odoo "
                    f"{self.series} refuses for that trigger"), path, line))

    def _define(self, path: str, element: etree._Element) -> None:
        xmlid = element.get("id")
        if not xmlid:
            return
        full = self._full(xmlid)
        if full in self.defined:
            self.findings.append(Finding("record-duplicate-id", f"xml id {full!r} is defined twice",
                                         path, element.sourceline))
        self.defined.add(full)

    def _check_record(self, path: str, record: etree._Element) -> None:
        model = record.get("model")
        if not model:
            self.findings.append(Finding("record-no-model", "<record> without a model attribute",
                                         path, record.sourceline))
            return
        in_table = self.facts.knows(model)
        if not in_table and not self.catalogue.has_model(model) and not self.custom_depends:
            self.findings.append(Finding("model-unknown", f"model {model!r} does not exist in Odoo {self.series}",
                                         path, record.sourceline))
            return
        for element in record.iterchildren("field"):
            self._check_field(path, model, in_table, element)

    def _check_field(self, path: str, model: str, in_table: bool, element: etree._Element) -> None:
        name = element.get("name") or ""
        line = element.sourceline
        if in_table:
            known = self.facts.accepts(model, name)
        else:
            known = self.catalogue.field(model, name) is not None or bool(self.custom_depends)
        if not known:
            self.findings.append(Finding("field-unknown", f"{model} has no field {name!r} in Odoo {self.series}",
                                         path, line))
            return
        trusted = name in _UI_REFERENCES.get(model, ()) or name == "arch"
        for xmlid in self._refs(element):
            self._check_ref(path, line, xmlid, trusted)
        text = element.text or ""
        if name == "code" and model in _CODE_MODELS and text.strip():
            self.findings.extend(check_code_field(text, self.series, path, line))
        allowed = getattr(self.facts, _SERIES_VALUES.get(name, ""), None)
        if in_table and allowed is not None and text.strip() and text.strip() not in allowed:
            self.findings.append(Finding("field-value", (
                f"{model}.{name} = {text.strip()!r} is not accepted in Odoo {self.series} "
                f"(expected one of: {', '.join(allowed)})"), path, line))

    def _refs(self, element: etree._Element) -> list[str]:
        refs = [element.get("ref")] if element.get("ref") else []
        expression = element.get("eval") or ""
        refs += [m[2] for m in _REF_CALL.finditer(expression)]
        refs += [m[1] for m in _PERCENT_REF.finditer(expression)]
        if element.get("name") == "arch":
            # a button's `name="%(module.action)d"`: Odoo resolves it when it loads the view
            refs += [m[1] for node in element.iterdescendants() if isinstance(node.tag, str)
                     for value in node.attrib.values() for m in _PERCENT_REF.finditer(value)]
        return refs

    def _check_ref(self, path: str, line: int, xmlid: str, ui: bool = False) -> None:
        full = self._full(xmlid)
        owner = full.split(".", 1)[0]
        if full in self.defined:
            return
        if owner == self.module:
            code, why = (("ref-forward", "is defined later; Odoo loads records in manifest order")
                         if full in self.declared else ("ref-unresolved", "is not defined by this module"))
            self.findings.append(Finding(code, f"xml id {full!r} {why}", path, line))
            return
        if self._core_xmlid(full) or owner in self.custom_depends:
            return
        if ui and owner in self.catalogue.installed_modules:
            return
        self.findings.append(Finding("ref-unresolved", (
            f"xml id {full!r} is not a core record of Odoo {self.series} nor owned by a custom "
            "dependency listed in depends"), path, line))

    def _core_xmlid(self, full: str) -> bool:
        """In the catalogue, and for the action models' fields, accepted by this series."""
        name = full.split(".", 1)[1]
        if name.startswith("field_") and "__" in name:
            model_part, field_name = name[len("field_"):].split("__", 1)
            for model in self.facts.fields:
                if model.replace(".", "_") == model_part:
                    return self.facts.accepts(model, field_name)
        return self.catalogue.has_xmlid(full)


def parse_data_file(folder: Path, relpath: str) -> tuple[DataFile | None, Finding | None]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.parse(str(folder / relpath), parser).getroot()
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        return None, Finding("xml-malformed", f"not well-formed XML: {exc.msg}", relpath, line)
    return DataFile(relpath, root), None
