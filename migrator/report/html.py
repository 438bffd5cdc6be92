"""HTML report: one self-contained page (no network, no script) to hand to a client."""

from __future__ import annotations

from migrator.model import AuditResult
from migrator.report.evidence import Excerpt, SourceReader
from migrator.report.graph_layout import Layout, layout
from migrator.report.json_report import to_dict
from migrator.report.markdown import plan_cell
from migrator.report.templating import environment


def _excerpts(result: AuditResult) -> list[list[Excerpt | None]]:
    """Per module, per unit: the unit's source lines, or None to show the location only."""
    reader = SourceReader()
    return [
        [
            reader.excerpt(m.path, u.evidence.file, u.evidence.line_start, u.evidence.line_end)
            for u in m.units
        ]
        for m in result.modules
    ]


def dependency_layout(report: dict) -> Layout:
    """The drawing of the planned modules (a second addon of the same name is not planned)."""
    planned = {m["name"]: m["depends"] for m in report["modules"] if m["removal"] is not None}
    return layout(planned)


def render_html(result: AuditResult) -> str:
    report = to_dict(result)
    return environment().get_template("report.html.j2").render(
        report=report, excerpts=_excerpts(result), graph=dependency_layout(report),
        planned={m["name"]: m for m in report["modules"] if m["removal"] is not None}, plan_cell=plan_cell,
    )
