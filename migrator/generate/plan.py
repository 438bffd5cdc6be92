"""Per method: which records replace it, no-code steps first, code only when needed.

Units of one method share its trigger and its body, so they are planned together: a method
whose units are all no-code and share one condition becomes no-code actions (one per step);
otherwise its whole body becomes one code action through `transform_method`; a write
override's tests on one written value that cover its body (`if vals.get('state') == 'sale':`)
then become the rule's filter_domain. A time-based method whose delay or effects an automation
rule cannot hold stays a scheduled action.
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass, field
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from migrator.analyze.cron_call import call_arguments
from migrator.analyze.excerpt import method_excerpt
from migrator.analyze.files import read_text, source_file
from migrator.analyze.module_facts import ModuleFacts
from migrator.analyze.python_facts import MethodFacts
from migrator.catalogue import load_catalogue
from migrator.classify import track_template
from migrator.classify.before_after import before_after
from migrator.classify.conditions import domain_text, written_value_domain
from migrator.classify.fill_after_insert import fill_after_insert
from migrator.classify.inlining import inlined
from migrator.classify.method_context import MethodContext, negate
from migrator.generate.module_schema import ModuleSchema, staying_schema
from migrator.model import Blocker, Cron, Effect, Span, Unit
from migrator.schema import Schema
from migrator.series import series_facts
from migrator.state_buttons import StateButton, state_button

if TYPE_CHECKING:
    from migrator.generate.transform import TransformResult
    from migrator.generate.transforms.base import HoistedGuard

# Trigger of the unit -> what `transform_method` writes the code for.
_TARGETS = {"cron": "cron", "manual": "manual"}
# Effect kind -> the action state doing it; the effect's details configure it.
# (an SMS is code: the sms action's composer refuses recipients without a number, classify/rules/sms.py)
_STATES = {"record_create": "object_create", "mail_send": "mail_post", "followers": "followers",
           "activity": "next_activity"}


@dataclass(frozen=True)
class Step:
    """One no-code action. `settings` is series-independent (the effect's details, one field
    of a write); records.py spells it per series."""

    state: str  # ir.actions.server state
    effect: Effect
    settings: dict = field(default_factory=dict)


@dataclass(frozen=True)
class MethodPlan:
    model: str
    method: str
    trigger: str  # the unit's trigger; "cron" for a scheduled action
    units: tuple[Unit, ...]
    class_name: str  # the Python class defining the method (for the residual module)
    evidence: Span
    steps: tuple[Step, ...] = ()  # no-code actions, in source order
    code: str | None = None  # the code action, when steps cannot say it
    condition: str | None = None  # filter_domain: the units' (no-code) or the guards code dropped
    pre_condition: str | None = None  # filter_pre_domain: what the records matched before the write
    old_values: tuple[str, ...] = ()  # code: fields whose values before the write it reads (old_values)
    given: tuple[str, ...] = ()  # code: fields of the values given to create it reads on the records
    trigger_fields: tuple[str, ...] = ()
    delay: tuple[int, str] | None = None  # on_time: Unit.date_delay
    date_field: str | None = None
    cron: Cron | None = None  # the module's cron that called the method (it goes too)
    notes: tuple[str, ...] = ()
    hoisted: tuple[HoistedGuard, ...] = ()  # code: the guards now said by `condition`
    inlined: tuple[str, ...] = ()  # code: helper methods of the same class copied into it
    as_one: tuple[int, ...] = ()  # lines where the method treats its records as one (MethodContext.as_one)

    @property
    def codes(self) -> tuple[str, ...]:
        """The code the plan runs: its code action, or the code steps of its multi."""
        return (self.code,) if self.code is not None else tuple(
            s.settings["code"] for s in self.steps if s.state == "code")

    def with_codes(self, rewrite: Callable[[str], str]) -> MethodPlan:
        """The plan with each of its codes rewritten (env.ref() strings, ...)."""
        if self.code is not None:
            return dataclasses.replace(self, code=rewrite(self.code))
        steps = tuple(dataclasses.replace(s, settings={**s.settings, "code": rewrite(s.settings["code"])})
                      if s.state == "code" else s for s in self.steps)
        return dataclasses.replace(self, steps=steps)


@dataclass(frozen=True)
class NotConverted:
    model: str
    method: str
    units: tuple[Unit, ...]
    evidence: Span
    blockers: tuple[Blocker, ...]  # why, in the order found (codes of migrator/blockers.py)


def plan_methods(facts: ModuleFacts, units: list[Unit], series: str,
                 schema: ModuleSchema | None = None) -> list[MethodPlan | NotConverted]:
    """One plan per method with units, in source order. `schema`: what tells the types of the
    fields the code reads (default: the catalogue of the series and the module's own fields)."""
    schema = schema or staying_schema(facts, Schema(load_catalogue(series)))
    groups: dict[tuple[str, str, str], list[Unit]] = {}
    for unit in units:
        groups.setdefault((unit.evidence.file, unit.model, unit.method), []).append(unit)
    return [_plan(facts, tuple(group), series, schema) for group in groups.values()]


def _plan(facts: ModuleFacts, units: tuple[Unit, ...], series: str, schema: ModuleSchema) -> MethodPlan | NotConverted:
    first = units[0]
    if any(u.convertible == "no" for u in units):
        return NotConverted(first.model, first.method, units, first.evidence,
                            tuple(dict.fromkeys(b for u in units for b in u.blockers)))
    method = _method_facts(facts, first)
    # what Odoo calls on all the records of one operation (not a per-record hook: _track_template)
    several = method.name in ("create", "write", "unlink") or first.trigger == "manual"
    as_one = MethodContext(method, facts, first.trigger).as_one(schema.field_types(first.model)) if several else ()
    base = dict(model=first.model, method=first.method, units=units, evidence=first.evidence,
                class_name=method.class_name, as_one=as_one)
    steps = _steps(units)
    if steps is not None and (not _copies_hold(facts, units, series) or _fills_required(steps, first, series)):
        steps = None  # the code's rewrite says why the written value cannot be read or written so
    if first.trigger == "cron" and first.date_field and steps is not None:
        # a no-code cron acting per record once its date has come: a time-based rule, its
        # delay as the audit read it (classify._timed_unit says when that is equivalent)
        return MethodPlan(trigger="on_time", steps=steps, condition=first.condition, delay=first.date_delay,
                          date_field=first.date_field, cron=first.cron, **base)
    if first.trigger == "cron":
        return _code_plan(facts, method, units, series, schema, "cron", base)
    if first.method == track_template.NAME:
        return _track_template_plan(facts, method, units, series, base)
    same_condition = len({u.condition for u in units}) == 1
    button = state_button(first.model, first.method) if first.trigger == "manual" and method.calls_super else None
    if button is not None:
        return _button_rule_plan(facts, method, units, series, schema, steps if same_condition else None, button, base)
    if steps is not None and _trigger_allows(first.trigger, steps, series) and same_condition:
        return MethodPlan(trigger=first.trigger, steps=steps, condition=first.condition,
                          trigger_fields=first.trigger_fields, **base)
    target = _TARGETS.get(first.trigger, "automation")
    return _mixed_plan(facts, method, units, series, schema, target, base) \
        or _code_plan(facts, method, units, series, schema, target, base)


def _mixed_plan(facts: ModuleFacts, method: MethodFacts, units: tuple[Unit, ...], series: str,
                schema: ModuleSchema, target: str, base: dict) -> MethodPlan | None:
    """Some units no-code, the others code, all under one condition: a `multi` of the no-code
    actions and one code action for the rest (the body without the no-code statements), in
    source order. None when that order cannot hold (a no-code effect between two code ones),
    or the code part needs other conditions or other trigger fields than the rule's."""
    first = units[0]
    plain = [u for u in units if u.convertible == "no_code"]
    if not plain or len(plain) == len(units) or len({(u.condition, u.trigger_fields) for u in units}) != 1:
        return None
    effects = sorted(((e, u.convertible == "no_code") for u in units for e in u.effects),
                     key=lambda pair: (pair[0].span.file, pair[0].span.line_start))
    coded = [i for i, (_, no_code) in enumerate(effects) if not no_code]
    if coded[-1] - coded[0] + 1 != len(coded) or any(e.span.file != method.file for e, _ in effects):
        return None
    result, helpers = _transform(facts, method, first, series, schema, target,
                                 drop=frozenset(e.span.line_start for e, no_code in effects if no_code))
    if result.code is None or not set(result.trigger_fields) <= set(first.trigger_fields) \
            or result.filter_domain not in (None, first.condition) or result.filter_pre_domain \
            or result.old_values or result.given:
        return None
    steps: list[Step] = []
    for index, (effect, no_code) in enumerate(effects):
        if no_code:
            steps.extend(_effect_steps(effect))
        elif index == coded[0]:
            what = "; ".join(dict.fromkeys(effects[i][0].description for i in coded))
            steps.append(Step("code", dataclasses.replace(effect, description=what), {"code": result.code}))
    if not _trigger_allows(first.trigger, steps, series):
        return None
    return MethodPlan(trigger=first.trigger, steps=tuple(steps), condition=first.condition,
                      trigger_fields=first.trigger_fields, notes=result.notes, hoisted=result.hoisted,
                      inlined=helpers, **base)


def _button_rule_plan(facts: ModuleFacts, method: MethodFacts, units: tuple[Unit, ...], series: str,
                      schema: ModuleSchema, steps: tuple[Step, ...] | None, button: StateButton,
                      base: dict) -> MethodPlan | NotConverted:
    """An override of an Odoo button that only moves records to a state, acting after super()
    (migrator/state_buttons.py): a rule on write of that state, from the states the button moves
    to the one it writes; its no-code steps, else the body after super() as code."""
    first = units[0]
    rule = dict(trigger="on_write", trigger_fields=(button.state,), pre_condition=domain_text(button.pre_domain()))
    if steps is not None and _trigger_allows("on_write", steps, series):
        return MethodPlan(steps=steps, condition=_and(button.post_domain(), first.condition), **rule, **base)
    result, helpers = _transform(facts, method, first, series, schema, "automation", after_button=True)
    if result.code is None:
        return NotConverted(first.model, first.method, units, first.evidence, result.blockers)
    return MethodPlan(code=result.code, condition=_and(button.post_domain(), result.filter_domain), notes=result.notes,
                      inlined=helpers, **rule, **base)


def _track_template_plan(facts: ModuleFacts, method: MethodFacts, units: tuple[Unit, ...], series: str,
                         base: dict) -> MethodPlan | NotConverted:
    """A `_track_template` override adding one template for one tracked field: a rule on create
    and on write of that field posting it (generate/track_template_code.py)."""
    first = units[0]
    read = track_template.read(method.node)
    problem = read.problem
    if problem is None and len(read.posts) > 1:
        problem = ("templates for several fields (one rule per field would post each)", read.posts[1].node)
    post = read.posts[0] if read.posts else None
    code = None
    if problem is None and post is not None:
        model = method.model or ""
        own = {f.name for c in facts.model_classes if c.model == model for f in c.fields if f.tracking}
        if post.field not in load_catalogue(series).tracked(model) | own:
            problem = (f"'{post.field}' is not tracked on {model}: Odoo never posts this template", post.node)
        elif track_template.ODOO_OWN.get(model) == post.field:
            problem = (f"Odoo's own override posts the template of {model}'s stage for '{post.field}': this one "
                       "replaces it, where a rule would post both", post.node)
        else:
            from migrator.generate.track_template_code import track_template_code  # only for code: as transform_method

            code, why = track_template_code(post, read.records, series)
            problem = (why, post.node) if why else None
    if code is None or post is None:
        what, where = problem or ("no template read", method.node)
        return NotConverted(first.model, first.method, units, first.evidence, (Blocker(
            "track-template", f"{what}.", rule="decide", line=getattr(where, "lineno", None)),))
    return MethodPlan(trigger="on_create_or_write", code=code, trigger_fields=(post.field,), **base)


def _and(domain: list, condition: str | None) -> str:
    """The domain and-ed with a condition (a domain as text)."""
    more = ast.literal_eval(condition) if condition else []
    return domain_text(["&"] * bool(more) + domain + more)


def _trigger_allows(trigger: str, steps: Iterable[Step], series: str) -> bool:
    """No step the rule's trigger refuses (a post when deleting): else the method is code."""
    facts = series_facts(series)
    return all(facts.trigger_allows(trigger, step.state) for step in steps)


def _transform(facts: ModuleFacts, method: MethodFacts, first: Unit, series: str, schema: ModuleSchema,
               target: str, drop: frozenset[int] = frozenset(),
               after_button: bool = False) -> tuple[TransformResult, tuple[str, ...]]:
    """The rewrite of the method into action code, and the helpers inlined into it."""
    text, _ = read_text(source_file(facts.addon.path, method.file))
    tree = facts.file_facts(method.file).tree  # type: ignore[union-attr]
    mctx = MethodContext(method, facts, first.trigger)
    helpers = tuple(h.name for h in inlined(mctx) or ())
    source = method_excerpt(text or "", tree, method.class_name, method.name, helpers)
    fields = load_catalogue(series).fields(method.model or "")
    guards, compared = {}, None
    if first.trigger == "on_write":
        guards = _domain_guards(mctx, {name: f.relation for name, f in fields.items()
                                       if f.type == "many2one" and f.relation})
        compared = before_after(mctx, fields, series)
    cron = first.cron
    arguments = call_arguments(cron.code, method.name) if target == "cron" and cron and cron.code else None
    from migrator.generate.installed_fields import installed_fields
    from migrator.generate.transform import transform_method  # libcst: only for methods that need code

    # the module's own fields besides the catalogue's, and which of them a rule may fill after the insert
    own = {name: why for name, why in fill_after_insert(facts, method.model or "").items() if name not in fields}
    return transform_method(source, method.class_name, method.name, target, series, domain_guards=guards,
                            drop_lines=drop, helpers=helpers, before_after=compared,
                            field_types=schema.field_types(method.model or ""),
                            required=[name for name, f in fields.items() if f.required],
                            fill_after=own, trigger_fields=first.trigger_fields, arguments=arguments,
                            model=method.model or "", fields_of=installed_fields(facts, schema),
                            after_button=after_button), helpers


def _code_plan(facts: ModuleFacts, method: MethodFacts, units: tuple[Unit, ...], series: str,
               schema: ModuleSchema, target: str, base: dict) -> MethodPlan | NotConverted:
    first = units[0]
    result, helpers = _transform(facts, method, first, series, schema, target)
    if result.code is None:
        return NotConverted(first.model, first.method, units, first.evidence, result.blockers)
    trigger = "cron" if target == "cron" else first.trigger
    if trigger == "cron" and first.cron is None:
        return NotConverted(first.model, first.method, units, first.evidence, (Blocker(
            "no-cron", "the method is not called by a scheduled action of the module.", rule="decide"),))
    fields = tuple(dict.fromkeys(first.trigger_fields + result.trigger_fields))
    return MethodPlan(trigger=trigger, code=result.code, trigger_fields=fields if trigger == "on_write" else (),
                      condition=result.filter_domain, pre_condition=result.filter_pre_domain,
                      old_values=result.old_values, given=result.given, cron=first.cron, notes=result.notes, hoisted=result.hoisted,
                      inlined=helpers, **base)


def _domain_guards(ctx: MethodContext, relations: dict[str, str]) -> dict[int, str]:
    """Line -> domain of the `if`s (no else) at the top of the body, or alone in such an `if`,
    that test one written value: transform_method drops those covering the whole body. A guard
    clause (`if vals.get('f') != v: return ...`) wraps the rest in its negated test: that test."""
    guards: dict[int, str] = {}
    clauses = {id(g) for g in ctx.guard_clauses}
    for node in ctx.body:
        while isinstance(node, ast.If) and not node.orelse:
            domain = written_value_domain(ctx, negate(node.test) if id(node) in clauses else node.test, relations)
            if domain is None:
                break
            guards[node.lineno] = domain_text(domain)
            node = node.body[0] if len(node.body) == 1 else None
    return guards


def _method_facts(facts: ModuleFacts, unit: Unit) -> MethodFacts:
    return next(m for m in facts.methods
                if m.model == unit.model and m.name == unit.method and m.file == unit.evidence.file)


def _steps(units: tuple[Unit, ...]) -> tuple[Step, ...] | None:
    """No-code steps for every effect, in source order, or None when one of them needs code."""
    if any(u.convertible != "no_code" for u in units):
        return None
    return tuple(step for u in units for e in u.effects for step in _effect_steps(e))


# Types whose value on the record, written back, is what the values held (a many2one: the
# record for its id); x2many values are commands, binary ones base64 against sizes.
_COPYABLE = frozenset({"char", "text", "html", "selection", "integer", "float", "monetary", "boolean",
                       "date", "datetime", "many2one"})


def _copies_hold(facts: ModuleFacts, units: tuple[Unit, ...], series: str) -> bool:
    """A field set to another written field's value (classify/set_values.py) reads it on the
    record only when both have one such type, the same (and the same comodel)."""
    copied = {name: source for u in units for e in u.effects for name, source in e.details.get("copied", {}).items()}
    if not copied:
        return True
    types = {name: (f.type, f.relation) for name, f in load_catalogue(series).fields(units[0].model).items()}
    for c in facts.model_classes:
        if c.model == units[0].model:
            types.update({d.name: (d.type.lower(), d.comodel) for d in c.fields if not d.redefines})
    return all(types.get(name) is not None and types.get(name) == types.get(source)
               and types[name][0] in _COPYABLE for name, source in copied.items())


def _fills_required(steps: tuple[Step, ...], unit: Unit, series: str) -> bool:
    """A create override filling a required field where the caller gave none: no record is
    inserted without it, so no rule on create could fill it (the rewrite into code refuses it)."""
    if unit.trigger != "on_create" or not unit.condition:
        return False
    empty = {leaf[0] for leaf in ast.literal_eval(unit.condition)
             if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and leaf[1:] == ("=", False)}
    required = {name for name, f in load_catalogue(series).fields(unit.model).items() if f.required}
    return any(s.settings.get("field") in empty & required for s in steps)


def _effect_steps(effect: Effect) -> list[Step]:
    """The no-code actions of one no-code effect: one object_write per field written."""
    if effect.kind == "field_write":
        # an equation: the value computed on the record when the action runs (normalised.py)
        equations = effect.details.get("equations", {})
        return [Step("object_write", effect, {"field": f, "value": v, "equation": equations.get(f)})
                for f, v in effect.details["fields"].items()]
    return [Step(_STATES[effect.kind], effect, effect.details)]


def unit_action(plan: MethodPlan, unit: Unit) -> str:
    """How a converted unit is done: "code" when its effects run in a code action, else "no_code"."""
    return "code" if plan.code is not None else unit.convertible
