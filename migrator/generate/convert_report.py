"""`migrator convert --format json`: per unit, whether it was converted, why not, and the
records written for it (docs/report-schema.md, "Conversion report")."""

from __future__ import annotations

import json
from typing import Any

import migrator
from migrator.generate.convert import Conversion
from migrator.generate.plan import unit_action
from migrator.model import Blocker, Finding, Unit

SCHEMA_VERSION = 1


def conversion_dict(conversion: Conversion, written: str | None, findings: list[Finding]) -> dict[str, Any]:
    """One addon's conversion; `written` is the data module's folder when it was written."""
    records = {_key(u): [r.xmlid for r in recs] for plan, recs in conversion.moved for u in plan.units}
    actions = {_key(u): unit_action(plan, u) for plan, _ in conversion.moved for u in plan.units}
    stopped = {_key(u): item.blockers for item in conversion.not_converted for u in item.units}
    units = []
    for unit in conversion.audit.units:
        key = _key(unit)
        units.append({
            "model": unit.model, "method": unit.method, "kind": unit.kind, "trigger": unit.trigger,
            "file": unit.evidence.file, "line_start": unit.evidence.line_start, "line_end": unit.evidence.line_end,
            "converted": key in records and written is not None,
            "action": actions.get(key),
            "records": records.get(key, []),
            "blockers": [_blocker(b) for b in stopped.get(key, ())],
        })
    return {
        "addon": conversion.addon.name,
        "series": conversion.series,
        "data_module": conversion.name,
        "written": written,
        "check_findings": [{"code": f.code, "message": f.message, "file": f.file, "line": f.line} for f in findings],
        "units": units,
    }


def to_json(items: list[dict[str, Any]]) -> str:
    doc = {"schema_version": SCHEMA_VERSION, "tool": "odoo-migrator", "tool_version": migrator.__version__,
           "conversions": items}
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def _blocker(b: Blocker) -> dict[str, Any]:
    return {"code": b.code, "message": b.message, "line": b.line}


def _key(unit: Unit) -> tuple:
    return (unit.evidence.file, unit.evidence.line_start, unit.model, unit.method, unit.kind)
