"""Audit reports: terminal table, JSON, CSV, Markdown and HTML, all from one AuditResult."""

from __future__ import annotations

import importlib
import os

from migrator.atomic import write_atomic
from migrator.errors import UsageError
from migrator.model import AuditResult
from migrator.report.json_report import to_dict
from migrator.report.table import print_table

# format -> (module, function); imported when asked for, so a table audit loads no jinja2
_RENDERERS: dict[str, tuple[str, str]] = {
    "table": ("migrator.report.table", "render_table"),
    "json": ("migrator.report.json_report", "render_json"),
    "csv": ("migrator.report.csv_report", "render_csv"),
    "md": ("migrator.report.markdown", "render_markdown"),
    "html": ("migrator.report.html", "render_html"),
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def render(result: AuditResult, fmt: str) -> str:
    """The report in format `fmt` (one of FORMATS) as text."""
    try:
        module, function = _RENDERERS[fmt]
    except KeyError:
        raise UsageError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return getattr(importlib.import_module(module), function)(result)


def write_report(result: AuditResult, fmt: str, path: str | os.PathLike) -> None:
    """Render and write the report atomically: a reader never sees a half-written file."""
    write_atomic(path, render(result, fmt))


__all__ = ["FORMATS", "print_table", "render", "to_dict", "write_report"]
