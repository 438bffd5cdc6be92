"""Terminal report: one row per module, totals, assumptions, then each module's errors."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from migrator.model import AuditResult, Finding, ModuleResult
from migrator.report.formatting import fmt_hours, fmt_int, fmt_money
from migrator.report.json_report import totals

VERDICT_STYLES = {"replaceable": "green", "partial": "yellow", "keep": "blue", "error": "bold red"}
ONLINE_STYLES = {"yes": "green", "partial": "yellow", "no": "blue", "unknown": "bold red"}
WIDTH = 120


def _convertible_units(module: ModuleResult) -> int:
    return sum(1 for u in module.units if u.convertible != "no")


def plan_cell(module: ModuleResult) -> str:
    """`round 2`, `held`, `shrink` or `stay`: what the plan across modules does with it."""
    removal = module.removal
    if removal is None:
        return ""
    return f"round {removal.round}" if removal.status == "remove" else removal.status


def _row(module: ModuleResult) -> list[Text]:
    # Text, not str: a name or series holding "[...]" must not be read as rich markup.
    s = module.savings
    return [
        Text(module.name),
        Text(module.series or "?"),
        Text(module.verdict, style=VERDICT_STYLES.get(module.verdict, "")),
        Text(plan_cell(module)),
        Text(module.online.answer if module.online else "", style=ONLINE_STYLES.get(
            module.online.answer if module.online else "", "")),
        Text(f"{_convertible_units(module)}/{len(module.units)}"),
        Text(f"{fmt_int(s.lines_before)} -> {fmt_int(s.lines_after)}"),
        Text(fmt_int(s.lines_saved)),
    ]


def build_table(result: AuditResult) -> Table:
    t = totals(result)
    table = Table(show_footer=True, caption="Plan: the round it is switched in, or held/shrink/stay. Online: can an "
                  "importable data module replace it. Units: convertible/total. Lines: before -> after.")
    footers = [
        f"Total ({t['modules']})",
        "",
        "",
        "",
        f"{t['online']['yes']} yes",
        f"{t['convertible']['no_code'] + t['convertible']['code']}/{t['units']}",
        f"{fmt_int(t['lines_before'])} -> {fmt_int(t['lines_after'])}",
        fmt_int(t["lines_saved"]),
    ]
    headers = ("Module", "Series", "Verdict", "Plan", "Online", "Units", "Lines", "Saved")
    for header, footer in zip(headers, footers):
        numeric = header not in ("Module", "Series", "Verdict", "Plan", "Online")
        table.add_column(header, footer=footer, justify="right" if numeric else "left", no_wrap=True)
    for module in result.modules:
        table.add_row(*_row(module))
    return table


def assumptions_line(result: AuditResult) -> str:
    """One line saying what the figures rest on, and what was not estimated."""
    rates = result.rates
    t = totals(result)
    parts = ["Lines as Odoo's cloc counts them; no-code actions count 0, code actions their Python."]
    if t["hours"] is None:
        parts.append("No --hours-per-kloc given: hours and money not estimated.")
    else:
        parts.append(
            f"Hours saved: {fmt_hours(t['hours'])} "
            f"({fmt_int(t['lines_saved'])} lines / 1000 x {rates.hours_per_kloc:g} h)."
        )
        if t["money"] is None:
            parts.append("No --hourly-rate given: money not estimated.")
        else:
            parts.append(
                f"Money saved: {fmt_money(t['money'], rates.currency)} "
                f"(at {fmt_money(rates.hourly_rate, rates.currency)} per hour)."
            )
    return " ".join(parts)


def plan_lines(result: AuditResult) -> list[str]:
    """The plan across modules in words: Odoo Online in total, the rounds, what holds the rest."""
    t = totals(result)
    online = t["online"]
    lines = [f"Odoo Online: {t['online_ready']} of {t['modules']} modules can become importable data modules, "
             f"with all they depend on. Answers: {online['yes']} yes (no Python stays), {online['partial']} partial "
             f"(some Python stays), {online['no']} no, {online['unknown']} unknown."]
    for m in result.modules:
        if m.online and m.online.answer == "yes" and m.online.needs:
            lines.append(f"Online once its dependencies are: {m.name} needs {', '.join(m.online.needs)}.")
    for number, names in enumerate(result.plan.rounds, 1):
        lines.append(f"Round {number}: {', '.join(names)}.")
        for m in result.modules:
            if m.name in names and m.removal and m.removal.changes:
                lines.append(f"  {m.name}: {' '.join(c[:1].upper() + c[1:] for c in m.removal.changes)}")
    for m in result.modules:
        if m.removal and m.removal.status == "held":
            lines.append(f"Held: {m.name}: {m.removal.summary} Change: {' '.join(m.removal.changes)}")
    for cycle in result.plan.cycles:
        lines.append(f"Dependency loop: {', '.join(cycle)} (installed and removed together).")
    return lines


def _error_line(module: ModuleResult, finding: Finding) -> str:
    location = finding.location()
    return f"{module.name}: {location}: {finding.message}" if location else f"{module.name}: {finding.message}"


def print_table(result: AuditResult, console: Console) -> None:
    console.print(build_table(result))
    console.print(assumptions_line(result), markup=False, highlight=False)
    if result.modules:
        console.print()
        console.print("Plan across modules", style="bold")
        for line in plan_lines(result):
            console.print(line, markup=False, highlight=False)
    errors = [_error_line(m, f) for m in result.modules for f in m.errors]
    if errors:
        console.print()
        console.print("Errors", style="bold")
        for line in errors:
            # markup=False: messages quote source text such as "[x]" that rich would eat.
            console.print(line, markup=False, highlight=False)


def render_table(result: AuditResult) -> str:
    """The terminal table as plain text, at a fixed width so the output is stable."""
    console = Console(file=io.StringIO(), record=True, width=WIDTH, color_system=None)
    print_table(result, console)
    # rich pads wrapped lines to the width; the padding is noise in a text file.
    return "".join(line.rstrip() + "\n" for line in console.export_text().splitlines())
