"""Calls from an addon's JavaScript to methods of Python models.

An importable data module loads static files, but no Python: JavaScript that calls a model
method the addon defines (`this.orm.call("sale.order", "get_margin", ...)`, the older
`this._rpc({model: ..., method: ...})`, a `/web/dataset/call_kw/<model>/<method>` URL) keeps
that method in Python. The text is scanned, never run; a call whose model or method is not a
literal is not seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_Q = r"""["'`]"""
_ORM_CALL = re.compile(
    rf"\borm(?:\.silent)?\.call\(\s*{_Q}(?P<model>[\w.]+){_Q}\s*,\s*{_Q}(?P<method>\w+){_Q}")
_CALL_KW = re.compile(r"/web/dataset/call_(?:kw|button)/(?P<model>[\w.]+)/(?P<method>\w+)")
# `rpc({model: "x", method: "y", ...})` in either key order, within one object literal
_RPC_OBJECT = re.compile(r"\b_?rpc\(\s*\{(?P<body>[^{}]{0,400})\}")
_KEY = {key: re.compile(rf"\b{key}\s*:\s*{_Q}(?P<v>[\w.]+){_Q}") for key in ("model", "method")}


@dataclass(frozen=True)
class JsCall:
    file: str  # relative to the addon
    line: int
    model: str
    method: str


def js_method_calls(rel: str, text: str) -> tuple[JsCall, ...]:
    """The model methods `text` calls by literal name, in source order."""
    if "call" not in text and "rpc" not in text:  # most files: no scan at all
        return ()
    found: list[tuple[int, str, str]] = []
    for pattern in (_ORM_CALL, _CALL_KW):
        found += [(m.start(), m["model"], m["method"]) for m in pattern.finditer(text)]
    for m in _RPC_OBJECT.finditer(text):
        keys = {key: rx.search(m["body"]) for key, rx in _KEY.items()}
        if keys["model"] and keys["method"]:
            found.append((m.start(), keys["model"]["v"], keys["method"]["v"]))
    return tuple(JsCall(rel, text.count("\n", 0, pos) + 1, model, method)
                 for pos, model, method in sorted(found))
