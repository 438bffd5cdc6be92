"""List views ported to the series the data module is for.

Odoo 18.0 renamed the list view: its arch is `<list>` (also inside a form, for an x2many),
window actions open `list`, and XPaths of inheriting views name `list`; before 18.0 all of it
was `tree` (ir.ui.view's type selection has one or the other, never both: a view of the other
kind does not load, migrator/runtime/installable.py). A view copied from an addon of another
series has those names renamed; nothing else of it is ported (`attrs` is not: CONVERSION.md says
so, and `check` refuses such a view).
"""

from __future__ import annotations

import re

from lxml import etree

from migrator.series import series_facts

_OTHER = {"list": "tree", "tree": "list"}


def port_arch(arch: etree._Element, series: str) -> None:
    """Rename the list view elements of an arch field, and the XPaths naming them."""
    want = series_facts(series).list_view
    other = _OTHER[want]
    for node in arch.iter(etree.Element):
        if node.tag == other:
            node.tag = want
        if node.tag == "xpath" and node.get("expr"):
            node.set("expr", re.sub(rf"(?<![\w@\-]){other}(?=[\[/]|$)", want, node.get("expr")))


def port_view_mode(text: str, series: str) -> str:
    """`tree,form` as the series names it."""
    want = series_facts(series).list_view
    return ",".join(want if mode.strip() == _OTHER[want] else mode.strip() for mode in text.split(","))
