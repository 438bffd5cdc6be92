"""Scenarios built from the audit: for every moved method, records that take each branch
of its condition through its trigger (docs/scenarios.md), and a hypothesis strategy that
draws other records for the same operations.

A probe is one method: `scenario(initial, change)` replays the method's trigger on one
record created with `initial` values (and, on write, written with `change`).
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from migrator.generate.convert import fills_when_empty, replaced_button
from migrator.generate.plan import MethodPlan
from migrator.runtime.registry import Registry
from migrator.verify.branches import Leaf, branch_values, candidates, leaves, passes, strategy, unhash
from migrator.verify.fixtures import Fixtures
from migrator.verify.scenario import Record, Scenario, Step

RECORD = "record"
# Units of a delay (base.automation trg_date_range_type) -> a step of the clock.
_CLOCK_STEPS = {"day": {"days": 1}, "hour": {"hours": 1}, "minutes": {"minutes": 1}, "month": {"days": 31}}
_INTERVALS = {"minutes": "minutes", "hours": "hours", "days": "days", "weeks": "weeks"}
# Many2one fields what actions do commonly reads: who gets the activity, whom mail goes to.
_READ_BY_EFFECTS = ("user_id", "partner_id")
# the partner of the administrator, who the operations run as unless a scenario says otherwise
# (verify/replay.py, odoo_engine/driver.py)
_ADMIN_PARTNER = "base.partner_admin"


@dataclass
class Probe:
    plan: MethodPlan
    registry: Registry
    fixtures: Fixtures
    literals: dict[str, list[Any]] = field(default_factory=dict)  # interesting field -> domain literals
    change_fields: tuple[str, ...] = ()  # on write (and on create or write): the fields written
    written: tuple[str, ...] = ()  # fields the method writes: filled, so that a write shows
    writes: dict[str, Any] = field(default_factory=dict)  # the literal values it writes, where known
    paths: dict[str, tuple[str, ...]] = field(default_factory=dict)  # many2one -> path the code reads
    tests: list[Leaf] = field(default_factory=list)  # the condition's leaves, else the code's tests
    pre_tests: list[Leaf] = field(default_factory=list)  # on write: the leaves of filter_pre_domain
    samples: dict[str, str] = field(default_factory=dict)  # normalised field -> a text its normalisation changes

    @property
    def name(self) -> str:
        return f"{self.plan.model}.{self.plan.method} ({self.plan.trigger})"

    @property
    def button(self) -> bool:
        """An override of Odoo's button replaced by a rule on the state it writes."""
        return replaced_button(self.plan) is not None

    def scenario(self, initial: dict[str, Any], change: dict[str, Any], branch: str,
                 kind: str = "branch") -> Scenario:
        plan = self.plan
        values = {**self.fixtures.required(plan.model), **initial}
        if self.button:  # the state the button moves from, or not, written out
            values = {**dict.fromkeys(plan.trigger_fields), **change, **values}
        create = Step("create", RECORD, plan.model, values)
        steps: list[Step]
        if self.button:  # the rule follows the write of Odoo's button: the button is pressed
            steps = [create, Step("button", RECORD, method=plan.method)]
        elif plan.trigger == "on_write":
            # the other field written is not one the logic wrote: that would hide its effect
            steps = [create, Step("write", RECORD, values=change), *self._unrelated_write(values, self.written)]
        elif plan.trigger == "on_unlink":
            steps = [create, Step("unlink", RECORD)]
        elif plan.trigger == "manual":
            steps = [create, Step("button", RECORD, method=plan.method)]
        elif plan.trigger == "on_time":
            steps = [Step("scheduler"), create, *self._ticks()]
        elif plan.trigger == "cron":
            tick = Step("advance", delta=_interval(plan))
            steps = [Step("scheduler"), create, tick, Step("scheduler"), tick, Step("scheduler")]
        else:
            steps = [create]
        return self._named(branch, steps, kind)

    def branches(self) -> list[Scenario]:
        """One scenario inside the condition, one outside it per test of the condition; on
        write, one per trigger field writing the value the record has; on create and write,
        the records of every branch in one call; without a condition, the record through
        the other operations (where the logic must not act)."""
        found = self.tests
        inside, outsides = branch_values(self.registry, self.plan.model, found, self.fixtures)
        inside = {**self._defaults(), **inside}
        for name, sample in self.samples.items():
            if all(passes(op, sample, target) for n, op, target in found if n == name):
                inside[name] = sample  # the module changes it before saving: inside must show that
        cond = self.plan.condition or (f"code tests {_tests_text(found)}" if found else "no condition")
        branches = [(f"inside {cond}", inside)]
        for (name, op, target), values in outsides:
            branches.append((f"outside: {name} {op} {target!r} fails", {**inside, **values}))
        runs = [self._split(values, label) for label, values in branches]
        if self.plan.trigger == "on_create_or_write" and self.change_fields:
            # the rule runs on writes of its trigger fields too: each branch reached by a write
            runs += [self._reached_by_write(values, f"{label}, by a write") for label, values in branches]
        for name, op, target in self.pre_tests:
            # the values after the write inside, those before it failing the test before the write
            initial, change = self._initial_and_change(inside, fails=(name, op, target))
            if not passes(op, initial.get(name), target):
                runs.append(self.scenario(initial, change, f"outside before the write: {name} {op} {target!r} fails"))
        runs += self._unchanged_values(inside)
        runs += self._batch([values for _label, values in branches])
        # a button's override acts on no write: nor must the rule; a record inside written in a
        # field the logic writes and not in a trigger field: the branches' other write leaves
        # those alone (it would hide what the logic wrote)
        if not found or self.button or (self.plan.trigger == "on_write" and self.plan.trigger_fields
                                        and self.written):
            runs += self._other_operations(inside)
        return runs

    def strategy(self) -> st.SearchStrategy[tuple[dict, dict]]:
        """(initial, change) pairs; a write always changes what it writes (see docs/verify.md)."""
        drawn = {name: strategy(self.registry, self.plan.model, name, self.fixtures, lits)
                 for name, lits in self.literals.items()}
        changed = {name: strategy(self.registry, self.plan.model, name, self.fixtures, self.literals.get(name, []))
                   for name in self.change_fields}
        initial = st.fixed_dictionaries({name: s for name, s in drawn.items() if s is not None})
        change = st.fixed_dictionaries({name: s for name, s in changed.items() if s is not None})
        return st.tuples(initial, change).filter(lambda pair: all(
            pair[0].get(name) != value for name, value in pair[1].items()))

    def _defaults(self) -> dict[str, Any]:
        """A record that gets the effects a chance: dates at the delay, relations filled,
        the records the method's code reads through (`record.team_id.user_id`) there."""
        values: dict[str, Any] = {name: self.fixtures.path(self.plan.model, path) for name, path in self.paths.items()}
        for name in self.literals:
            pool = candidates(self.registry, self.plan.model, name, self.fixtures, [])
            if self.plan.trigger == "on_time" and name == self.plan.date_field:
                values[name] = {"today": abs((self.plan.delay or (0, ""))[0]) + 1}
            elif name in self.written and name in fills_when_empty(self.plan):
                continue  # the module fills it only when the caller does not give it
            elif name in self.written and len(pool) > 1:
                # another value than the one the method writes: the write must show
                target = self.writes.get(name, _UNKNOWN)
                values[name] = next((v for v in (unhash(x) for x in [*pool[1:], pool[0]])
                                     if v is not False and v != target), unhash(pool[1]))
            elif name in _READ_BY_EFFECTS and len(pool) > 1:
                values[name] = unhash(pool[1])
        return values

    def _unrelated_write(self, values: dict[str, Any], avoid: tuple[str, ...] = ()) -> list[Step]:
        """A write of another field: the logic must not run for it (trigger fields). A field
        the logic writes first (were it to run, it would show), but those in `avoid`."""
        fields = self.registry.model_class(self.plan.model)._fields
        for name in (*self.written, "name"):
            if name in self.change_fields or name in avoid or name not in fields or not fields[name].store:
                continue
            pool = [unhash(v) for v in candidates(self.registry, self.plan.model, name, self.fixtures, [])]
            other = next((v for v in reversed(pool) if v not in (False, values.get(name))), None)
            if other is not None:
                return [Step("write", RECORD, values={name: other})]
        return []

    def _split(self, values: dict[str, Any], branch: str) -> Scenario:
        """On write: the record starts with another value of each written field."""
        if self.plan.trigger != "on_write":
            return self.scenario(values, {}, branch)
        initial, change = self._initial_and_change(values)
        return self.scenario(initial, change, branch)

    def _reached_by_write(self, values: dict[str, Any], branch: str) -> Scenario:
        """On create and write: the record made with other values of the trigger fields, then
        written with those of the branch."""
        initial, change = self._initial_and_change(values)
        create = Step("create", RECORD, self.plan.model, {**self.fixtures.required(self.plan.model), **initial})
        return self._named(branch, [create, Step("write", RECORD, values=change)], "branch")

    def _initial_and_change(self, values: dict[str, Any], fails: Leaf | None = None
                            ) -> tuple[dict[str, Any], dict[str, Any]]:
        """The values to create the record with and those the write sets: each written field
        starts with another value, one the rule's filter_pre_domain takes (or, for `fails`,
        one failing that test), not empty when the code compares it with the value after."""
        change = {name: values[name] for name in self.change_fields if name in values}
        initial = dict(values)
        for name in self.change_fields:
            pool = [unhash(v) for v in candidates(self.registry, self.plan.model, name, self.fixtures,
                                                  self.literals.get(name, []))]
            change.setdefault(name, pool[-1])
            tests = [(op, t) for n, op, t in self.pre_tests if n == name]
            others = [v for v in pool if v != change[name]]
            if name in self.plan.old_values:
                others = sorted(others, key=lambda v: v in (False, "", None))  # a value to compare first
            if fails is not None and fails[0] == name:
                chosen = [v for v in others if not passes(fails[1], v, fails[2])]
            else:
                chosen = [v for v in others if all(passes(op, v, t) for op, t in tests)]
            initial[name] = (chosen or others)[0]
        return initial, change

    def _unchanged_values(self, inside: dict[str, Any]) -> list[Scenario]:
        """On write, per trigger field: the record already has the value the write sets.
        An override runs for it; a rule with trigger fields does not (Odoo compares the
        values before and after), which CONVERSION.md states."""
        if self.plan.trigger != "on_write" or self.button:
            return []
        initial, change = self._initial_and_change(inside)
        runs = []
        for name, value in change.items():
            values = {**self.fixtures.required(self.plan.model), **initial, name: value}
            steps = [Step("create", RECORD, self.plan.model, values), Step("write", RECORD, values={name: value})]
            runs.append(self._named(f"writes {name} with the value the record has", steps, "unchanged value"))
        return runs

    def _batch(self, branches: list[dict[str, Any]]) -> list[Scenario]:
        """The records of every branch (at least two) created in one call, `create([...])`;
        on write, then written in one call, as a list view's mass edit does."""
        if self.plan.trigger not in ("on_create", "on_create_or_write", "on_write") or self.button:
            return []
        if len(branches) < 2:
            branches = [*branches, *branches]
        required = self.fixtures.required(self.plan.model)
        if isinstance(required.get("name"), str):  # distinct names: Odoo keeps some unique (a picking's)
            branches = [{"name": f"{required['name']} {n}", **values} for n, values in enumerate(branches, 1)]
        refs = tuple(f"{RECORD}_{n}" for n in range(1, len(branches) + 1))
        if self.plan.trigger != "on_write":
            steps = [Step("create", model=self.plan.model, refs=refs,
                          values_list=tuple({**required, **values} for values in branches))]
        else:
            # every record starts where the inside one does on the written fields (else some
            # would be written with the value they have: the unchanged-value scenario's case)
            initial, change = self._initial_and_change(branches[0])
            before = {name: initial[name] for name in change}
            initials = tuple({**required, **values, **before} for values in branches)
            steps = [Step("create", model=self.plan.model, refs=refs, values_list=initials),
                     Step("write", refs=refs, values=change)]
        return [self._named(f"{len(refs)} records in one call", steps, "batch")]

    def _other_operations(self, inside: dict[str, Any]) -> list[Scenario]:
        """A record inside (there is no condition) through what is not the unit's trigger:
        the logic must not act. Where nothing else can be replayed, none."""
        plan = self.plan
        values = {**self.fixtures.required(plan.model), **inside}
        create = Step("create", RECORD, plan.model, values)
        other = self._unrelated_write(values)
        records = ()
        if plan.trigger == "on_create":
            records, steps, what = (Record(RECORD, plan.model, values),), other, "made beforehand, then written"
        elif plan.trigger == "on_create_or_write":
            records, steps, what = (Record(RECORD, plan.model, values),), [Step("unlink", RECORD)], \
                "made beforehand, then deleted"
        elif plan.trigger == "on_write" and plan.trigger_fields:
            steps, what = [create, *other], "created, another field written"
        elif plan.trigger in ("on_write", "cron"):
            steps, what = [create], "created only"
        elif plan.trigger in ("on_unlink", "manual"):
            steps, what = [create, *other], "created and written"
        elif plan.trigger == "on_time" and plan.date_field:
            far = {**values, plan.date_field: {"today": 60 + 31 * abs((plan.delay or (0, ""))[0])}}
            steps, what = [Step("scheduler"), Step("create", RECORD, plan.model, far), *self._ticks()], \
                "its date far ahead"
        else:
            return []
        if not steps:
            return []
        scenario = self._named(f"other operations ({what})", steps, "other operations")
        return [dataclasses.replace(scenario, records=scenario.records + records)]

    def _ticks(self) -> list[Step]:
        """The clock stepped past the delay, the scheduler run at each step."""
        amount, unit = self.plan.delay or (0, "day")
        tick = Step("advance", delta=_CLOCK_STEPS.get(unit, {"days": 1}))
        return [tick, Step("scheduler")] * (abs(amount) + 2)

    def _through_related(self, values: dict[str, Any]) -> dict[str, Any]:
        """A value for a related field the record does not store (`picking_type_code`,
        related `picking_type_id.code`) given where Odoo reads it: on a starting record of
        the many2one, one per value, that holds it."""
        fields = self.registry.model_class(self.plan.model)._fields
        found = dict(values)
        for name, value in values.items():
            field = fields.get(name)
            if field is None or field.store or not field.related or value in (False, None):
                continue
            head, _, rest = field.related.partition(".")
            if "." in rest or head not in fields or fields[head].type != "many2one":
                continue
            del found[name]
            found[head] = self.fixtures.ref(fields[head].comodel_name, f"{head}_{rest}_{value}", {rest: value})
        return found

    def _user(self) -> str | None:
        """Who the operations run as: another user than the administrator where the logic makes
        the administrator follow the records, which the one creating them follows already."""
        partners = {p for unit in self.plan.units for effect in unit.effects if effect.kind == "followers"
                    for p in effect.details.get("partners") or ()}
        if _ADMIN_PARTNER not in partners:
            return None
        return self.fixtures.ref("res.users", "scenario_user")[1:]

    def _named(self, branch: str, steps: list[Step], kind: str) -> Scenario:
        steps = [dataclasses.replace(step, values=self._through_related(step.values),
                                     values_list=tuple(self._through_related(v) for v in step.values_list))
                 if step.op == "create" else step for step in steps]
        user = self._user()
        return Scenario(f"{self.name}: {branch}", tuple(self.fixtures.records.values()), tuple(steps),
                        exercises=(f"{self.name} {branch}",), unit=self.name, kind=kind, user=user)


def probes(plans: list[MethodPlan], registry: Registry) -> list[Probe]:
    return [_probe(plan, registry) for plan in plans]


def _probe(plan: MethodPlan, registry: Registry) -> Probe:
    probe = Probe(plan, registry, Fixtures(registry))
    fields = registry.model_class(plan.model)._fields
    literals: dict[str, list[Any]] = {}
    probe.tests = (leaves(plan.condition) or []) if plan.condition else _code_tests(plan, registry)
    probe.pre_tests = leaves(plan.pre_condition) or []
    for name, _op, target in probe.tests:
        literals.setdefault(name, []).append(target)
    for name, _op, target in probe.pre_tests:
        # either side of the bound: a value before the write on each side of the test
        near = [target + 1, target - 1] if isinstance(target, (int, float)) and not isinstance(target, bool) else []
        literals.setdefault(name, []).extend([target, *near])
    written = [name for unit in plan.units for effect in unit.effects if effect.kind == "field_write"
               for name in effect.details.get("fields", {})]
    probe.written = tuple(written)
    probe.writes = {name: _literal(source) for unit in plan.units for effect in unit.effects
                    if effect.kind == "field_write" for name, source in effect.details.get("fields", {}).items()
                    if _literal(source) is not _UNKNOWN}
    for name in (n for unit in plan.units for effect in unit.effects for n in effect.details.get("clock", ())):
        if name in fields:  # the clock at the scenario's start: the record starts with another date
            probe.writes[name] = {"now": 0} if fields[name].type == "datetime" else {"today": 0}
    for name, equation in _equations(plan).items():
        # a value the normalisation changes comes first, so that the records inside show it
        sample = next((v for v in _SAMPLES if _normalise(equation, name, v) != v), None)
        if sample is not None:
            literals[name] = [sample, *literals.get(name, [])]
            probe.samples[name] = sample
    for name in plan.old_values:
        if name in fields and fields[name].type in ("char", "text"):
            literals.setdefault(name, []).append("B")  # two texts: a value before the write and another after
    for name in (*plan.trigger_fields, *([plan.date_field] if plan.date_field else []), *written,
                 *plan.old_values, *_READ_BY_EFFECTS):
        if name in fields and fields[name].store and not fields[name].get("compute"):
            literals.setdefault(name, [])
    probe.literals = literals
    probe.paths = _read_paths(plan, registry)
    if plan.trigger == "on_create_or_write":
        probe.change_fields = tuple(plan.trigger_fields)
    elif plan.trigger == "on_write":
        probe.change_fields = tuple(plan.trigger_fields) or tuple(dict.fromkeys(
            [n for n, _, _ in [*probe.tests, *probe.pre_tests]] + list(plan.old_values)))
    return probe


_UNKNOWN = object()
# Texts a normalisation of written values (classify/normalised.py: string methods) changes.
_SAMPLES = (" aB ", "aB", "-aB-")


def _equations(plan: MethodPlan) -> dict[str, str]:
    """The normalisations (not the clock or copies of another field: classify/set_values.py)."""
    return {name: equation for unit in plan.units for effect in unit.effects
            for name, equation in effect.details.get("equations", {}).items()
            if name not in effect.details.get("clock", ()) and name not in effect.details.get("copied", {})}


def _normalise(equation: str, name: str, value: str) -> Any:
    """`record.<name>.strip().upper()` applied to `value`: only str methods, on a text."""
    chain = equation.removeprefix(f"record.{name}")
    return eval("value" + chain, {"__builtins__": {}}, {"value": value})  # noqa: S307


def _literal(source: Any) -> Any:
    """The value a field write's source spells (`'opportunity'`), else _UNKNOWN."""
    try:
        return ast.literal_eval(source) if isinstance(source, str) else _UNKNOWN
    except (ValueError, SyntaxError):
        return _UNKNOWN


_OPS = {ast.Eq: "=", ast.NotEq: "!=", ast.In: "in", ast.NotIn: "not in"}


def _code_tests(plan: MethodPlan, registry: Registry) -> list[Leaf]:
    """Tests of a field against literals in the method's code (`po.priority == '1'`): the
    branches a code action decides itself."""
    fields = registry.model_class(plan.model)._fields
    found: list[Leaf] = []
    for node in (n for code in plan.codes for n in ast.walk(ast.parse(code))):
        if not (isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _OPS):
            continue
        left, default = _or_default(node.left)
        if not (isinstance(left, ast.Attribute) and left.attr in fields and fields[left.attr].store):
            continue
        try:
            value = ast.literal_eval(node.comparators[0])
        except ValueError:
            continue
        op = _OPS[type(node.ops[0])]
        if default is not _UNKNOWN and op in ("=", "!=") and default == value:
            # `(rec.code or '/') == '/'`: the field empty passes as the default does
            empty = ("", False) if fields[left.attr].type in ("char", "text", "html", "selection") else (False,)
            leaf = (left.attr, "in" if op == "=" else "not in", (value, *empty))
        else:
            leaf = (left.attr, op, value)
        if leaf not in found:
            found.append(leaf)
    return found


def _or_default(node: ast.expr) -> tuple[ast.expr, Any]:
    """`rec.f or <literal>` -> (rec.f, the literal); any other expression -> (it, _UNKNOWN)."""
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or) and len(node.values) == 2:
        try:
            return node.values[0], ast.literal_eval(node.values[1])
        except ValueError:
            pass
    return node, _UNKNOWN


def _tests_text(tests: list[Leaf]) -> str:
    return ", ".join(f"{name} {op} {value!r}" for name, op, value in tests)


def _read_paths(plan: MethodPlan, registry: Registry) -> dict[str, tuple[str, ...]]:
    """Many2one paths the method's code reads (`lead.team_id.user_id.partner_id`), longest
    first per field: the starting records are linked along them."""
    found: dict[str, tuple[str, ...]] = {}
    fields = registry.model_class(plan.model)._fields
    for node in (n for code in plan.codes for n in ast.walk(ast.parse(code))):
        chain: list[str] = []
        while isinstance(node, ast.Attribute):
            chain.insert(0, node.attr)
            node = node.value
        if len(chain) < 2 or chain[0] not in fields or fields[chain[0]].type != "many2one" \
                or not fields[chain[0]].store:
            continue
        if len(chain) > len(found.get(chain[0], ())):
            found[chain[0]] = tuple(chain)
    return found


def _interval(plan: MethodPlan) -> dict[str, int]:
    cron = plan.cron
    number = (cron.interval_number if cron else None) or 1
    unit = (cron.interval_type if cron else None) or "days"
    return {_INTERVALS[unit]: number} if unit in _INTERVALS else {"days": 31 * number}
