"""Facts from an addon's XML data files: records, crons, object buttons; and its access CSV.

Files are parsed with lxml without resolving entities or touching the network, so hostile
input (entity bombs, external entities) yields a Finding, never a hang or a fetch.
lxml's `sourceline` is the line where a start tag *ends*; spans come from one scan of the
text for tags instead, which also gives each element's closing line.
"""

from __future__ import annotations

import ast
import csv
import io
import re
import textwrap
from collections.abc import Collection
from dataclasses import dataclass, field

from lxml import etree

from migrator.analyze.cron_call import called_method
from migrator.model import Cron, Finding, Span, XmlRecord

DATA_ROOTS = frozenset({"odoo", "openerp", "data"})
SHORTCUT_MODELS = {
    "template": "ir.ui.view",
    "menuitem": "ir.ui.menu",
    "act_window": "ir.actions.act_window",
    "report": "ir.actions.report",
}
MARKUP_FIELDS = frozenset({"arch", "body_html"})

# Every piece of markup in document order. Comments, CDATA, PIs and the DOCTYPE are matched
# only to be skipped; raw '<' cannot occur anywhere else in well-formed XML. It runs only on
# text lxml accepted, so every tag it meets is closed and the nested repeat never backtracks.
_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|<(?P<end>/)?[^\s/>]+(?:[^>\"']+|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL,
)
_ENCODING_DECL = re.compile(r"^\s*<\?xml[^>]*\bencoding\s*=", re.IGNORECASE)
_ERROR_POSITION = re.compile(r",\s*line \d+, column \d+\s*$")
_EVAL_REF = re.compile(r"\s*ref\(\s*(['\"])([\w.]+)\1\s*\)\s*")
_FALSE_TEXTS = ("0", "false", "off")  # what Odoo's str2bool reads as False


@dataclass(frozen=True)
class XmlFileFacts:
    rel: str
    records: tuple[XmlRecord, ...]
    crons: tuple[Cron, ...]
    buttons: tuple[tuple[str, str, Span], ...]  # (view model, method, span)
    # cron xmlid -> its `model_id` ref as written ("module.model_sale_order"): Cron.model is a
    # guess with dots, resolve it against known models with model_from_ref.
    cron_model_refs: dict[str, str] = field(default_factory=dict)


def parse_xml_file(rel: str, text: str, module: str) -> XmlFileFacts | Finding:
    """Parse one XML file; a file that is not well-formed gives an `invalid-xml` Finding."""
    parsed = _parse(rel, text)
    if isinstance(parsed, Finding):
        return parsed
    lines = _element_lines(text, parsed)
    records: list[tuple[XmlRecord, etree._Element]] = []
    if parsed.tag in DATA_ROOTS:
        _collect(parsed, rel, module, lines, _noupdate(parsed, False), records)
    crons: list[Cron] = []
    model_refs: dict[str, str] = {}
    buttons: list[tuple[str, str, Span]] = []
    for record, element in records:
        if record.model == "ir.cron":
            cron, ref = _cron(record)
            crons.append(cron)
            if ref:
                model_refs[record.xmlid] = ref
        elif record.model == "ir.ui.view" and element.tag == "record":
            buttons.extend(_buttons(element, record.fields.get("model", ""), rel, lines))
    return XmlFileFacts(rel, tuple(r for r, _ in records), tuple(crons), tuple(buttons), model_refs)


def model_from_ref(ref: str, known_models: Collection[str] = ()) -> str:
    """The model an `ir.model` xml id names: `sale.model_sale_order` -> `sale.order`.

    Underscores are ambiguous (`sale.order` or `sale_order`): a known model whose xml id
    matches wins, otherwise every underscore is read as a dot.
    """
    name = ref.rpartition(".")[2]
    name = name.removeprefix("model_")
    for model in sorted(known_models):
        if model.replace(".", "_") == name:
            return model
    return name.replace("_", ".")


def parse_access_csv(rel: str, text: str) -> tuple[int, Finding | None]:
    """Data rows of an `ir.model.access.csv` (blank rows skipped, as Odoo does), and a problem."""
    reader = csv.reader(io.StringIO(text))
    count = 0
    problem = None
    try:
        header = next(reader, [])
        if "id" not in header:  # Odoo refuses to update such a file
            return 0, Finding("invalid-csv", "The CSV file has no header row with an 'id' column.",
                              file=rel, line=1)
        for row in reader:
            if not any(row):
                continue
            count += 1
            if problem is None and len(row) != len(header):
                problem = Finding("invalid-csv", f"A row has {len(row)} columns, the header "
                                  f"{len(header)}.", file=rel, line=reader.line_num)
    except csv.Error as err:
        return count, Finding("invalid-csv", f"The CSV file cannot be read: {err}.", file=rel,
                              line=reader.line_num)
    return count, problem


# ------------------------------------------------------------------------ parsing

def _parse(rel: str, text: str) -> etree._Element | Finding:
    source: str | bytes = text
    encoding = None
    if _ENCODING_DECL.match(text):
        # lxml refuses str input carrying an encoding declaration: hand it UTF-8 bytes and
        # tell it so, whatever the declaration says (the text is already decoded).
        source = text.encode("utf-8", "surrogateescape")
        encoding = "utf-8"
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             encoding=encoding)
    try:
        root = etree.fromstring(source, parser)
    except etree.XMLSyntaxError as err:
        message = _ERROR_POSITION.sub("", err.msg or "not well-formed").strip().rstrip(".")
        return Finding("invalid-xml", f"{message[:1].upper()}{message[1:]}.", file=rel,
                       line=err.lineno or None)
    except ValueError as err:  # characters XML does not allow, such as NUL
        return Finding("invalid-xml", f"{err}.", file=rel, line=None)
    return root


def _element_lines(text: str, root: etree._Element) -> dict[etree._Element, tuple[int, int]]:
    """Map each element to (line of its start tag's '<', line of its closing tag's '>').

    Start tags in the text are paired with the elements in document order, end tags with
    the innermost open one. If the counts disagree (markup brought in by an entity) every
    element falls back to its `sourceline`.
    """
    elements = list(root.iter(etree.Element))
    spans: list[list[int]] = []
    open_stack: list[int] = []
    line = 1
    position = 0
    for match in _MARKUP.finditer(text):
        token = match.group()
        if token[1] in "!?":
            continue
        line += text.count("\n", position, match.start())
        position = match.start()
        token_end = line + token.count("\n")
        if match.group("end"):
            if open_stack:
                spans[open_stack.pop()][1] = token_end
        else:
            spans.append([line, token_end])
            if not token.endswith("/>"):
                open_stack.append(len(spans) - 1)
    if len(spans) != len(elements) or open_stack:
        return {el: (el.sourceline or 1, el.sourceline or 1) for el in elements}
    return {el: (start, end) for el, (start, end) in zip(elements, spans)}


def _noupdate(node: etree._Element, inherited: bool) -> bool:
    value = (node.get("noupdate") or "").strip()
    return inherited if not value else value.lower() not in _FALSE_TEXTS


# ------------------------------------------------------------------------ records

def _collect(container: etree._Element, rel: str, module: str,
             lines: dict[etree._Element, tuple[int, int]], noupdate: bool,
             out: list[tuple[XmlRecord, etree._Element]]) -> None:
    for child in container.iterchildren(etree.Element):
        if child.tag == "data":
            _collect(child, rel, module, lines, _noupdate(child, noupdate), out)
        elif child.tag == "record":
            _record(child, rel, lines, noupdate, out)
        elif child.tag == "template":
            out.append((_template(child, rel, module, lines, noupdate), child))
        elif child.tag == "menuitem":
            _menuitem(child, None, rel, lines, noupdate, out)
        elif child.tag in SHORTCUT_MODELS:
            fields = {k: v for k, v in child.attrib.items() if k != "id"}
            out.append((XmlRecord(child.get("id", ""), SHORTCUT_MODELS[child.tag],
                                  _span(child, rel, lines), fields, noupdate), child))


def _span(element: etree._Element, rel: str, lines: dict[etree._Element, tuple[int, int]]) -> Span:
    start, end = lines[element]
    return Span(rel, start, end)


def _record(element: etree._Element, rel: str, lines: dict[etree._Element, tuple[int, int]],
            noupdate: bool, out: list[tuple[XmlRecord, etree._Element]]) -> None:
    fields: dict[str, str] = {}
    nested: list[etree._Element] = []
    for field_el in element.iterchildren("field"):
        name = field_el.get("name")
        if not name:
            continue
        fields[name] = _field_value(field_el)
        if name not in MARKUP_FIELDS and field_el.get("type") not in ("xml", "html"):
            nested.extend(field_el.iterchildren("record"))  # one2many lines, Odoo 17+
    out.append((XmlRecord(element.get("id", ""), element.get("model", ""),
                          _span(element, rel, lines), fields, noupdate), element))
    for child in nested:
        _record(child, rel, lines, noupdate, out)


def _field_value(field_el: etree._Element) -> str:
    """`ref:<xmlid>`, `eval:<expr>`, `search:<domain>`, `file:<path>`, inner XML or the text."""
    for attribute in ("ref", "eval", "search", "file"):
        value = field_el.get(attribute)
        if value is not None:
            return f"{attribute}:{value}"
    if len(field_el) or field_el.get("name") in MARKUP_FIELDS:
        return _inner_xml(field_el)
    return field_el.text or ""


def _inner_xml(element: etree._Element) -> str:
    if not len(element):
        return (element.text or "").strip()
    head = (element.text or "").strip()
    body = "".join(etree.tostring(child, encoding="unicode", with_tail=True) for child in element)
    return (head + body).strip()


def _template(element: etree._Element, rel: str, module: str,
              lines: dict[etree._Element, tuple[int, int]], noupdate: bool) -> XmlRecord:
    """A `<template>` as the ir.ui.view record Odoo builds from it."""
    xmlid = element.get("id", element.get("t-name", ""))
    key = xmlid if "." in xmlid else f"{module}.{xmlid}"
    fields = {"name": element.get("name", xmlid), "key": element.get("key", key), "type": "qweb"}
    if element.get("inherit_id"):
        fields["inherit_id"] = f"ref:{element.get('inherit_id')}"
    if element.get("priority"):
        fields["priority"] = element.get("priority", "")
    for flag in ("active", "customize_show"):
        if element.get(flag) in ("True", "False"):
            fields[flag] = f"eval:{element.get(flag)}"
    if element.get("groups"):
        fields["groups_id"] = element.get("groups", "")
    if element.get("primary") == "True":
        fields["mode"] = "primary"
    fields["arch"] = _inner_xml(element)
    model = "theme.ir.ui.view" if module.startswith("theme_") else "ir.ui.view"
    return XmlRecord(xmlid, model, _span(element, rel, lines), fields, noupdate)


def _menuitem(element: etree._Element, parent: str | None, rel: str,
              lines: dict[etree._Element, tuple[int, int]], noupdate: bool,
              out: list[tuple[XmlRecord, etree._Element]]) -> None:
    """A `<menuitem>` and the menu items nested in it (their parent is the enclosing one)."""
    xmlid = element.get("id", "")
    fields = {k: v for k, v in element.attrib.items() if k not in ("id", "parent", "action")}
    parent_ref = parent if parent is not None else element.get("parent")
    if parent_ref:
        fields["parent_id"] = f"ref:{parent_ref}"
    if element.get("action"):
        fields["action"] = f"ref:{element.get('action')}"
    out.append((XmlRecord(xmlid, "ir.ui.menu", _span(element, rel, lines), fields, noupdate),
                element))
    for child in element.iterchildren("menuitem"):
        _menuitem(child, xmlid, rel, lines, noupdate, out)


# -------------------------------------------------------------------------- crons

def _cron(record: XmlRecord) -> tuple[Cron, str | None]:
    """The cron, and its `model_id` ref when it has one."""
    fields = record.fields
    ref = _ref(fields.get("model_id", ""))
    code = fields.get("code")
    code = textwrap.dedent(code).strip() if code is not None else None
    interval = _literal(fields.get("interval_number"))
    interval_type = _literal(fields.get("interval_type"))
    active = _literal(fields.get("active"), default=True)
    if isinstance(active, str):  # a boolean field written as text
        active = active.lower() not in _FALSE_TEXTS
    cron = Cron(
        xmlid=record.xmlid,
        # crons before Odoo 11 name their model and method in `model` and `function`
        model=model_from_ref(ref) if ref else fields.get("model", "").strip(),
        method=called_method(code) if code else (fields.get("function", "").strip() or None),
        code=code,
        interval_number=interval if type(interval) is int else None,  # not a bool
        interval_type=interval_type if isinstance(interval_type, str) and interval_type else None,
        active=bool(active),
        user_ref=_ref(fields.get("user_id", "")) or None,
        span=record.span,
    )
    return cron, ref or None


def _ref(value: str) -> str:
    """The xml id of `ref:x` or `eval:ref('x')`, else ''."""
    if value.startswith("ref:"):
        return value[4:].strip()
    match = _EVAL_REF.fullmatch(value[5:]) if value.startswith("eval:") else None
    return match.group(2) if match else ""


def _literal(value: str | None, default: object = None) -> object:
    """The value of a field given as text or as a literal `eval:`; `default` when absent."""
    if value is None:
        return default
    if value.startswith("eval:"):
        try:
            return ast.literal_eval(value[5:].strip())
        except (ValueError, SyntaxError, RecursionError):
            return default
    try:
        return int(value)
    except ValueError:
        return value.strip()


# ------------------------------------------------------------------------ buttons

def _buttons(record: etree._Element, model: str, rel: str,
             lines: dict[etree._Element, tuple[int, int]]) -> list[tuple[str, str, Span]]:
    found = []
    for field_el in record.iterchildren("field"):
        if field_el.get("name") != "arch":
            continue
        for button in field_el.iter("button", "a"):  # a kanban's <a type="object"> calls too
            name = button.get("name")
            if button.get("type") == "object" and name:
                found.append((model.strip(), name, _span(button, rel, lines)))
    return found
