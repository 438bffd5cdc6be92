"""The planning step: which units of a module convert, into which records, and why not.

It runs once per module and series for the audit and for `migrator convert` alike, so the
audit's `convertible` and what convert writes are the same decision:

    classify -> units -> decide (method plans, records, blockers) -> audit: settled units
                                                                   -> convert: files

A method converts when every one of its units does: its plan (migrator/generate/plan.py, the
libcst rewrite for code) and then its records (migrator/generate/records.py, which needs an
xml id for every model and field it names) must both succeed. A method that does not convert
keeps all its units as code, with the blockers that stopped it.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from migrator.analyze.module_facts import ModuleFacts
from migrator.catalogue import load_catalogue
from migrator.classify.inlining import gone_with
from migrator.discover.dependencies import NO_DEPENDENCIES, Dependencies, dependencies_of
from migrator.generate.buttons import button_actions, calling_views
from migrator.generate.carried import carried_ids, full_id, rewrite_code_refs
from migrator.generate.module_schema import ModuleSchema, names_used, staying_schema
from migrator.generate.plan import MethodPlan, NotConverted, plan_methods, unit_action
from migrator.generate.records import Naming, Record, RecordBuilder, Unresolvable
from migrator.model import Addon, Blocker, Unit, XmlRecord
from migrator.schema import Schema
from migrator.series import SUPPORTED_SERIES, series_facts

if TYPE_CHECKING:
    from migrator.generate.data_fields import DataFields
    from migrator.generate.ui_records import UiRecords

# How the fields the module declares are kept: in the residual module, or as custom fields
# (records) of the data module (migrator/generate/data_fields.py).
FIELD_MODES = ("residual", "data")

# The series a module is judged for when neither its manifest nor the user names one.
DEFAULT_SERIES = "18.0"


@dataclass(frozen=True)
class Decision:
    series: str
    name: str  # the data module's name (code actions' env.ref() strings name its records)
    moved: tuple[tuple[MethodPlan, tuple[Record, ...]], ...]  # each plan with its records
    not_converted: tuple[NotConverted, ...]
    carried: tuple[XmlRecord, ...]  # records of the module the moved ones need
    carried_ids: dict[str, str]  # full xml id in the module -> local id in the data module
    # (file, model, method) of the helpers inlined into moved code that nothing staying calls
    gone: frozenset[tuple[str, str, str]] = frozenset()
    # what the moved logic uses of the module's own fields and models ("model.field", "model"):
    # they stay in the (residual) module, which the data module then depends on
    uses_own: tuple[str, ...] = ()
    data: DataFields | None = None  # --fields data: the fields and models that become records
    dependencies: Dependencies = NO_DEPENDENCIES  # the given addons it depends on, and those missing
    # the module's views and the like as records of the data module: with --fields data all
    # that can move, else only the views whose buttons call moved methods (None: none to move)
    views: UiRecords | None = None

    @property
    def carried_xmlids(self) -> frozenset[str]:
        """The xml ids, as the module writes them, of the records the data module copies along
        with the actions: those they use, and the views calling them."""
        moved = set(self.views.moved) & set(self.views.buttons) if self.views else set()
        return frozenset(r.xmlid for r in self.carried) | moved


def default_name(addon: Addon) -> str:
    """The data module's name."""
    return f"{addon.name}_actions"


def decision_series(addon: Addon, series: str | None) -> str:
    """The module's own series when it is one we generate for, else the one given, else the default."""
    own = addon.series
    if own in SUPPORTED_SERIES:
        return own  # type: ignore[return-value]
    return series if series in SUPPORTED_SERIES else DEFAULT_SERIES  # type: ignore[return-value]


def decide(facts: ModuleFacts, units: list[Unit], series: str, name: str, fields: str = "residual",
           given: Mapping[str, Addon] | None = None) -> Decision:
    """`fields`: where the fields the module declares go (FIELD_MODES). `given`: the addons
    given besides (audited together, or on --addons-path) by name; those the module depends on
    beyond the catalogue name the models and fields the records may use (migrator/schema.py)."""
    catalogue = load_catalogue(series)
    dependencies = dependencies_of(facts.addon, given or {}, catalogue.installed_modules, series)
    # what the records can name: the catalogue, the dependencies, then the module's own fields
    schema = Schema(catalogue, dependencies, frozenset(c.model for c in facts.model_classes if c.is_new_model))
    staying = staying_schema(facts, schema)
    plans = plan_methods(facts, units, series, staying)
    module = facts.addon.name
    data = _data_fields(facts, schema, series, plans) if fields == "data" else None
    if data is not None:
        staying = dataclasses.replace(staying, fields={k: d for k, (d, _) in data.staying.items()},
                                      models=tuple(data.staying_models))
    carried = carried_ids(facts, _used_ids(plans, module))
    local_ids = {full_id(r.xmlid, module): r.xmlid.rpartition(".")[2] for r in carried}
    code_ids = {old: f"{name}.{new}" for old, new in local_ids.items()}
    naming = Naming(module, lambda x: local_ids.get(full_id(x, module), x))
    builder = RecordBuilder(series_facts(series), data.schema(schema) if data else staying, naming)
    crons = {r.xmlid: r for r in facts.records if r.model == "ir.cron"}
    moved: list[tuple[MethodPlan, tuple[Record, ...]]] = []
    failed: list[NotConverted] = []
    for plan in plans:
        if isinstance(plan, NotConverted):
            failed.append(plan)
            continue
        plan = plan.with_codes(lambda code: rewrite_code_refs(code, code_ids))
        original = plan
        if data is not None:
            from migrator.generate.data_fields import rename_plan

            plan = rename_plan(plan, data, catalogue)
        try:
            records = builder.build(plan, crons.get(plan.cron.xmlid) if plan.cron else None)
        except Unresolvable as exc:
            plan = original
            blocker = Blocker(exc.code, str(exc), rule="decide")
            failed.append(NotConverted(plan.model, plan.method, plan.units, plan.evidence, (blocker,)))
            continue
        moved.append((plan, tuple(records)))
    while True:  # until no view that stays calls a method that moves
        views = _views(facts, data, staying, series, button_actions(tuple(moved), name))
        held = _held_buttons(views)
        if not held:
            break
        for plan, _ in moved:
            key = (plan.units[0].model, plan.method)
            if key in held:
                failed.append(NotConverted(key[0], plan.method, plan.units, plan.evidence, (held[key],)))
        moved = [(p, r) for p, r in moved if (p.units[0].model, p.method) not in held]
    if not moved:
        carried, local_ids = [], {}
    originals = [p for p in plans if isinstance(p, MethodPlan) and any(p.units == m.units for m, _ in moved)]
    uses_own = _uses_own(staying, originals)
    gone = gone_with(facts, {(p.evidence.file, p.units[0].model, p.method) for p, _ in moved},
                     {h for p, _ in moved for h in p.inlined})
    return Decision(series, name, tuple(moved), tuple(failed), tuple(carried), local_ids, frozenset(gone),
                    uses_own, data, dependencies, views)


def _held_buttons(views: UiRecords | None) -> dict[tuple[str, str], Blocker]:
    """The button methods a view staying in the module calls (a record that stays refers to
    it): the module cannot name the data module's action, since Odoo loads no module that
    depends on an imported one (modules/graph.py skips them), so those methods stay."""
    held = {}
    for xmlid in views.kept_buttons if views is not None else ():
        for key in views.called(xmlid):
            held[key] = Blocker("button-view-stays", (
                f"the view {xmlid} calling it stays in the module ({views.kept[xmlid]}); a module cannot call "
                "the data module's server action"), rule="decide")
    return held


def _views(facts: ModuleFacts, data: DataFields | None, staying: ModuleSchema, series: str,
           actions: dict) -> UiRecords | None:
    """The records of the module's XML that move into the data module besides the actions:
    with --fields data its views, menus and security (migrator/generate/ui_records.py), else
    the views whose buttons call methods that became server actions."""
    if data is None and not calling_views(facts, actions):
        return None
    from migrator.generate.data_fields import DataFields
    from migrator.generate.ui_records import UiRecords

    catalogue = load_catalogue(series)
    if data is not None:
        return UiRecords(facts, data, catalogue, series, actions)
    # nothing but those views moves: the module's fields and models stay, under their names
    kept = DataFields(facts.addon.name, {}, {key: (decl, "") for key, decl in staying.fields.items()}, {},
                      {model: "" for model in staying.models})
    return UiRecords(facts, kept, catalogue, series, actions, buttons_only=True)


def _data_fields(facts: ModuleFacts, schema: Schema, series: str, plans: list) -> DataFields:
    """The split of the module's fields for the methods that move (their code keeps the names
    another model's fields have too)."""
    from migrator.generate.data_fields import split_fields  # libcst

    moved = [p for p in plans if isinstance(p, MethodPlan)]
    return split_fields(facts, schema, series, {(p.model, p.method) for p in moved},
                        [code for p in moved for code in p.codes])


def settle(units: list[Unit], decision: Decision) -> list[Unit]:
    """The units as the decision leaves them: how each converts, or the blockers that stop it."""
    converted = {_key(u): unit_action(plan, u) for plan, _ in decision.moved for u in plan.units}
    # a cron replaced by a time rule; an override of a button by a rule on the state it sets
    replaced = {_key(u): plan.trigger for plan, _ in decision.moved for u in plan.units
                if (u.trigger, plan.trigger) in (("cron", "on_time"), ("manual", "on_write"))}
    stopped = {_key(u): item.blockers for item in decision.not_converted for u in item.units}
    out = []
    for unit in units:
        key = _key(unit)
        if key in converted:
            out.append(dataclasses.replace(unit, convertible=converted[key], replaced_by=replaced.get(key)))
        else:
            # the unit's own blockers first, then those of its method's other units
            blockers = tuple(dict.fromkeys(unit.blockers + stopped.get(key, ())))
            out.append(dataclasses.replace(unit, convertible="no", blockers=blockers))
    return out


def _key(unit: Unit) -> tuple:
    return (unit.evidence.file, unit.evidence.line_start, unit.model, unit.method, unit.kind)


def _uses_own(schema: ModuleSchema, plans: list[MethodPlan]) -> tuple[str, ...]:
    """The module's own models and fields the moved plans name, as "model" and "model.field"."""
    used: list[str] = []
    for plan in plans:
        if plan.model in schema.models:
            used.append(plan.model)
        named = [s.settings.get("field") for s in plan.steps] + list(plan.trigger_fields) + [plan.date_field]
        names = names_used(None, [n for n in named if n]) | names_used(plan.condition)
        for code in plan.codes:
            names |= names_used(code)
        used += [f"{model}.{name}" for model, name in schema.fields if name in names]
    return tuple(sorted(set(used)))


def _used_ids(plans: list[MethodPlan | NotConverted], module: str) -> set[str]:
    """Full xml ids the actions reference: templates, activity types, partners, users, code refs."""
    used: set[str] = set()
    for plan in plans:
        if isinstance(plan, NotConverted):
            continue
        for step in plan.steps:
            s = step.settings
            used.update(x for x in (s.get("template"), s.get("activity_type")) if x)
            used.update(s.get("partners") or ())
        if plan.cron and plan.cron.user_ref:
            used.add(plan.cron.user_ref)
        for code in plan.codes:
            used.update(n.value for n in ast.walk(ast.parse(code))
                        if isinstance(n, ast.Constant) and isinstance(n.value, str))
    return {full_id(x, module) for x in used}
