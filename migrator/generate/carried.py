"""Records of the original module that the actions rely on, re-created in the data module.

Uninstalling a module deletes the records it defined: a mail template, activity type, sequence,
team, project, stage, tag or partner an action uses must exist under the data module's own xml
id first. The records the actions name (in their fields or as `env.ref()` strings in code) are
copied, and the records those reference, transitively. The original XML element is copied as
written (its body keeps its markup), with its id and every reference to another carried record
rewritten; its `noupdate` is kept.

Not copied: what is generated afresh (actions, rules, crons), the interface and security a
module keeps (views, menus, window actions, reports, groups, access rules), the schema, users
(a copy would clash with the original's unique login) and records of models the module itself
declares (they go with it). An action naming one of those keeps the original xml id: the
record stays in the module's residual (CONVERSION.md lists it under what stays).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from migrator.analyze.module_facts import ModuleFacts
from migrator.model import XmlRecord
from migrator.plan import MOVABLE_MODELS

# Records generated afresh (actions, rules, crons) are not copied.
CONFIGURATION_MODELS = MOVABLE_MODELS - {"ir.cron", "ir.actions.server", "base.automation"}
# ... nor these (see above).
NOT_CARRIED = frozenset({
    "ir.cron", "ir.actions.server", "base.automation", "ir.ui.view", "ir.ui.menu", "ir.actions.act_window",
    "ir.actions.act_window.view", "ir.actions.client", "ir.actions.act_url", "ir.actions.report",
    "report.paperformat", "res.groups", "ir.rule", "ir.model.access", "ir.module.category", "ir.model",
    "ir.model.fields", "ir.model.fields.selection", "ir.model.constraint", "res.users", "ir.attachment",
    "website.page", "website.menu", "ir.asset",
})


def carriable(facts: ModuleFacts, record: XmlRecord) -> bool:
    """Can the data module hold a copy of this record of the module?"""
    own_models = {c.model for c in facts.model_classes if c.is_new_model}
    module, dot, _ = record.xmlid.partition(".")
    if dot and module != facts.addon.name:
        return False  # a record of another module the XML changes
    return bool(record.xmlid) and record.model not in NOT_CARRIED and record.model not in own_models
_EVAL_REF = re.compile(r"""\bref\(\s*(['"])([\w.]+)\1\s*\)""")


@dataclass(frozen=True)
class CarriedRecord:
    original: XmlRecord
    xmlid: str  # local id in the data module
    xml: str  # the <record> element, serialised
    noupdate: bool


def full_id(xmlid: str, module: str) -> str:
    return xmlid if "." in xmlid else f"{module}.{xmlid}"


def carried_ids(facts: ModuleFacts, used: Iterable[str]) -> list[XmlRecord]:
    """The module's movable records that `used` (full xml ids) reach, with what they reference."""
    module = facts.addon.name
    by_id = {full_id(r.xmlid, module): r for r in facts.records if carriable(facts, r)}
    wanted = [x for x in used if x in by_id]
    seen: set[str] = set()
    while wanted:
        xmlid = wanted.pop()
        if xmlid in seen:
            continue
        seen.add(xmlid)
        for value in by_id[xmlid].fields.values():
            for ref in _refs_in_value(value):
                if full_id(ref, module) in by_id:
                    wanted.append(full_id(ref, module))
    return [r for key, r in by_id.items() if key in seen]


def copy_records(facts: ModuleFacts, records: list[XmlRecord], rename: dict[str, str]) -> list[CarriedRecord]:
    """Serialised copies, in the original order; `rename` maps full ids to data-module ids."""
    module = facts.addon.name
    trees: dict[str, etree._Element] = {}
    out = []
    for record in records:
        rel = record.span.file
        if rel not in trees:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False)
            trees[rel] = etree.parse(str(Path(facts.addon.path) / rel), parser).getroot()
        element = next(el for el in trees[rel].iter("record") if el.get("id") == record.xmlid)
        clone = copy.deepcopy(element)
        reindent(clone)
        clone.set("id", rename[full_id(record.xmlid, module)])
        for node in clone.iter():
            if node.get("ref"):
                node.set("ref", rename.get(full_id(node.get("ref"), module), node.get("ref")))
            if node.get("eval"):
                node.set("eval", _EVAL_REF.sub(
                    lambda m: f"ref({m[1]}{rename.get(full_id(m[2], module), m[2])}{m[1]})", node.get("eval")))
        out.append(CarriedRecord(record, clone.get("id"), etree.tostring(clone, encoding="unicode"),
                                 record.noupdate))
    return out


def rewrite_code_refs(code: str, rename: dict[str, str]) -> str:
    """String literals naming a carried record (`env.ref('m.tpl')`) name its copy instead."""
    if not rename:
        return code
    import libcst as cst  # only code actions are rewritten

    class _Strings(cst.CSTTransformer):
        def leave_SimpleString(self, original: cst.SimpleString, updated: cst.SimpleString) -> cst.SimpleString:
            value = updated.evaluated_value
            if isinstance(value, str) and value in rename:
                quote = updated.quote
                return updated.with_changes(value=f"{updated.prefix}{quote}{rename[value]}{quote}")
            return updated

    return cst.parse_module(code).visit(_Strings()).code


def reindent(record: etree._Element) -> None:
    """The record at 4 spaces and its fields at 8, whatever nesting it had; field content is untouched."""
    record.tail = None
    if len(record):
        record.text = "\n" + " " * 8
        for child in record:
            child.tail = "\n" + " " * 8
        record[-1].tail = "\n" + " " * 4


def _refs_in_value(value: str) -> list[str]:
    if value.startswith("ref:"):
        return [value[4:]]
    if value.startswith("eval:"):
        return [m[2] for m in _EVAL_REF.finditer(value)]
    return []
