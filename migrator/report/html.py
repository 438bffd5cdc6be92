"""HTML report: one self-contained page (no network, no script) to hand to a client."""

from __future__ import annotations

from migrator.model import AuditResult
from migrator.report.evidence import Excerpt, SourceReader
from migrator.report.json_report import to_dict
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


def render_html(result: AuditResult) -> str:
    return environment().get_template("report.html.j2").render(
        report=to_dict(result), excerpts=_excerpts(result)
    )
