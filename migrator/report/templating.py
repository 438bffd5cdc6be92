"""The jinja environment for the Markdown and HTML reports.

The templates live in the top-level `templates/` folder, installed as the package
`migrator.templates`; from a source checkout that package does not exist, so the folder
next to the package is searched as well.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import jinja2

from migrator.report.formatting import fmt_hours, fmt_int, fmt_money


def template_search_path() -> list[str]:
    """Folders holding the jinja templates of the reports and of generated modules."""
    # The spec's search locations are real folders whether or not the installed
    # `migrator.templates` has an __init__.py (a namespace package has no single file path).
    spec = importlib.util.find_spec("migrator.templates")
    folders = list(spec.submodule_search_locations or []) if spec else []
    folders.append(str(Path(__file__).resolve().parents[2] / "templates"))
    return folders


def md_text(value: object) -> str:
    """Audited text kept inert in Markdown: renderers pass raw HTML through, entities are safe."""
    text = "" if value is None else str(value)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def md_cell(value: object) -> str:
    """`md_text` that also cannot break a table row: no pipe, no newline."""
    text = md_text(value).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r", " ").replace("\n", " ")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_search_path()),
        autoescape=lambda name: name is not None and name.endswith(".html.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(num=fmt_int, hours=fmt_hours, money=fmt_money, md_cell=md_cell, md_text=md_text)
    return env
