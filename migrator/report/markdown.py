"""Markdown report: summary, assumptions, a table of modules, then one section per module."""

from __future__ import annotations

from migrator.model import AuditResult
from migrator.report.json_report import to_dict
from migrator.report.templating import environment


def plan_cell(module: dict) -> str:
    """`round 2`, `held`, `shrink` or `stay`, from a module of the JSON data."""
    removal = module["removal"]
    if removal is None:
        return ""
    return f"round {removal['round']}" if removal["status"] == "remove" else removal["status"]


def render_markdown(result: AuditResult) -> str:
    return environment().get_template("report.md.j2").render(report=to_dict(result), plan_cell=plan_cell)
