"""A verification's result as text or JSON: equivalent with what was exercised, the units
not exercised, or each difference (model, record, field, value with the module, value with
the actions), attributed to CONVERSION.md where it states it."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from migrator.verify.scenario import dump_scenario
from migrator.verify.verifier import ScenarioResult, VerifyResult


def exercised(result: VerifyResult) -> dict[str, Any]:
    steps: Counter[str] = Counter()
    created: Counter[str] = Counter()
    written: Counter[str] = Counter()
    for r in result.results:
        steps.update(step.op for step in r.scenario.steps)
        created.update(r.module.created)  # the runs are compared: one side says what happened
        written.update(r.module.written)
    return {"scenarios": len(result.results), "drawn_examples": result.examples,
            "branches": [e for r in result.results for e in r.scenario.exercises or (r.scenario.name,)],
            "units": result.units,
            "operations": dict(sorted(steps.items())),
            "crons_and_rules_runs": steps["scheduler"] + steps["run_cron"] + steps["run_crons"]
            + steps["run_time_rules"],
            "records_created": dict(sorted(created.items())), "records_written": dict(sorted(written.items()))}


def to_json(result: VerifyResult) -> str:
    data = {"addon": result.addon, "series": result.series, "actions": result.actions,
            "engine": {"name": result.engine, "odoo": result.odoo},
            "equivalent": result.equivalent, "verdict": result.verdict, "exercised": exercised(result),
            "not_exercised": result.not_exercised,
            "differences": [{"scenario": r.scenario.name, "found_by": r.found_by, "stated": r.stated,
                             "scenario_yaml": dump_scenario(r.scenario),
                             "items": [d.as_dict() for d in r.differences]}
                            for r in result.results if r.differences],
            "kept_databases": result.kept,
            "fields": result.fields, "renamed": result.renamed,
            "ported_manifest": {"version": result.ported.version, "replayed_as": result.ported.replayed_as}
            if result.ported else None,
            "notes": _notes(result)}
    return json.dumps(data, indent=2, default=str) + "\n"


def to_text(result: VerifyResult) -> str:
    lines = []
    ex = exercised(result)
    head = f"{result.addon}: {{}} on {result.series} ({result.actions})."
    if result.verdict == "equivalent":
        lines.append(head.format("equivalent"))
    elif result.verdict == "not exercised":
        lines.append(head.format("NOT EXERCISED") + " No difference, but not every moved unit was seen acting "
                     "and not acting:")
        lines += [f"  {line}" for line in result.not_exercised]
    else:
        lines.append(head.format("DIFFERENT") + (" Only where CONVERSION.md says the actions behave differently."
                                                 if result.stated_only else ""))
    lines.append(f"Engine: {engine_text(result)}.")
    lines += [f"Note: {note}." for note in _notes(result)]
    if result.fields == "data":
        lines.append("Fields as data (--fields data): the starting records made with the addon, the data module "
                     "installed over them (the values it copies compared), then the operations; names mapped "
                     "(run A -> run B): " + ("; ".join(result.renamed) or "none (every field stays in the addon)") + ".")
    lines.append(f"Exercised: {ex['scenarios']} scenarios ({ex['drawn_examples']} more records drawn), "
                 f"operations {_counts(ex['operations'])}; created {_counts(ex['records_created']) or 'none'}; "
                 f"changed {_counts(ex['records_written']) or 'none'}.")
    for branch in ex["branches"]:
        lines.append(f"  - {branch}")
    for unit, seen in result.units.items():
        lines.append(f"Unit {unit}: acting in {_scenarios(seen['acting'])}, not acting in "
                     f"{_scenarios(seen['not_acting'])} (run A against the replay without it).")
    for r in result.results:
        if r.differences:
            lines += ["", *_differences(r)]
    if result.kept:
        lines.append("Kept databases: " + ", ".join(result.kept))
    return "\n".join(lines) + "\n"


def engine_text(result: VerifyResult) -> str:
    return f"odoo, {result.odoo}" if result.engine == "odoo" else "embedded (the replay runtime)"


def _notes(result: VerifyResult) -> list[str]:
    return [result.ported.note(result.addon, result.series)] if result.ported else []


def _differences(r: ScenarioResult) -> list[str]:
    lines = [f"Scenario {r.scenario.name!r}" + (" (shrunk by hypothesis)" if r.found_by == "property" else "")
             + (f" (as {r.stated})" if r.stated else "") + ":", *("    " + line for line in dump_scenario(r.scenario).splitlines())]
    for d in r.differences:
        where = " ".join(x for x in (d.model, d.record, d.field) if x)
        notes = [text for text in ("as installed over the record: the value copied" if d.stage == "install" else "",
                                   f"in run B {d.renamed}" if d.renamed else "") if text]
        lines.append(f"  {where}" + (f" ({'; '.join(notes)})" if notes else ""))
        lines.append(f"      with the module:  {_show(d.module)}")
        lines.append(f"      with the actions: {_show(d.actions)}")
    return lines


def _show(value: Any) -> str:
    return json.dumps(value, default=str, ensure_ascii=False) if not isinstance(value, str) else value


def _scenarios(names: list[str]) -> str:
    return f"{len(names)} scenario" + ("" if len(names) == 1 else "s")


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in counts.items())
