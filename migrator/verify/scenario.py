"""Replay scenarios: starting records and the operations replayed through both versions
(docs/scenarios.md). Read from YAML, or built from the audit's units (generate.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from migrator.errors import UsageError

# operation -> the key naming its argument (None: the operation takes none)
OPERATIONS: dict[str, str | None] = {
    "create": "ref", "write": "ref", "unlink": "ref", "button": "ref",
    "advance": None, "run_cron": "method", "run_crons": None, "run_time_rules": None,
    "scheduler": None,
}
# operations that also take a list of records: one call on all of them
BATCH_OPERATIONS = ("create", "write", "unlink")
ADVANCE_UNITS = ("days", "hours", "minutes", "weeks")
DEFAULT_START = datetime.datetime(2025, 3, 3, 9, 0)


@dataclass(frozen=True)
class Record:
    """A starting record: created before either version is active, identical in both runs."""

    ref: str
    model: str
    values: dict[str, Any] = field(default_factory=dict)
    xmlid: str | None = None  # registered under this xml id (records the module env.ref()s)


@dataclass(frozen=True)
class Step:
    op: str  # one of OPERATIONS
    ref: str | None = None  # the scenario record it acts on (create: the name it gets)
    model: str | None = None  # create
    values: dict[str, Any] = field(default_factory=dict)  # create, write
    method: str | None = None  # button: the method; run_cron: the method its cron calls
    delta: dict[str, int] = field(default_factory=dict)  # advance: {days: 1}
    action: str | None = None  # button: the server action's xml id, when not the generated one
    # several records in one call (create, write, unlink), instead of `ref`: create gives
    # each its values (`values_list`), write gives them all `values`
    refs: tuple[str, ...] = ()
    values_list: tuple[dict[str, Any], ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The scenario records the step acts on (or creates)."""
        return self.refs or ((self.ref,) if self.ref else ())


@dataclass(frozen=True)
class Scenario:
    name: str
    records: tuple[Record, ...] = ()
    steps: tuple[Step, ...] = ()
    start: datetime.datetime = DEFAULT_START
    exercises: tuple[str, ...] = ()  # what it was built to exercise (unit, trigger, branch)
    unit: str | None = None  # generated: the unit it was built for ("model.method (trigger)")
    kind: str = ""  # generated: "branch", "unchanged value", "batch" or "other operations"
    user: str | None = None  # a starting res.users record the operations run as (else the administrator)

    def models(self) -> set[str]:
        """The models the scenario names: their tables must exist."""
        return {r.model for r in self.records} | {s.model for s in self.steps if s.model}


def load_scenarios(path: Path) -> list[Scenario]:
    """A YAML file holding one scenario (a mapping) or several (a list of mappings)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: cannot read the scenario: {exc}") from None
    items = data if isinstance(data, list) else [data]
    return [parse_scenario(item, f"{path.name}[{i}]") for i, item in enumerate(items)]


def parse_scenario(data: Any, where: str) -> Scenario:
    if not isinstance(data, dict):
        raise UsageError(f"{where}: a scenario is a mapping")
    _only(data, {"name", "start", "records", "steps", "user"}, where)
    records = tuple(_record(item, f"{where}.records[{i}]") for i, item in enumerate(data.get("records") or []))
    steps = tuple(_step(item, f"{where}.steps[{i}]") for i, item in enumerate(data.get("steps") or []))
    start = data.get("start", DEFAULT_START)
    if isinstance(start, datetime.date) and not isinstance(start, datetime.datetime):
        start = datetime.datetime.combine(start, datetime.time(9, 0))
    if not isinstance(start, datetime.datetime):
        raise UsageError(f"{where}.start: a date and time (2025-03-03 09:00:00)")
    refs = [r.ref for r in records] + [name for s in steps if s.op == "create" for name in s.names]
    if len(set(refs)) != len(refs):
        raise UsageError(f"{where}: a record name is given twice")
    user = data.get("user")
    if user is not None and not any(r.ref == user and r.model == "res.users" for r in records):
        raise UsageError(f"{where}.user: names a starting record of res.users")
    return Scenario(str(data.get("name") or where), records, steps, start, user=user)


def _record(data: Any, where: str) -> Record:
    if not isinstance(data, dict) or not data.get("ref") or not data.get("model"):
        raise UsageError(f"{where}: a record needs ref and model")
    _only(data, {"ref", "model", "values", "xmlid"}, where)
    return Record(str(data["ref"]), str(data["model"]), _values(data.get("values"), where), data.get("xmlid"))


def _step(data: Any, where: str) -> Step:
    if isinstance(data, str):
        data = {data: None}
    if not isinstance(data, dict):
        raise UsageError(f"{where}: an operation is a name or a mapping")
    ops = [key for key in data if key in OPERATIONS]
    if len(ops) != 1:
        raise UsageError(f"{where}: one operation of {', '.join(OPERATIONS)}")
    op = ops[0]
    _only(data, {op, "model", "values", "method", "action"}, where)
    arg = data[op]
    if op == "advance":
        if not isinstance(arg, dict) or not arg or any(k not in ADVANCE_UNITS or not isinstance(v, int)
                                                       for k, v in arg.items()):
            raise UsageError(f"{where}: advance takes {{days|hours|minutes|weeks: integer}}")
        return Step(op, delta=dict(arg))
    if op in BATCH_OPERATIONS and isinstance(arg, list):
        return _batch(op, arg, data, where)
    if OPERATIONS[op] == "ref":
        if not isinstance(arg, str):
            raise UsageError(f"{where}: {op} names a record")
        if op == "create" and not data.get("model"):
            raise UsageError(f"{where}: create needs a model")
        if op == "button" and not data.get("method"):
            raise UsageError(f"{where}: button needs a method")
        return Step(op, arg, data.get("model"), _values(data.get("values"), where), data.get("method"),
                    action=data.get("action"))
    if op == "run_cron":
        if not isinstance(arg, str):
            raise UsageError(f"{where}: run_cron names the method its cron calls")
        return Step(op, method=arg)
    return Step(op)


def _batch(op: str, names: list, data: dict, where: str) -> Step:
    """`create: [a, b]` with `values: [{...}, {...}]`; `write: [a, b]` with `values: {...}`;
    `unlink: [a, b]`: one call on several records, as `create([...])` and `records.write()`."""
    if not names or not all(isinstance(name, str) for name in names) or len(set(names)) != len(names):
        raise UsageError(f"{where}: {op} names a list of distinct records")
    _only(data, {op, "model", "values"}, where)
    if op != "create":
        return Step(op, refs=tuple(names), values=_values(data.get("values"), where))
    if not data.get("model"):
        raise UsageError(f"{where}: create needs a model")
    values = data.get("values") or [{} for _ in names]
    if not isinstance(values, list) or len(values) != len(names):
        raise UsageError(f"{where}: create of {len(names)} records takes a list of {len(names)} values")
    return Step(op, model=data["model"], refs=tuple(names),
                values_list=tuple(_values(v, f"{where}.values[{i}]") for i, v in enumerate(values)))


def _values(data: Any, where: str) -> dict[str, Any]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UsageError(f"{where}: values is a mapping of field names")
    return dict(data)


def _only(data: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise UsageError(f"{where}: unknown key {unknown[0]!r}")


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as YAML, in the format load_scenarios reads."""
    steps: list[Any] = []
    for step in scenario.steps:
        if step.op == "advance":
            steps.append({"advance": step.delta})
        elif step.refs:
            item: dict[str, Any] = {step.op: list(step.refs)}
            item.update({k: v for k, v in (("model", step.model),
                                           ("values", list(step.values_list) or step.values)) if v})
            steps.append(item)
        elif OPERATIONS[step.op] == "ref":
            item = {step.op: step.ref}
            item.update({k: v for k, v in (("model", step.model), ("values", step.values),
                                           ("method", step.method), ("action", step.action)) if v})
            steps.append(item)
        elif step.op == "run_cron":
            steps.append({"run_cron": step.method})
        else:
            steps.append(step.op)
    data = {"name": scenario.name, "start": scenario.start,
            "records": [{k: v for k, v in (("ref", r.ref), ("model", r.model), ("values", r.values),
                                           ("xmlid", r.xmlid)) if v} for r in scenario.records],
            **({"user": scenario.user} if scenario.user else {}),
            "steps": steps}
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


class _Dumper(yaml.SafeDumper):
    """Values shared between records are written out each time, never as YAML aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True
