"""QWeb bodies: how mail.template renders body_html in Odoo 16-19.

Odoo parses the body with lxml's HTML parser inside a wrapping <div>, renders it with
ir.qweb and drops the <div>. We do the same, interpreting the directives mail templates
use instead of compiling them: t-if/t-elif/t-else, t-foreach/t-as, t-set (t-value,
t-valuef, body), t-out, t-esc, t-raw, t-att, t-att-*, t-attf-*. Everything else (t-call,
t-call-assets, t-field, t-options, t-cache, groups, ...) is refused by name.

Output rules taken from ir.qweb: a <t> element leaves only its content; t-out escapes
its value unless it is Markup, and renders the element's own content when the value is
None or False (and nothing at all when there is no such content); an attribute whose
value is neither truthy nor a string is left out; void elements are written `<br/>`;
comments are dropped. Text is written escaped (&, <, >) as it was parsed. Unlike Odoo's
compiler, whitespace around directives is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sized
from typing import Any

from lxml import etree, html
from markupsafe import Markup, escape

from migrator.runtime.render.inline import RenderError, UnsupportedTemplate, evaluate

VOID_ELEMENTS = frozenset("""
    area base br col embed hr img input keygen link menuitem meta param source track wbr
""".split())
FORMAT_BLOCK = re.compile(r"(?:#\{(.+?)\})|(?:\{\{(.+?)\}\})")
VARNAME = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")
SUPPORTED = frozenset("""
    t-if t-elif t-else t-foreach t-as t-set t-value t-valuef t-out t-esc t-raw t-att
""".split())
OUTPUT_DIRECTIVES = ("t-out", "t-esc", "t-raw")


class QWebError(RenderError):
    """A template whose structure QWeb refuses (t-else without t-if, ...)."""


def render_qweb(body: str | None, values: dict[str, Any]) -> str:
    """Render a QWeb mail body with `values` (see render.context.template_values)."""
    if not body:
        return ""
    root = html.fragment_fromstring(body, create_parent="div")
    return "".join(_Renderer(dict(values)).content(root))


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _to_str(value: Any) -> str:
    """ir.qweb's _compile_to_str: None and False are empty, bytes are decoded."""
    if value is None or value is False:
        return ""
    if isinstance(value, bytes):
        return value.decode()
    return str(value)


def _is_element(node: Any) -> bool:
    return isinstance(node.tag, str)


def _next_in_chain(el: etree._Element) -> etree._Element | None:
    """The t-elif/t-else element that continues el's t-if, comments skipped."""
    sibling = el.getnext()
    while sibling is not None and not _is_element(sibling):
        sibling = sibling.getnext()
    if sibling is not None and ("t-elif" in sibling.attrib or "t-else" in sibling.attrib):
        return sibling
    return None


def _refuse_unsupported(el: etree._Element) -> None:
    for name in el.attrib:
        if name == "groups" or (name.startswith("t-") and name not in SUPPORTED
                                and not name.startswith(("t-att-", "t-attf-"))):
            raise UnsupportedTemplate(
                f"QWeb directive {name!r} (on <{el.tag}>) is not supported by the replay runtime")


class _Renderer:
    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values  # one namespace, as in ir.qweb: t-set and t-as stay visible

    def eval(self, expression: str) -> Any:
        return evaluate(expression, self.values, missing_as_none=True)

    def format(self, template: str) -> str:
        def one(match: re.Match[str]) -> str:
            return _to_str(self.eval(match.group(1) or match.group(2)))
        return FORMAT_BLOCK.sub(one, template)

    # -- content: text, children and their tails
    def content(self, el: etree._Element) -> Iterator[str]:
        if el.text:
            yield _escape_text(el.text)
        previous: etree._Element | None = None
        for child in el:
            if _is_element(child):
                if "t-elif" in child.attrib or "t-else" in child.attrib:
                    if previous is None or not ({"t-if", "t-elif"} & set(previous.attrib)):
                        raise QWebError(f"<{child.tag}>: t-elif and t-else must follow a t-if or t-elif element")
                else:
                    yield from self.node(child)
                previous = child
            if child.tail:
                if _is_element(child) and _next_in_chain(child) is not None:
                    if not child.tail.isspace():
                        raise QWebError("text between t-if and t-else/t-elif elements")
                else:
                    yield _escape_text(child.tail)

    # -- one element: t-foreach, then the t-if chain, then the element itself
    def node(self, el: etree._Element) -> Iterator[str]:
        _refuse_unsupported(el)
        if "t-foreach" not in el.attrib:
            if "t-as" in el.attrib:
                raise QWebError(f"<{el.tag}>: t-as must be on the node of a t-foreach")
            yield from self.conditional(el)
            return
        name = el.get("t-as")
        if not name or not VARNAME.match(name):
            raise QWebError(f"<{el.tag}>: t-foreach needs a t-as with a variable name, got {name!r}")
        yield from self.loop(el, name)

    def loop(self, el: etree._Element, name: str) -> Iterator[str]:
        expression = el.get("t-foreach")
        items: Any = int(expression) if expression.isdigit() else (self.eval(expression) or [])
        size: int | None = None
        if isinstance(items, Sized):
            size = len(items)
        elif type(items) is int:
            size, items = items, range(items)
        pairs = isinstance(items, Mapping)
        if size is not None:
            self.values[f"{name}_size"] = size
        for index, item in enumerate(items.items() if pairs else items):
            key, value = item if pairs else (item, item)
            self.values.update({
                name: key, f"{name}_value": value, f"{name}_index": index,
                f"{name}_first": index == 0, f"{name}_odd": index % 2,
                f"{name}_even": not index % 2, f"{name}_parity": "odd" if index % 2 else "even",
            })
            if size is not None:
                self.values[f"{name}_last"] = index + 1 == size
            yield from self.conditional(el)

    def conditional(self, el: etree._Element) -> Iterator[str]:
        condition = el.get("t-if", el.get("t-elif"))
        if condition is None:
            yield from self.element(el)
        elif not condition.strip():
            raise QWebError(f"<{el.tag}>: empty t-if or t-elif expression")
        elif self.eval(condition):
            yield from self.element(el)
        elif (following := _next_in_chain(el)) is not None:
            yield from self.node(following)

    # -- t-set, t-out and the element with its attributes
    def element(self, el: etree._Element) -> Iterator[str]:
        if "t-set" in el.attrib:
            self.assign(el)
            return
        if "t-value" in el.attrib or "t-valuef" in el.attrib:
            raise QWebError(f"<{el.tag}>: t-value and t-valuef must be on the node of a t-set")
        output = next((d for d in OUTPUT_DIRECTIVES if d in el.attrib), None)
        if output is None:
            yield from self.wrap(el, self.content(el))
            return
        value = self.eval(el.get(output))
        if value is not None and value is not False:
            text = str(Markup(value)) if output == "t-raw" else str(escape(value))
            yield from self.wrap(el, iter([text]))
        elif el.text is not None or len(el):
            yield from self.wrap(el, self.content(el))  # the element's content is the default

    def assign(self, el: etree._Element) -> None:
        if el.tag != "t":
            raise UnsupportedTemplate(f"t-set on a <{el.tag}> element is not supported by the replay runtime; use <t>")
        name = el.get("t-set")
        if name.startswith("{"):
            self.values.update(self.eval(name))
        elif not VARNAME.match(name):
            raise QWebError(f"t-set={name!r}: the name can only contain letters, digits and underscores")
        elif "t-value" in el.attrib:
            self.values[name] = self.eval(el.get("t-value") or "None")
        elif "t-valuef" in el.attrib:
            self.values[name] = self.format(el.get("t-valuef"))
        else:
            self.values[name] = Markup("".join(self.content(el)))

    def wrap(self, el: etree._Element, inner: Iterator[str]) -> Iterator[str]:
        if el.tag == "t":
            yield from inner
            return
        attributes = "".join(
            f' {escape(str(name))}="{escape(str(value))}"'
            for name, value in self.attributes(el).items() if value or isinstance(value, str))
        if el.tag in VOID_ELEMENTS:
            yield f"<{el.tag}{attributes}/>"
            return
        yield f"<{el.tag}{attributes}>"
        yield from inner
        yield f"</{el.tag}>"

    def attributes(self, el: etree._Element) -> dict[str, Any]:
        """Static attributes first, then t-attf-*, t-att-* and t-att in document order."""
        result: dict[str, Any] = {k: v for k, v in el.attrib.items() if not k.startswith("t-")}
        for key, expression in el.attrib.items():
            if key.startswith("t-attf-"):
                result[key[7:]] = self.format(expression)
            elif key.startswith("t-att-"):
                result[key[6:]] = self.eval(expression)
            elif key == "t-att":
                value = self.eval(expression)
                if isinstance(value, dict):
                    result.update(value)
                elif isinstance(value, (list, tuple)) and value and not isinstance(value[0], (list, tuple)):
                    result[value[0]] = value[1]
                elif isinstance(value, (list, tuple)):
                    result.update(dict(value))
        return result
