"""CSV report: one row per behaviour unit, for spreadsheets (columns in docs/report-schema.md)."""

from __future__ import annotations

import csv
import io

from migrator.model import AuditResult, ModuleResult, Unit

COLUMNS: tuple[str, ...] = (
    "module", "series", "verdict",
    "model", "method", "kind", "trigger", "trigger_fields", "convertible",
    "blockers", "condition", "evidence",
    # the module's again, appended so that the earlier columns keep their places
    "online", "online_python", "removal", "round", "blocked_by", "depends", "required_by",
)
UNIT_COLUMNS = COLUMNS[3:12]


def _module_cells(module: ModuleResult) -> list[str]:
    return [module.name, module.series or "", module.verdict]


def _plan_cells(module: ModuleResult) -> list[str]:
    online, removal = module.online, module.removal
    return [
        online.answer if online else "",
        ";".join(dict.fromkeys(p.code for p in online.python)) if online else "",
        removal.status if removal else "",
        str(removal.round) if removal and removal.round is not None else "",
        ";".join(removal.blocked_by) if removal else "",
        ";".join(module.depends),
        ";".join(module.required_by),
    ]


def _unit_cells(unit: Unit) -> list[str]:
    span = unit.evidence
    return [
        unit.model,
        unit.method,
        unit.kind,
        unit.trigger,
        ";".join(unit.trigger_fields),
        unit.convertible,
        ";".join(b.code for b in unit.blockers),
        unit.condition or "",
        f"{span.file}:{span.line_start}-{span.line_end}",
    ]


def render_csv(result: AuditResult) -> str:
    buffer = io.StringIO()
    # "\n" rather than the csv default "\r\n": the text is written as-is, on every platform.
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for module in result.modules:
        if not module.units:
            # A module without units still gets its row, so every module is in the sheet.
            writer.writerow(_module_cells(module) + [""] * len(UNIT_COLUMNS) + _plan_cells(module))
        for unit in module.units:
            writer.writerow(_module_cells(module) + _unit_cells(unit) + _plan_cells(module))
    return buffer.getvalue()
