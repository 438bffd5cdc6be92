"""Audit reports: terminal table, JSON, CSV, Markdown and HTML, all from one AuditResult."""

from __future__ import annotations

import os
from collections.abc import Callable

from migrator.atomic import write_atomic
from migrator.errors import UsageError
from migrator.model import AuditResult
from migrator.report.csv_report import render_csv
from migrator.report.html import render_html
from migrator.report.json_report import render_json, to_dict
from migrator.report.markdown import render_markdown
from migrator.report.table import print_table, render_table

_RENDERERS: dict[str, Callable[[AuditResult], str]] = {
    "table": render_table,
    "json": render_json,
    "csv": render_csv,
    "md": render_markdown,
    "html": render_html,
}
FORMATS: tuple[str, ...] = tuple(_RENDERERS)


def render(result: AuditResult, fmt: str) -> str:
    """The report in format `fmt` (one of FORMATS) as text."""
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise UsageError(f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}") from None
    return renderer(result)


def write_report(result: AuditResult, fmt: str, path: str | os.PathLike) -> None:
    """Render and write the report atomically: a reader never sees a half-written file."""
    write_atomic(path, render(result, fmt))


__all__ = ["FORMATS", "print_table", "render", "to_dict", "write_report"]
