"""Records -> text, through the jinja templates in templates/ (one per record kind)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

import jinja2

from migrator.generate.carried import CarriedRecord
from migrator.generate.records import Record, xml_comment
from migrator.report.templating import template_search_path


def xml_text(value: object) -> str:
    """Element text: &, < and > escaped; quotes stay readable."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(value: object) -> str:
    return xml_text(value).replace('"', "&quot;")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_search_path()),
        autoescape=False,  # every value goes through xml_text / xml_attr / py explicitly
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(xml_text=xml_text, xml_attr=xml_attr, xml_comment=xml_comment, py=repr)
    return env


def render_record(record: Record) -> str:
    return environment().get_template(f"{record.template}.xml.j2").render(record=record).strip("\n")


def render_carried(carried: CarriedRecord, module: str) -> str:
    span = carried.original.span
    comment = f"{span.file}:{span.line_start}-{span.line_end} of {module}: {carried.original.xmlid}, copied"
    return environment().get_template("carried_record.xml.j2").render(carried=carried, comment=comment).strip("\n")


def render_data_file(items: Sequence[str], noupdate: bool = False) -> str:
    return environment().get_template("data_file.xml.j2").render(items=items, noupdate=noupdate)


def render_data_blocks(items: Sequence[tuple[str, bool]]) -> str:
    """Items with their own `noupdate`: one file, a `<data>` per run of equal flags in the
    order given (the order references need), or the plain file when all agree."""
    flags = {noupdate for _, noupdate in items}
    if len(flags) <= 1:
        return render_data_file([text for text, _ in items], noupdate=bool(flags and flags.pop()))
    blocks: list[tuple[bool, list[str]]] = []
    for text, noupdate in items:
        if not blocks or blocks[-1][0] != noupdate:
            blocks.append((noupdate, []))
        blocks[-1][1].append(text)
    return environment().get_template("data_blocks.xml.j2").render(blocks=blocks)


def render_text(template: str, **values: object) -> str:
    return environment().get_template(template).render(**values)
