"""The versioned JSON report (docs/report-schema.md): the one source of the audit's figures.

`to_dict` is what the other formats render from, so every format shows the same numbers.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import migrator
from migrator.model import (
    CONVERTIBLES, KINDS, ONLINE_ANSWERS, REMOVAL_STATUSES, VERDICTS, AuditResult, Effect, Finding,
    ModuleResult, Rates, Readiness, Removal, Unit,
)

SCHEMA_VERSION = 1

LINE_COUNTING = (
    "Lines are counted as Odoo's cloc counts them (Python: distinct lines of code; XML, JS, "
    "CSS: non-blank lines outside comments; manifest, tests, migrations and demo data left "
    "out); no-code actions count 0; code actions count their Python."
)
COSTING = (
    "Hours = lines saved / 1000 x hours_per_kloc and money = hours x hourly_rate, computed "
    "only from the rates the user gave; no rate is invented."
)


def _effect(effect: Effect) -> dict[str, Any]:
    return {
        "kind": effect.kind,
        "description": effect.description,
        "no_code": effect.no_code,
        "line_start": effect.span.line_start,
        "line_end": effect.span.line_end,
        "details": {key: effect.details[key] for key in sorted(effect.details)},
    }


def _unit(unit: Unit) -> dict[str, Any]:
    return {
        "model": unit.model,
        "method": unit.method,
        "kind": unit.kind,
        "trigger": unit.trigger,
        "trigger_fields": list(unit.trigger_fields),
        "convertible": unit.convertible,
        "blockers": [{"code": b.code, "message": b.message} for b in unit.blockers],
        "evidence": {
            "file": unit.evidence.file,
            "line_start": unit.evidence.line_start,
            "line_end": unit.evidence.line_end,
        },
        "effects": [_effect(e) for e in unit.effects],
        "condition": unit.condition,
        "replaced_by": unit.replaced_by,
        "date_field": unit.date_field,
        "date_delay": {"amount": unit.date_delay[0], "unit": unit.date_delay[1]} if unit.date_delay else None,
    }


def _error(finding: Finding) -> dict[str, Any]:
    return {"code": finding.code, "message": finding.message, "file": finding.file, "line": finding.line}


def _online(online: Readiness | None) -> dict[str, Any] | None:
    if online is None:
        return None
    return {
        "answer": online.answer,
        "summary": online.summary,
        "python": [{"code": p.code, "name": p.name, "message": p.message, "file": p.file, "line": p.line}
                   for p in online.python],
        "needs": list(online.needs),
    }


def _removal(removal: Removal | None) -> dict[str, Any] | None:
    if removal is None:
        return None
    return {
        "status": removal.status,
        "round": removal.round,
        "blocked_by": list(removal.blocked_by),
        "changes": list(removal.changes),
        "summary": removal.summary,
    }


def _module(module: ModuleResult) -> dict[str, Any]:
    savings = module.savings
    return {
        "name": module.name,
        "path": module.path,
        "series": module.series,
        "verdict": module.verdict,
        "summary": module.summary,
        "stays": {key: list(module.stays[key]) for key in sorted(module.stays)},
        "units": [_unit(u) for u in module.units],
        "errors": [_error(f) for f in module.errors],
        "savings": {
            "lines_before": savings.lines_before,
            "lines_after": savings.lines_after,
            "lines_saved": savings.lines_saved,
            "hours": savings.hours,
            "money": savings.money,
        },
        "depends": list(module.depends),
        "required_by": list(module.required_by),
        "online": _online(module.online),
        "removal": _removal(module.removal),
    }


def _counts(values: list[str], keys: tuple[str, ...]) -> dict[str, int]:
    """Every known key, zero included, so consumers never test for presence."""
    counter = Counter(values)
    counts = {key: counter[key] for key in keys}
    # A value outside the model's vocabulary is still counted rather than dropped.
    counts.update({key: counter[key] for key in sorted(counter) if key not in counts})
    return counts


def totals(result: AuditResult) -> dict[str, Any]:
    """The `totals` object: sums over all modules, every count key present."""
    modules = result.modules
    units = [u for m in modules for u in m.units]
    rates = result.rates
    # Module figures come from the plan stage; their sum is rounded so float noise never shows.
    hours = None
    if rates.hours_per_kloc is not None:
        hours = round(sum(m.savings.hours or 0.0 for m in modules), 2)
    money = None
    if hours is not None and rates.hourly_rate is not None:
        money = round(sum(m.savings.money or 0.0 for m in modules), 2)
    lines_before = sum(m.savings.lines_before for m in modules)
    lines_after = sum(m.savings.lines_after for m in modules)
    return {
        "modules": len(modules),
        "verdicts": _counts([m.verdict for m in modules], VERDICTS),
        "units": len(units),
        "kinds": _counts([u.kind for u in units], KINDS),
        "convertible": _counts([u.convertible for u in units], CONVERTIBLES),
        "lines_before": lines_before,
        "lines_after": lines_after,
        "lines_saved": lines_before - lines_after,
        "hours": hours,
        "money": money,
        "online": _counts([m.online.answer for m in modules if m.online], ONLINE_ANSWERS),
        "online_ready": sum(1 for m in modules if m.online and m.online.answer == "yes" and not m.online.needs),
        "removal": _counts([m.removal.status for m in modules if m.removal], REMOVAL_STATUSES),
    }


def _assumptions(rates: Rates) -> dict[str, Any]:
    return {
        "hours_per_kloc": rates.hours_per_kloc,
        "hourly_rate": rates.hourly_rate,
        "currency": rates.currency,
        "line_counting": LINE_COUNTING,
        "costing": COSTING,
    }


def to_dict(result: AuditResult) -> dict[str, Any]:
    """The audit as plain JSON-ready data, in the documented schema."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "migrator", "version": migrator.__version__},
        "series": result.series,
        "disabled_rules": sorted(result.disabled_rules),
        "assumptions": _assumptions(result.rates),
        "modules": [_module(m) for m in result.modules],
        "totals": totals(result),
        "plan": {
            "rounds": [list(r) for r in result.plan.rounds],
            "cycles": [list(c) for c in result.plan.cycles],
        },
    }


def render_json(result: AuditResult) -> str:
    return json.dumps(to_dict(result), ensure_ascii=False, indent=2) + "\n"
