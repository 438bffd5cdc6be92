"""The jinja environment for the Markdown and HTML reports.

The templates live in the top-level `templates/` folder, installed as the package
`migrator.templates`; from a source checkout that package does not exist, so the folder
next to the package is searched as well.
"""

from __future__ import annotations

import importlib.resources
from functools import cache
from pathlib import Path

import jinja2

from migrator.report.formatting import fmt_hours, fmt_int, fmt_money


def _search_path() -> list[str]:
    folders = []
    try:
        folders.append(str(importlib.resources.files("migrator.templates")))
    except (ModuleNotFoundError, TypeError):  # not installed, or a namespace package on 3.10
        pass
    folders.append(str(Path(__file__).resolve().parents[2] / "templates"))
    return folders


def md_cell(value: object) -> str:
    """Text safe inside a Markdown table cell: no pipe or newline may break the row."""
    text = "" if value is None else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_search_path()),
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(num=fmt_int, hours=fmt_hours, money=fmt_money, md_cell=md_cell)
    return env
