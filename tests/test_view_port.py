"""List views of a copied view renamed for the series (migrator/generate/view_port.py)."""

from __future__ import annotations

import pytest
from lxml import etree

from migrator.generate.view_port import port_arch, port_view_mode

ARCH_17 = """<field name="arch" type="xml"><form><field name="line_ids"><tree><field name="name"/></tree></field>
<xpath expr="//tree/field[@name='name']" position="after"/><xpath expr="//field[@name='tree_id']" position="after"/>
</form></field>"""


@pytest.mark.parametrize(("series", "tag", "expr"), [
    ("18.0", "list", "//list/field[@name='name']"),
    ("19.0", "list", "//list/field[@name='name']"),
    ("17.0", "tree", "//tree/field[@name='name']"),
])
def test_list_elements_and_xpaths_take_the_series_name(series: str, tag: str, expr: str) -> None:
    arch = etree.fromstring(ARCH_17)
    port_arch(arch, series)
    assert [n.tag for n in arch.iter("tree", "list")] == [tag]
    first, second = arch.iter("xpath")
    assert first.get("expr") == expr
    assert second.get("expr") == "//field[@name='tree_id']"  # a field named tree_id is not a view


def test_a_list_view_goes_back_to_tree_before_18() -> None:
    arch = etree.fromstring('<field name="arch" type="xml"><list><field name="name"/></list></field>')
    port_arch(arch, "16.0")
    assert arch[0].tag == "tree"


@pytest.mark.parametrize(("series", "text", "expected"), [
    ("18.0", "tree,form", "list,form"), ("17.0", "list,form,kanban", "tree,form,kanban"), ("19.0", "form", "form"),
])
def test_window_actions_open_the_series_list(series: str, text: str, expected: str) -> None:
    assert port_view_mode(text, series) == expected
