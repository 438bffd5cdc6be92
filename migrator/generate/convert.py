"""One audited addon -> the files of its data module for one series (nothing written here)."""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from migrator.analyze import analyze
from migrator.analyze.module_facts import ModuleFacts
from migrator.classify import classify
from migrator.classify.registry import active_rules
from migrator.classify.track_template import NAME as TRACK_TEMPLATE
from migrator.decide import FIELD_MODES, decide, default_name, settle
from migrator.discover.dependencies import NO_DEPENDENCIES, Dependencies
from migrator.generate.adopt import ADOPT_FILE, adopt_action, adopt_function
from migrator.generate.carried import CarriedRecord, copy_records
from migrator.generate.code_differences import code_differences
from migrator.generate.compared_values import compared_differences, edit_caveat
from migrator.generate.data_module import VIEWS_FILE
from migrator.generate.given_values import given_differences
from migrator.generate.plan import MethodPlan, NotConverted
from migrator.generate.records import Record, ref_modules
from migrator.generate.residual_manifest import target_version
from migrator.generate.render import render_carried, render_data_blocks, render_data_file, render_record, render_text
from migrator.model import Addon, ModuleResult, Rates
from migrator.plan import plan_module
from migrator.series import series_facts
from migrator.state_buttons import StateButton, state_button

# data file -> which records go in it, in load order (carried records are referenced by the rest)
DATA_FILES = (ADOPT_FILE, "data/records.xml", "data/server_actions.xml", "data/automation_rules.xml", "data/ir_cron.xml")
# A rule and the server actions it owns stay in one file, in the order they reference each other.
_FILE_OF = {"manual": "data/server_actions.xml", "cron": "data/ir_cron.xml"}
_RULES_FILE = "data/automation_rules.xml"
# Modules an action state needs besides the models' own modules.
_STATE_MODULES = {"mail_post": "mail", "followers": "mail", "next_activity": "mail"}


@dataclass(frozen=True)
class Conversion:
    addon: Addon
    series: str
    name: str  # the data module's name
    audit: ModuleResult
    moved: tuple[tuple[MethodPlan, tuple[Record, ...]], ...]  # each plan with its records
    not_converted: tuple[NotConverted, ...]
    carried: tuple[CarriedRecord, ...]
    depends: tuple[str, ...]
    files: dict[str, str]  # path inside the module -> text; {} when nothing converts
    kept_files: tuple[str, ...] = ()  # the addon's Python files that keep methods in the residual
    gone: tuple[tuple[str, str, str], ...] = ()  # (file, class, method) of inlined helpers the residual drops
    uses_own: tuple[str, ...] = ()  # the addon's own fields and models the actions use (they stay)
    data: object = None  # --fields data: migrator.generate.data_module.DataPart
    dependencies: Dependencies = NO_DEPENDENCIES  # the given addons it depends on, and those missing
    views: object = None  # migrator.generate.ui_records.UiRecords: views and the like that move (decide)


def convert_addon(addon: Addon, series: str, name: str | None = None, fields: str = "residual",
                  given: Mapping[str, Addon] | None = None) -> Conversion:
    """`fields`: "residual" (the fields the module declares stay in its residual module) or
    "data" (they become custom fields of the data module, its models custom models, its views,
    menus and access records of the data module; what cannot stays). `given`: other addons by
    name (converted together, or on --addons-path): those the addon depends on name the models
    and fields its records may use."""
    if fields not in FIELD_MODES:
        raise ValueError(f"unknown fields mode {fields!r}: expected one of {', '.join(FIELD_MODES)}")
    name = name or default_name(addon)
    facts = analyze(addon)
    units = [] if facts.fatal else classify(facts, active_rules(()))
    decision = decide(facts, units, series, name, fields, given)
    audit = plan_module(facts, settle(units, decision), Rates(), gone=decision.gone,
                        carried=decision.carried_xmlids)
    carried = copy_records(facts, list(decision.carried), decision.carried_ids) if decision.moved else []
    gone = tuple(sorted((m.file, m.class_name, m.name) for m in facts.methods
                        if (m.file, m.model, m.name) in decision.gone))
    needs_addon = bool(decision.uses_own or (decision.views and decision.views.needs))
    depends = _depends(addon, decision.moved, needs_addon, decision.dependencies.names)
    conversion = Conversion(addon, series, name, audit, decision.moved, decision.not_converted, tuple(carried),
                            depends, {}, _kept_files(facts, decision.moved, gone), gone, decision.uses_own,
                            dependencies=decision.dependencies, views=decision.views)
    if decision.data is not None:
        from migrator.generate.data_module import data_part

        part = data_part(facts, decision, depends)
        conversion = dataclasses.replace(conversion, data=part, depends=part.depends)
        if part.files:
            return dataclasses.replace(conversion, files=_files(conversion))
    return dataclasses.replace(conversion, files=_files(conversion)) if decision.moved else conversion


def _depends(addon: Addon, moved: tuple[tuple[MethodPlan, tuple[Record, ...]], ...],
             needs_addon: bool, dependencies: tuple[str, ...]) -> tuple[str, ...]:
    """The original's depends, the addon itself when the actions or the views that move use its
    fields, models or records, the modules the action states need, and each dependency whose
    models or fields the records name (reached only through another dependency, `check` and
    Odoo's loading order both want it listed)."""
    original = [d for d in addon.manifest.get("depends") or [] if isinstance(d, str) and d != addon.name]
    extra = {_STATE_MODULES[s.state] for p, _ in moved for s in p.steps if s.state in _STATE_MODULES}
    if any(r.model == "base.automation" for _, records in moved for r in records):
        extra.add("base_automation")
    named = {module for _, records in moved for r in records for module in ref_modules(r)}
    extra |= named & set(dependencies)
    # The fields and models the actions use stay in the addon (its residual keeps the name):
    # their xml ids are the addon's, and uninstalling it must take the actions along.
    own = [addon.name] if needs_addon else []
    return tuple(dict.fromkeys(original + own + sorted(extra))) or ("base",)


def _files(c: Conversion) -> dict[str, str]:
    blocks: dict[str, list[str]] = {path: [] for path in DATA_FILES}
    for plan, records in c.moved:
        blocks[_FILE_OF.get(plan.trigger, _RULES_FILE)].extend(render_record(r) for r in records)
    files: dict[str, str] = dict(c.data.files) if c.data else {}
    if c.data is None and c.views is not None and c.views.moved:
        files[VIEWS_FILE] = render_data_file(c.views.views())
    if c.carried:
        # one file, each record noupdate when its original was: users may have edited them
        files["data/records.xml"] = render_data_blocks([(render_carried(r, c.addon.name), r.noupdate)
                                                        for r in c.carried])
        # noupdate: Odoo runs a <function> of such a file at the first install only
        files[ADOPT_FILE] = render_data_file([render_record(adopt_action(c.addon.name, c.name, c.carried)),
                                              adopt_function(c.addon.name)], noupdate=True)
    for path, items in blocks.items():
        if items:
            files[path] = render_data_file(items)
    files["__manifest__.py"] = render_text(
        "__manifest__.py.j2", name=f"{c.addon.name} (actions)",
        summary=(f"Custom fields and models, views, security, server actions and automation rules replacing "
                 f"{c.addon.name}" if c.data else
                 f"Server actions, automation rules, scheduled actions and views replacing {c.addon.name}"
                 if VIEWS_FILE in files else
                 f"Server actions, automation rules and scheduled actions replacing {c.addon.name}"),
        version=f"{c.series}.1.0.0", license=str(c.addon.manifest.get("license") or "LGPL-3"),
        depends=c.depends, data=[path for path in (c.data.order if c.data else ()) + DATA_FILES + (VIEWS_FILE,)
                                 if path in files])
    # Empty: Odoo takes a folder as an addons path only when a module in it has one; an import
    # through base_import_module never reads it.
    files["__init__.py"] = ""
    files["CONVERSION.md"] = render_text(
        "CONVERSION.md.j2", c=c, name=c.name, becomes=_becomes, changes=_changes(c),
        own_fields=c.audit.stays.get("fields", []),
        moved_crons=any(plan.cron for plan, _ in c.moved),
        residual_version=target_version(str(c.addon.manifest.get("version") or ""), c.series) or c.series,
        residual_files=c.kept_files, data=c.data, stays=_stays(c), buttons=_buttons(c),
        import_installs_depends=series_facts(c.series).import_installs_depends)
    return dict(sorted(files.items()))


@dataclass(frozen=True)
class _Buttons:
    moved: list[str]  # views calling moved methods that move with them
    needs: dict[str, list[str]]  # of those, what each names of the addon that stays


def _buttons(c: Conversion) -> _Buttons:
    views = c.views
    if views is None:
        return _Buttons([], {})
    moved = [x for x in views.moved if x in views.buttons]
    return _Buttons(moved, {x: views.needs[x] for x in moved if x in views.needs})


def _stays(c: Conversion) -> dict[str, list[str]]:
    """What stays in the addon: the audit's list, less what --fields data made records."""
    if c.data is None:
        return c.audit.stays
    data = c.data.fields
    moved = set(c.data.moved_records)
    stays = {key: [n for n in names if n not in moved] for key, names in c.audit.stays.items()}
    stays["fields"] = [f"{m}.{f}" for m, f in data.staying]
    computes = {f"{m}.{spec.decl.compute}" for (m, _), spec in data.moving.items() if spec.decl.compute}
    stays["methods"] = [n for n in stays.get("methods", []) if n not in computes]
    stays["models"] = list(data.staying_models)
    # an access rules file (a path) stays with the models it serves
    stays["security"] = [n for n in stays.get("security", []) if "/" not in n or data.staying_models]
    return {key: names for key, names in stays.items() if names}


def fills_when_empty(plan: MethodPlan) -> list[str]:
    """`vals.setdefault(f, v)`: the module filled f only when the caller did not give it; the
    rule cannot see what the caller gave, so it fills f whenever the new record has it empty.
    The fields where that differs (CONVERSION.md says so; verify attributes it)."""
    return list(dict.fromkeys(name for unit in plan.units for effect in unit.effects
                              if effect.details.get("only_if_empty") for name in effect.details.get("fields", {})))


def author_follows(plan: MethodPlan) -> bool:
    """16.0's message_post_with_template posts a comment, and a comment subscribes its author;
    the mail_post action posts with mail_create_nosubscribe, so nobody is subscribed
    (CONVERSION.md says so; verify attributes it)."""
    return any(effect.details.get("subscribes_author") for unit in plan.units for effect in unit.effects)


# Models whose message_post makes the message's recipients followers unless the context
# says otherwise (sale.order, purchase.order: `mail_post_autofollow`, 16.0-19.0)
AUTOFOLLOW_MODELS = frozenset({"sale.order", "purchase.order"})


def recipients_follow(plan: MethodPlan) -> bool:
    """The module posts a template in the chatter of an order, whose recipients Odoo then
    makes followers; the mail_post action posts with `mail_post_autofollow` off, so they do
    not follow (CONVERSION.md says so; verify attributes it)."""
    return plan.model in AUTOFOLLOW_MODELS and any(
        effect.kind == "mail_send" and effect.details.get("post_method") in ("comment", "note")
        for unit in plan.units for effect in unit.effects)


def _recipients_follow(plan: MethodPlan, records: tuple[Record, ...]) -> list[str]:
    if not recipients_follow(plan):
        return []
    return [f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): the module's post made its recipients "
            f"(the template's partners) followers of the {plan.model} (its `message_post` subscribes them "
            "unless told otherwise); the action posts the same message with `mail_post_autofollow` off, so "
            "they do not follow. `migrator verify` shows this difference."]


def _when_empty(plan: MethodPlan, records: tuple[Record, ...]) -> list[str]:
    names = fills_when_empty(plan)
    if not names:
        return []
    fields = ", ".join(f"`{name}`" for name in dict.fromkeys(names))
    return [f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): fills {fields} on every new record where "
            "it is empty. The module (`vals.setdefault`) filled it only when the caller gave no value; a "
            "record created with the field explicitly empty (as a form may send it) kept it empty and now "
            "gets the value. The rule writes it once the record is saved: what runs within the create (other "
            "automation rules, tracking, the notification mails it sends, such as an assigned salesperson's) "
            "sees it empty. `migrator verify` shows these differences."]


def _author_follows(plan: MethodPlan, records: tuple[Record, ...]) -> list[str]:
    if not author_follows(plan):
        return []
    return [f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): the module's `message_post_with_template` "
            "made the user who triggered it a follower of the record (a posted comment subscribes its "
            "author); the action posts the same message without subscribing anyone. Add followers by "
            "hand where that mattered. `migrator verify` shows this difference."]


def normalised_fields(plan: MethodPlan) -> list[str]:
    """Fields whose value the module normalised in `vals` before saving; the rule writes the
    normalised value after the save (classify/normalised.py)."""
    return list(dict.fromkeys(name for unit in plan.units for effect in unit.effects
                              for name in effect.details.get("equations", {})
                              if name not in effect.details.get("clock", ())
                              and name not in effect.details.get("copied", {})))


def set_after_save(plan: MethodPlan) -> tuple[list[str], dict[str, str]]:
    """Fields the module set in the values to the time of the save, and those it set to another
    written field's value (field -> that field): the rule writes them after the save
    (classify/set_values.py)."""
    effects = [effect for unit in plan.units for effect in unit.effects]
    clock = list(dict.fromkeys(name for e in effects for name in e.details.get("clock", ())))
    copied = {name: source for e in effects for name, source in e.details.get("copied", {}).items()}
    return clock, copied


def written_after_save(plan: MethodPlan) -> list[str]:
    """Fields the module set in the values before the save that the rule writes once the record
    is saved, where the rule does nothing else: what the operation itself does in between (the
    notification mail Odoo sends an assigned salesperson, tracking) shows them as they were
    (CONVERSION.md says so; verify attributes the mails' content to it)."""
    effects = [effect for unit in plan.units for effect in unit.effects]
    if not effects or any(e.kind != "field_write" for e in effects):
        return []
    clock, copied = set_after_save(plan)
    return list(dict.fromkeys([*fills_when_empty(plan), *normalised_fields(plan), *clock, *copied]))


def _set_after_save(plan: MethodPlan, records: tuple[Record, ...]) -> list[str]:
    clock, copied = set_after_save(plan)
    if not clock and not copied:
        return []
    operation = "create" if plan.trigger == "on_create" else "write"
    what = [f"`{name}` to the time of the {operation}" for name in clock]
    what += [f"`{name}` to the value written for `{source}`" for name, source in copied.items()]
    return [f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): the module set {', '.join(what)} in the "
            f"values, saved in the same {operation}; the rule writes it right after: a second write, and what runs "
            f"in between (other automation rules, tracking, constraints, the {operation} itself and the notification "
            "mails it sends) sees the field as it was." + (" The time is read when the rule runs, for each record." if clock else "")]


def _normalised(plan: MethodPlan, records: tuple[Record, ...]) -> list[str]:
    names = normalised_fields(plan)
    if not names:
        return []
    fields = ", ".join(f"`{name}`" for name in names)
    operation = "create" if plan.trigger == "on_create" else "write"
    return [f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): the module normalised {fields} in the values "
            f"before they were saved; the rule saves the value as given, then writes the normalised one: a second "
            f"write, and what runs in between (other automation rules, tracking, constraints, the {operation} "
            "itself and the notification mails it sends) sees the value as given. The rule's own write does not "
            "run it again (Odoo's `__action_done`); it may run the rule of the other operation, which writes the "
            "same value again (normalising twice changes nothing)."]


def _time_rule(plan: MethodPlan, records: tuple[Record, ...]) -> list[str]:
    """A cron replaced by a time-based rule: what its timing and repetition become."""
    if plan.trigger != "on_time" or plan.cron is None:
        return []
    return [f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`, replaces the scheduled action "
            f"`{plan.cron.xmlid}`): a time rule acts once per record, when its `{plan.date_field}` plus the delay "
            "has passed; the cron acted on every record its search found, at every run. Here a record matched the "
            "search on one day only, or acting again changed nothing, so that is the same; but the rule runs from "
            "Odoo's \"Automation Rules: check and execute\" scheduled action (every few minutes up to every 4 "
            "hours, as its shortest delay asks), not at the hour and interval of the module's cron, and a record "
            "whose date is changed to a past day after the rule's last run is not acted on."]


def replaced_button(plan: MethodPlan) -> StateButton | None:
    """The Odoo button whose override became a rule on the state it sets (migrator/state_buttons.py)."""
    return state_button(plan.model, plan.method) if plan.trigger == "on_write" \
        and plan.units[0].trigger == "manual" else None


def _button_rule(plan: MethodPlan, records: tuple[Record, ...], series: str) -> list[str]:
    """An override of a button replaced by a rule on the move the button makes."""
    button = replaced_button(plan)
    if button is None:
        return []
    moves = " or ".join(f"`{v}`" for v in button.moves) if button.moves else f"any state but `{button.to}`"
    caveat = edit_caveat(series)
    return [f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): replaces the module's override of Odoo's button "
            f"`{button.method}()`, which writes `{button.state}` = `{button.to}` on the records in {moves}. The rule "
            f"(filter_pre_domain `{plan.pre_condition}`, filter_domain `{plan.condition}`) runs on the records a "
            f"write moves from {moves} to `{button.to}`, whether the button or other code writes it; the module's "
            "code ran when the button was called, on every record it was called on, also those the button left as "
            "they were." + (f" {caveat}." if caveat else "")]


def _track_template_rule(plan: MethodPlan, records: tuple[Record, ...]) -> list[str]:
    """A `_track_template` override replaced by a rule on the change of its field."""
    if plan.method != TRACK_TEMPLATE:
        return []
    field = f"`{plan.trigger_fields[0]}`"
    return [f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): the rule posts the template when it runs: at "
            f"each write that changes {field} and at each creation. Odoo's tracking posted it when the request "
            f"ended, after its tracking message, once for a record whose {field} differed from its value before "
            f"the request's first write (a request changing it twice, or back, now posts at each change), and at "
            f"creation only where the values given (or the context's `default_` keys) set {field}, not where a "
            "default or a compute did."]


def _becomes(plan: MethodPlan, records: tuple[Record, ...]) -> str:
    what = "code" if plan.code is not None else ", ".join(s.state for s in plan.steps)
    if plan.inlined:
        what += ", with " + ", ".join(f"`{h}()`" for h in plan.inlined) + " inlined"
    kind = {"cron": "scheduled action", "manual": "server action in the Action menu"}.get(
        plan.trigger, f"automation rule `{plan.trigger}`")
    ids = ", ".join(f"`{r.xmlid}`" for r in records)
    return f"{kind} ({what}) | {ids}"


def unchanged_writes_differ(plan: MethodPlan) -> bool:
    """A write override that becomes a rule with trigger fields: Odoo runs the rule only for
    records whose trigger field changed, the override ran whenever a write set it (also to
    the value the record had). CONVERSION.md says so; verify attributes it."""
    return plan.trigger == "on_write" and bool(plan.trigger_fields) and replaced_button(plan) is None


def runs_as_superuser(plan: MethodPlan) -> bool:
    """An automation rule: base_automation runs its actions in superuser mode (`self.sudo()
    .action_server_ids`, 16.0-19.0), where the module's code ran with the user's rights
    (CONVERSION.md says so; verify attributes an operation the module failed for lack of rights)."""
    return plan.trigger not in ("cron", "manual")


def treats_as_one(plan: MethodPlan) -> bool:
    """A rule replacing a method that treated its records as one (`self.ensure_one()`, `self.state`:
    MethodPlan.as_one; or `records.ensure_one()` in the code, from an inlined helper):
    base_automation runs the actions once per record (16.0-19.0), so they always are one
    (CONVERSION.md says so; verify attributes the module's "Expected singleton" failure to it)."""
    if plan.trigger in ("cron", "manual", "on_time"):  # once on all their records, as the method ran; a
        return False  # cron's method ran on the empty model, where a field read is empty, not an error
    return bool(plan.as_one) or any(
        isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "ensure_one"
        and isinstance(n.func.value, ast.Name) and n.func.value.id == "records"
        for code in plan.codes for n in ast.walk(ast.parse(code)))


def _as_one(plan: MethodPlan, records: tuple[Record, ...]) -> list[str]:
    if not treats_as_one(plan):
        return []
    where = f" (line {', '.join(map(str, plan.as_one))})" if plan.as_one else ""
    return [f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): the module's method treats its records as one "
            f"record{where}: `ensure_one()`, or a field read on them. It failed for an operation on several records "
            "at once (\"Expected singleton\", a list view's mass edit), and that operation was undone; Odoo runs a "
            "rule's actions one record at a time, so that operation now succeeds and the logic runs for each "
            "record."]


def _superuser(moved: tuple[tuple[MethodPlan, tuple[Record, ...]], ...]) -> list[str]:
    rules = [records[0].xmlid for plan, records in moved if runs_as_superuser(plan)]
    if not rules:
        return []
    return [f"{', '.join(f'`{xmlid}`' for xmlid in rules)}: Odoo runs an automation rule's actions in "
            "superuser mode; the module's code ran with the rights of the user who made the change. Access "
            "rights and record rules no longer limit what the actions read and write: where the module failed "
            "for lack of rights (a record another user owns), the actions succeed."]


def _changes(c: Conversion) -> list[str]:
    """What a rule does differently from the override it replaces, one line per difference."""
    lines = _superuser(c.moved)
    for plan, records in c.moved:
        lines.extend(_when_empty(plan, records))
        lines.extend(_author_follows(plan, records))
        lines.extend(_recipients_follow(plan, records))
        lines.extend(_normalised(plan, records))
        lines.extend(_set_after_save(plan, records))
        lines.extend(_time_rule(plan, records))
        lines.extend(_button_rule(plan, records, c.series))
        lines.extend(_track_template_rule(plan, records))
        lines.extend(_as_one(plan, records))
        lines.extend(f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): {text}."
                     for text in code_differences(plan, c.series))
        compared = compared_differences(plan, c.series) if replaced_button(plan) is None else []
        lines.extend(f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): {text}."
                     for text in compared + given_differences(plan))
        if not unchanged_writes_differ(plan):
            continue
        fields = ", ".join(f"`{f}`" for f in plan.trigger_fields)
        text = (f"`{plan.model}.{plan.method}` (`{records[0].xmlid}`): runs on the records whose {fields} "
                "changed" + (f" and that match `{plan.condition}` after the write" if plan.condition else "")
                + ". The module acted whenever a write set the field, even to the value the record already "
                "had; such a record no longer runs the logic (Odoo's trigger fields compare the values "
                "before and after the write).")
        for guard in plan.hoisted:
            text += f" The test `{guard.test}` (line {guard.line}) is now that filter, no longer code."
        lines.append(text)
    return lines


def _kept_files(facts: ModuleFacts, moved: tuple[tuple[MethodPlan, tuple[Record, ...]], ...],
                helpers: tuple[tuple[str, str, str], ...]) -> tuple[str, ...]:
    """The Python files of the addon that keep methods once the moved ones are gone."""
    gone = {(plan.evidence.file, plan.class_name, plan.method) for plan, _ in moved} | set(helpers)
    return tuple(sorted({m.file for m in facts.methods if (m.file, m.class_name, m.name) not in gone}))
