"""One addon through audit -> convert -> check, reduced to plain per-method outcomes.

Uses only the public API: `migrator.generate.convert_addon` (its `audit` says what the audit
found and calls convertible; `moved` and `not_converted` say, per method plan, what convert
wrote and why not) and `migrator.generate.write_module`, which writes the data module into a
temporary folder and returns `migrator.check.check_module`'s findings. `analyze` lists every
method of the addon, with or without units, so that hand labels can name any of them.
"""

from __future__ import annotations

import tempfile
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from migrator.analyze import analyze
from migrator.generate import convert_addon, write_module
from migrator.model import Addon, Unit

CONVERTIBLE = ("no_code", "code")  # the audit's `convertible` values that promise a conversion


@dataclass(frozen=True)
class UnitOutcome:
    kind: str
    trigger: str
    convertible: str  # the audit's: no_code / code / no
    line: int
    converted: bool  # convert wrote records for it
    reasons: tuple[str, ...]  # why convert did not (its blockers), () when converted

    @property
    def audit_convertible(self) -> bool:
        return self.convertible in CONVERTIBLE


@dataclass(frozen=True)
class MethodOutcome:
    series: str
    addon: str
    file: str
    class_name: str
    model: str
    method: str
    line_start: int  # first decorator
    line_end: int
    units: tuple[UnitOutcome, ...]
    module_checked: bool = False  # the addon's data module was written and passes check

    @property
    def checked(self) -> bool:
        return self.converted and self.module_checked

    @property
    def audit_convertible(self) -> bool:
        """The audit promises the method: it has units and none is `no`."""
        return bool(self.units) and all(u.audit_convertible for u in self.units)

    @property
    def converted(self) -> bool:
        """Convert moved the whole method (a half-moved method is not converted)."""
        return bool(self.units) and all(u.converted for u in self.units)

    @property
    def any_converted(self) -> bool:
        return any(u.converted for u in self.units)

    @property
    def reasons(self) -> tuple[str, ...]:
        if not self.units:
            return ("no unit: the audit found no behaviour in this method",)
        return tuple(dict.fromkeys(r for u in self.units for r in u.reasons))

    def where(self) -> str:
        return f"{self.series}/{self.addon}/{self.file}:{self.line_start} {self.model}.{self.method}"


@dataclass(frozen=True)
class AddonOutcome:
    series: str
    addon: str
    methods: tuple[MethodOutcome, ...]
    converted_module: bool  # convert produced a data module
    check_findings: tuple[str, ...]  # check_module's findings on it, () = passed
    orphans: tuple[str, ...] = ()  # units convert planned that the audit does not list
    error: str | None = None  # the measurement itself crashed (a bug, reported by name)

    @property
    def check_passed(self) -> bool:
        return self.converted_module and not self.check_findings


def _key(unit: Unit) -> tuple:
    return (unit.evidence.file, unit.model, unit.method, unit.kind, unit.evidence.line_start)


def measure_addon(addon: Addon, series: str, given: Mapping[str, Addon] | None = None) -> AddonOutcome:
    """Audit, convert and check one addon for `series` (with the `given` addons it depends on);
    never raises."""
    try:
        return _measure(addon, series, given)
    except Exception:  # noqa: BLE001 - one addon's crash must not end the benchmark
        last = traceback.format_exc().strip().splitlines()[-1]
        return AddonOutcome(series, addon.name, (), False, (), error=last)


def _measure(addon: Addon, series: str, given: Mapping[str, Addon] | None) -> AddonOutcome:
    conversion = convert_addon(addon, series, given=given)
    moved = {_key(u) for plan, _ in conversion.moved for u in plan.units}
    refused: dict[tuple, tuple[str, ...]] = {}
    for item in conversion.not_converted:
        for unit in item.units:
            refused[_key(unit)] = tuple(f"{b.code}: {b.message}" + (f" (line {b.line})" if b.line else "") for b in item.blockers)

    findings: tuple[str, ...] = ()
    if conversion.moved:
        with tempfile.TemporaryDirectory(prefix="coverage-") as tmp:
            found = write_module(conversion, Path(tmp))
        findings = tuple(f"{f.code}: {f.message} ({f.location()})" for f in found)

    audited: set[tuple] = set()
    outcomes: list[tuple[Unit, UnitOutcome]] = []
    for unit in conversion.audit.units:
        key = _key(unit)
        audited.add(key)
        converted = key in moved
        reasons = () if converted else refused.get(key, ("convert neither moved nor refused it",))
        outcomes.append((unit, UnitOutcome(unit.kind, unit.trigger, unit.convertible, unit.evidence.line_start,
                                           converted, reasons)))
    planned = moved | set(refused)
    orphans = tuple(sorted(f"{f}:{line} {m}.{name} ({kind})" for f, m, name, kind, line in planned - audited))

    facts = analyze(addon)
    spans: dict[tuple, list[int]] = {}
    for i, m in enumerate(facts.methods):
        spans.setdefault((m.file, m.model, m.name), []).append(i)
    owned: dict[int, list[UnitOutcome]] = {}
    homeless: dict[tuple, list[tuple[Unit, UnitOutcome]]] = {}
    for unit, outcome in outcomes:
        line = unit.evidence.line_start
        owner = next((i for i in spans.get((unit.evidence.file, unit.model, unit.method), [])
                      if facts.methods[i].span.line_start <= line <= facts.methods[i].span.line_end), None)
        if owner is None:
            homeless.setdefault((unit.evidence.file, unit.model, unit.method), []).append((unit, outcome))
        else:
            owned.setdefault(owner, []).append(outcome)
    checked = bool(conversion.moved) and not findings
    methods = [MethodOutcome(series, addon.name, m.file, m.class_name, m.model or "", m.name,
                             m.span.line_start, m.span.line_end, tuple(owned.get(i, ())), checked)
               for i, m in enumerate(facts.methods)]
    # Units whose method analyze does not list (none expected): kept, so that no unit is lost.
    for (file, model, name), rest in homeless.items():
        lines = [u.evidence.line_start for u, _ in rest] + [u.evidence.line_end for u, _ in rest]
        methods.append(MethodOutcome(series, addon.name, file, "", model, name, min(lines), max(lines),
                                     tuple(o for _, o in rest), checked))
    return AddonOutcome(series, addon.name, tuple(methods), bool(conversion.moved), findings, orphans)
