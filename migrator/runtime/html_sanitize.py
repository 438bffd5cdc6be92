"""What Odoo stores when a value is written into an HTML field: its sanitizer's output
(odoo/tools/mail.py html_sanitize, 16.0-19.0), for the markup mails and notes are made of.

Odoo parses the value with lxml's HTML parser, marks quoted text and signatures
(`data-o-mail-quote`), cleans it (lxml's Cleaner with Odoo's options), serialises it again,
drops the `<div>` lxml wraps several top-level nodes in, and writes no-break spaces as
`&nbsp;`. So plain text becomes `<p>text</p>`, `<br/>` becomes `<br>`, and with
`sanitize_style` a style attribute keeps only the properties Odoo allows, written
`name:value; name:value`.

Reproduced for ordinary markup: text, formatting and block tags, links, tables, images,
comments, style and class attributes. Anything the Cleaner would remove or rewrite
(scripts, forms, frames, event handlers, `javascript:` links, unknown tags, page
structure, conditional comments) is refused by name rather than guessed. Odoo's lxml builds
on libxml2 up to 2.13, whose parser puts text that opens the value into an implied `<p>`;
libxml2 2.14 puts it into a `<span>`: the parsed tree is brought back to the former.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from typing import Any

from lxml import etree, html
from lxml.html import defs

from migrator.runtime.errors import ReplayUnfaithful

# Tags the Cleaner leaves as they are under Odoo's options (a subset of its allow list).
KEPT_TAGS = frozenset("""
    a abbr acronym address article aside b bdi bdo big blockquote br caption center cite code col
    colgroup dd del dfn dir div dl dt em figcaption figure font footer h1 h2 h3 h4 h5 h6 header
    hgroup hr i img ins kbd li main mark nav ol p pre q s samp section small span strike strong
    sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr
""".split())
# Odoo's additions to lxml's safe attributes (kept when attributes are sanitized).
ODOO_SAFE_ATTRS = frozenset({"style", "data-o-mail-quote", "data-o-mail-quote-node"})
SAFE_ATTRS = frozenset(defs.safe_attrs) | ODOO_SAFE_ATTRS
# Blocks end the implied paragraph libxml2 (<= 2.13) opens for leading text.
BLOCK_TAGS = frozenset("""
    address article aside blockquote center dd div dir dl dt figure footer h1 h2 h3 h4 h5 h6 header
    hgroup hr li main nav ol p pre section table ul
""".split())
STYLE_WHITELIST = frozenset([
    "font-size", "font-family", "font-weight", "font-style", "background-color", "color", "text-align",
    "line-height", "letter-spacing", "text-transform", "text-decoration", "opacity", "float",
    "vertical-align", "display", "padding", "padding-top", "padding-left", "padding-bottom",
    "padding-right", "margin", "margin-top", "margin-left", "margin-bottom", "margin-right",
    "white-space", "border", "border-color", "border-radius", "border-style", "border-width",
    "border-top", "border-bottom", "height", "width", "max-width", "min-width", "min-height",
    "border-collapse", "border-spacing", "caption-side", "empty-cells", "table-layout",
    *(f"border-{side}-{what}" for side in ("top", "bottom", "left", "right")
      for what in ("style", "color", "width", "left-radius", "right-radius")),
])
_STYLE = re.compile(r"""([\w-]+)\s*:\s*((?:[^;"']|"[^";]*"|'[^';]*')+)""")
_SNEAKY = re.compile(r"expression\s*\(|javascript:|vbscript:|@import|</noscript", re.IGNORECASE)
_LINK_ATTRS = ("href", "src", "action", "background", "cite", "longdesc", "usemap", "codebase")
# quotes and signatures Odoo marks (tag_quote)
_SIGNATURE_START = re.compile(r"((?:(?:^|\n)[-]{2}[\s]?$))")
_QUOTED_TEXT = re.compile(r"((?:\n[>]+[^\n\r]*)+|(?:(?:^|\n)[-]{2}[\s]?[\r\n]{1,2}[\s\S]+))")


def sanitize(value: Any, where: str, sanitize_attributes: bool = True, sanitize_style: bool = False,
             output_method: str = "html") -> Any:
    """The value Odoo stores for `value` written into an HTML field (`where` names it in
    refusals; `output_method` "xml" for the fields Odoo sanitizes as outgoing mail). False
    and None stay as they are; empty text stays empty."""
    if not value:
        return value
    src = str(value)
    src = re.sub(r'(<[^>]*\s)(encoding=(["\'][^"\']*?["\']|[^\s\n\r>]+)(\s[^>]*|/)?>)', "", src,
                 flags=re.IGNORECASE | re.DOTALL)
    src = src.replace("--!>", "-->")
    src = re.sub(r"(<!-->|<!--->)", "<!-- -->", src)
    src = re.sub(r"</?o:.*?>", "", src)
    try:
        doc = html.fromstring(src)
    except etree.ParserError as exc:
        if "empty" in str(exc):
            return ""
        raise
    doc = _implied_paragraph(doc, src, where)
    for element in doc.iter(etree.Element):
        _mark_quote(element)
    _check(doc, where, sanitize_attributes)
    if sanitize_style:
        for element in doc.iter(etree.Element):
            _clean_style(element)
    out = html.tostring(doc, encoding="unicode", method=output_method)
    if out.startswith("<div>") and out.endswith("</div>"):
        out = out[5:-6]
    return out.replace("\xa0", "&nbsp;")


def _implied_paragraph(doc: Any, src: str, where: str) -> Any:
    """libxml2 <= 2.13 puts text that opens a fragment, and the inline nodes after it, into
    a <p> (2.14: a <span>, or nothing when blocks follow)."""
    if src.lstrip()[:1] in ("<", ""):
        return doc
    if doc.tag == "span" and not doc.attrib:  # every node was inline: the whole is the implied one
        doc.tag = "p"
        return doc
    if doc.tag != "div" or not (doc.text or "").strip():
        raise ReplayUnfaithful(f"sanitizing HTML whose text opens before markup ({where})")
    paragraph = etree.Element("p")
    paragraph.text = doc.text.lstrip()
    doc.text = None
    for child in list(doc):
        if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
            break
        paragraph.append(child)  # moves it, with its tail
    doc.insert(0, paragraph)
    return doc


def _mark_quote(element: Any) -> None:
    """Odoo's quote detection: signatures ("-- " then a line break) and quoted lines
    ("> ...") are marked `data-o-mail-quote`; reply containers of known mailers too."""
    klass = element.get("class", "") or ""
    ident = element.get("id", "") or ""
    parent = element.getparent()
    if "gmail_extra" in klass or "divRplyFwdMsg" in ident or "SkyDrivePlaceholder" in klass:
        element.set("data-o-mail-quote", "1")
        if parent is not None:
            parent.set("data-o-mail-quote-container", "1")
    if (element.tag == "hr" and ("stopSpelling" in klass or "stopSpelling" in ident)) or "yahoo_quoted" in klass:
        element.set("data-o-mail-quote", "1")
        for sibling in element.itersiblings(preceding=False):
            sibling.set("data-o-mail-quote", "1")
    if element.text and element.find("br") is not None and _SIGNATURE_START.search(element.text):
        element.set("data-o-mail-quote", "1")
        if parent is not None:
            parent.set("data-o-mail-quote-container", "1")
    if not element.get("data-o-mail-quote"):
        _wrap_quoted_text(element)
    if element.tag == "blockquote":
        element.set("data-o-mail-quote-node", "1")
        element.set("data-o-mail-quote", "1")
    if parent is not None and (parent.get("data-o-mail-quote") or parent.get("data-o-mail-quote-container")) \
            and not parent.get("data-o-mail-quote-node"):
        element.set("data-o-mail-quote", "1")


def _wrap_quoted_text(element: Any) -> None:
    """Each quoted run of the element's own text goes into a marked <span>."""
    text = element.text or ""
    matches = list(_QUOTED_TEXT.finditer(text))
    if not matches:
        return
    element.text = text[:matches[0].start()]
    for index, match in enumerate(matches):
        span = etree.Element("span")
        span.set("data-o-mail-quote", "1")
        span.text = text[match.start():match.end()]
        following = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        span.tail = text[match.end():following]
        element.insert(index, span)


def _check(doc: Any, where: str, sanitize_attributes: bool) -> None:
    """Refuse what the Cleaner would change; drop the attributes it drops."""
    for node in doc.iter():
        if node.tag is etree.Comment:
            if (node.text or "").lstrip().startswith("[if"):
                raise ReplayUnfaithful(f"sanitizing an HTML conditional comment ({where})")
            continue
        if not isinstance(node.tag, str) or node.tag not in KEPT_TAGS:
            raise ReplayUnfaithful(f"sanitizing HTML with <{node.tag}> ({where})")
        for name in list(node.attrib):
            value = node.attrib[name]
            if name.startswith("on"):
                raise ReplayUnfaithful(f"sanitizing HTML with an {name} attribute ({where})")
            if name in _LINK_ATTRS and (value != value.strip() or _SNEAKY.search(value)):
                raise ReplayUnfaithful(f"sanitizing HTML with the link {value!r} ({where})")
            if name == "style" and _SNEAKY.search(value):
                raise ReplayUnfaithful(f"sanitizing HTML with the style {value!r} ({where})")
            if sanitize_attributes and name not in SAFE_ATTRS:
                if name.startswith("data-") and name != "data-o-mail-quote-container":
                    raise ReplayUnfaithful(f"sanitizing HTML with a {name} attribute ({where})")
                del node.attrib[name]


def _clean_style(element: Any) -> None:
    """sanitize_style: the allowed properties only, `name:value` joined by `; `."""
    styling = element.attrib.get("style")
    if not styling:
        return
    kept: OrderedDict[str, str] = OrderedDict()
    for name, value in _STYLE.findall(styling):
        if name.lower() in STYLE_WHITELIST:
            kept[name.lower()] = value
    if kept:
        element.attrib["style"] = "; ".join(f"{name}:{value}" for name, value in kept.items())
    else:
        del element.attrib["style"]
