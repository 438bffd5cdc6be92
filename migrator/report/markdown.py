"""Markdown report: summary, assumptions, a table of modules, then one section per module."""

from __future__ import annotations

from migrator.model import AuditResult
from migrator.report.json_report import to_dict
from migrator.report.templating import environment


def render_markdown(result: AuditResult) -> str:
    return environment().get_template("report.md.j2").render(report=to_dict(result))
