"""What in a module's data files makes Odoo of a series refuse to install it, read as data
(the files are parsed, never loaded): the runtime refuses such a module too, rather than
replay what Odoo never runs (a 16.0 module on 17.0, a 17.0 one on 18.0).

- views using `attrs` or `states` from 17.0 on (Odoo validates the combined view and raises
  "Since 17.0, the "attrs" and "states" attributes are no longer used");
- records of the models migrator/series.py knows (ir.cron, ir.actions.server,
  base.automation) setting a field the series does not have (`numbercall` and `doall` of a
  cron on 18.0+: "Invalid field 'numbercall' in 'ir.cron'").
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from migrator.series import series_facts

VIEW_ATTRIBUTES = ("attrs", "states")


def data_refusal(module: Path, series: str, manifest: dict) -> str | None:
    """Why Odoo `series` refuses the module's data files (first reason, naming file and
    line), or None."""
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
            where = f"{name}:{record.sourceline}"
            if model == "ir.ui.view" and not facts.view_attrs:
                used = _view_attributes(record)
                if used:
                    return (f"{where}: the view {record.get('id')} uses {used}, which Odoo {series} refuses "
                            "(\"Since 17.0, the \"attrs\" and \"states\" attributes are no longer used\")")
            elif facts.knows(model):
                for field in record.iterfind("field"):
                    if not facts.accepts(model, field.get("name")):
                        return (f"{name}:{field.sourceline}: {model} has no field {field.get('name')!r} in "
                                f"Odoo {series} (\"Invalid field\"): record {record.get('id')}")
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
