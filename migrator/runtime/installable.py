"""What in a module's data files makes Odoo of a series refuse to install it, read as data
(the files are parsed, never loaded): the runtime refuses such a module too, rather than
replay what Odoo never runs (a 16.0 module on 17.0, a 17.0 one on 18.0).

- views using `attrs` or `states` from 17.0 on (Odoo validates the combined view and raises
  "Since 17.0, the "attrs" and "states" attributes are no longer used");
- list views whose arch is `<tree>` from 18.0 on (`<list>` there: "Invalid view type");
- records of the models migrator/series.py knows (ir.cron, ir.actions.server,
  base.automation) setting a field the series does not have (`numbercall` and `doall` of a
  cron on 18.0+: "Invalid field 'numbercall' in 'ir.cron'").
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from migrator.series import series_facts

VIEW_ATTRIBUTES = ("attrs", "states")


def data_refusal(module: Path, series: str, manifest: dict) -> str | None:
    """Why Odoo `series` refuses the module's data files (the first reason, naming file and
    line), or None."""
    for name, line, why in data_refusals(module, series, manifest):
        return f"{name}:{line}: {why}"
    return None


def data_refusals(module: Path, series: str, manifest: dict, views_only: bool = False) -> Iterator[tuple[str, int, str]]:
    """Each (data file, line, why) Odoo `series` refuses in the module's data files (only in
    its views with `views_only`: `check` reports fields of records itself)."""
    facts = series_facts(series)
    for name in manifest.get("data", []):
        path = module / name
        if not name.endswith(".xml") or not path.is_file():
            continue
        try:
            root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
        except etree.XMLSyntaxError:
            continue  # the loaders report it, naming the file
        for record in root.iter("record"):
            model = record.get("model")
            if model == "ir.ui.view":
                used = None if facts.view_attrs else _view_attributes(record)
                if used:
                    yield name, record.sourceline, (
                        f"the view {record.get('id')} uses {used}, which Odoo {series} refuses "
                        "(\"Since 17.0, the \"attrs\" and \"states\" attributes are no longer used\")")
                root_element = _arch_root(record)
                if root_element is not None and root_element.tag in ("tree", "list") \
                        and root_element.tag != facts.list_view:
                    yield name, record.sourceline, (
                        f"the view {record.get('id')} is a <{root_element.tag}> (line {root_element.sourceline}), "
                        f"a view type Odoo {series} does not have (<{facts.list_view}> there)")
            elif facts.knows(model) and not views_only:
                for field in record.iterfind("field"):
                    if not facts.accepts(model, field.get("name")):
                        yield name, field.sourceline, (f"{model} has no field {field.get('name')!r} in Odoo {series} "
                                                       f"(\"Invalid field\"): record {record.get('id')}")


def _arch_root(record: etree._Element) -> etree._Element | None:
    """The arch's root element of a view record that is not an inheriting one (xpaths only)."""
    for arch in record.iterfind("field[@name='arch']"):
        for element in arch.iterchildren(etree.Element):
            return element
    return None


def _view_attributes(record: etree._Element) -> str | None:
    """`attrs=`/`states=` anywhere in the view's arch, or set through <attribute name=...>."""
    for arch in record.iterfind("field[@name='arch']"):
        for element in arch.iter(etree.Element):
            for name in VIEW_ATTRIBUTES:
                if element.get(name) is not None:
                    return f"{name}= (line {element.sourceline})"
            if element.tag == "attribute" and element.get("name") in VIEW_ATTRIBUTES and (element.text or "").strip():
                return f"{element.get('name')}= (line {element.sourceline})"
    return None
