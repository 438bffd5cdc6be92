"""Buttons of the addon's views that call a method which becomes a server action.

`<button name="m" type="object">` (or a kanban `<a name="m" type="object">`) calls the method
`m` of the view's model; once `m` is a server action of the data module, the button calls that
action instead: `type="action"`, `name="%(<data module>.<action>)d"`, every other attribute
(string, groups, invisible/attrs, class, confirm, context) as written. Odoo's web client runs an
ir.actions.server from such a button with the record as `active_id`/`active_ids` and
`active_model` (web's action service, `doActionButton` -> `/web/action/run` ->
`ir.actions.server.run`, the same in 16.0 to 19.0); the view's validation accepts the name
because `%(...)d` is the action's id once loaded, so the action must be loaded first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from lxml import etree

from migrator.analyze.module_facts import ModuleFacts
from migrator.generate.plan import MethodPlan
from migrator.generate.records import Record

# (model, method) as the module names them -> full xml id of the server action standing for it
Actions = Mapping[tuple[str, str], str]


def bound_action(records: tuple[Record, ...] | list[Record]) -> Record | None:
    """The server action a manual plan's records are run by: the one bound to the model (a
    multi's children come before or after it, by series)."""
    return next((r for r in records if any(f.name == "binding_model_id" for f in r.fields)), None)


def button_actions(moved: tuple[tuple[MethodPlan, tuple[Record, ...]], ...], name: str) -> dict[tuple[str, str], str]:
    """(model, method) of every moved button method -> `<data module>.<its server action>`."""
    out = {}
    for plan, records in moved:
        action = bound_action(records) if plan.trigger == "manual" else None
        if action is not None:
            # the units keep the module's model name (a plan of --fields data has the x_ one)
            out[(plan.units[0].model, plan.method)] = f"{name}.{action.xmlid}"
    return out


def calls(arch: etree._Element, model: str | None, actions: Actions) -> Iterator[tuple[etree._Element, tuple[str, str]]]:
    """Each node of `arch` calling a method of `actions`, with its (model, method) key.
    `model`: the view's model; an inherited view may leave it out (its parent's): then the
    method's name alone decides, when one model has it."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for key in actions:
        by_name.setdefault(key[1], []).append(key)
    for node in arch.iter("button", "a"):
        name = node.get("name")
        if node.get("type") != "object" or not name:
            continue
        if model and (model, name) in actions:
            yield node, (model, name)
        elif not model and len(by_name.get(name, ())) == 1:
            yield node, by_name[name][0]


def rewrite(arch: etree._Element, model: str | None, actions: Actions) -> None:
    """Turn the calls of `arch` into buttons of their actions."""
    for node, key in list(calls(arch, model, actions)):
        node.set("type", "action")
        node.set("name", f"%({actions[key]})d")


def calling_views(facts: ModuleFacts, actions: Actions) -> frozenset[str]:
    """xml ids (as written) of the module's views with a button calling one of `actions` (from
    the analysis: no file is read again)."""
    names = {method for _, method in actions}
    found = set()
    for xml in facts.xml_files:
        spans = [b[2] for b in xml.buttons if b[1] in names]
        for rec in xml.records:
            if rec.model == "ir.ui.view" and any(rec.span.line_start <= s.line_start <= rec.span.line_end
                                                 for s in spans):
                found.add(rec.xmlid)
    return frozenset(found)
