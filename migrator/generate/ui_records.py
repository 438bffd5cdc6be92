"""`--fields data`: the addon's views, window actions, menus, groups and record rules as records
of the data module, with the fields and models that became custom ones by their new names.

Each record is copied from the addon's XML as written (lxml, entities off) under the same local
id, so references between them hold; a reference to the addon's own record that stays keeps the
addon's id (the data module then needs the residual). What is renamed, in a view's arch: the
`name` of `<field>` (on the view's model, and in a relational field's sub-view on its comodel),
`<label for>`, `@name='...'` in xpath expressions and the field names inside the Python
expressions of attributes (`invisible`, `domain`, `context`, `attrs`, `filter_domain`, ...);
the `model`/`res_model` of views and actions; `domain_force` of record rules. A record naming a
field or model that stays is left to the residual, with why.

An inherited view of a core view keeps its xpaths: they name the parent's core nodes, which
the custom fields do not change; where the catalogue knows the parent's model, every field the
arch adds must exist on it (as a core or custom field).

A view whose buttons call methods that become server actions (migrator/generate/buttons.py)
moves with them, with those buttons calling the actions, also without `--fields data` (then it
is the only kind of record that moves): it names what stays of the addon (its fields, methods,
records) by the addon's ids, and the data module then depends on the addon (`needs`). A record
that a record staying in the addon refers to stays (the residual would lose it); the methods a
view that stays calls then stay too (migrator/decide.py).
"""

from __future__ import annotations

import copy
import io
import re
import tokenize
from pathlib import Path

from lxml import etree

from migrator.analyze.module_facts import ModuleFacts
from migrator.catalogue import Catalogue
from migrator.generate import buttons
from migrator.generate.buttons import Actions
from migrator.generate.carried import reindent
from migrator.generate.data_fields import DataFields, Key, model_record_id, names_model
from migrator.generate.records import xml_comment
from migrator.generate.view_port import port_arch, port_view_mode

UI_MODELS = ("ir.ui.view", "ir.actions.act_window", "ir.ui.menu", "res.groups", "ir.rule", "ir.module.category")
SECURITY_MODELS = ("res.groups", "ir.module.category", "ir.rule")
# Attributes of arch nodes whose value is a Python expression over the record's fields.
_EXPRESSION_ATTRIBUTES = ("invisible", "readonly", "required", "column_invisible", "attrs", "domain", "context",
                          "options", "filter_domain", "states")
_XPATH_NAME = re.compile(r"""(@name\s*=\s*)(['"])([A-Za-z_][A-Za-z0-9_]*)\2""")
_ARCH_REF = re.compile(r"%\(([\w.]+)\)([ds])")
_EVAL_REF = re.compile(r"""ref\(\s*['"]([\w.]+)['"]""")


class UiRecords:
    """`actions`: the moved button methods and their server actions (buttons.button_actions);
    `buttons_only`: only the views calling them may move (without `--fields data`)."""

    def __init__(self, facts: ModuleFacts, data: DataFields, catalogue: Catalogue, series: str,
                 actions: Actions | None = None, buttons_only: bool = False) -> None:
        self.facts, self.data, self.catalogue, self.series = facts, data, catalogue, series
        self.module = facts.addon.name
        self.actions = dict(actions or {})
        self.buttons_only = buttons_only
        self.moved: list[str] = []
        self.kept: dict[str, str] = {}
        self.needs: dict[str, list[str]] = {}  # moved record -> what of the addon it names that stays
        self._elements = self._read()
        self._own_ids = {el.get("id") for _, el, _ in self._elements} | self._record_ids()
        self.buttons = self._calling()  # views whose buttons call moved methods
        self._decide()
        self.needs = {xmlid: found for _, el, model in self._elements
                      if (xmlid := el.get("id")) in self.moved and (found := self._needs(el, model))}

    @property
    def kept_buttons(self) -> list[str]:
        """Views calling moved methods that stay in the module (decide keeps those methods)."""
        return [xmlid for xmlid in self.buttons if xmlid not in self.moved]

    # ---------------------------------------------------------------- reading
    def _read(self) -> list[tuple[str, etree._Element, str]]:
        """(file, element, model) of every record of the UI and security models, in file order."""
        out = []
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        for xml in self.facts.xml_files:
            try:
                root = etree.parse(str(Path(self.facts.addon.path) / xml.rel), parser).getroot()
            except (OSError, etree.XMLSyntaxError):
                continue
            for element in root.iter("record", "menuitem"):
                model = "ir.ui.menu" if element.tag == "menuitem" else element.get("model")
                if model in UI_MODELS and element.get("id"):
                    out.append((xml.rel, element, model))
        return out

    def called(self, xmlid: str) -> list[tuple[str, str]]:
        """(model, method) of the moved methods the view `xmlid` calls."""
        return [key for _, element, model in self._elements if element.get("id") == xmlid and model == "ir.ui.view"
                for _, key in buttons.calls(self._field(element, "arch"), self._field_text(element, "model"),
                                            self.actions)]

    def _calling(self) -> list[str]:
        found = []
        for _, element, model in self._elements:
            arch = self._field(element, "arch") if model == "ir.ui.view" else None
            if arch is not None and next(buttons.calls(arch, self._field_text(element, "model"), self.actions), None):
                found.append(element.get("id"))
        return found

    def _decide(self) -> None:
        """Which records move: those whose fields and models all move, and whose references to
        the addon's records reach records that move, and that no record staying refers to
        (repeated until nothing changes). A view calling moved methods moves whatever it names."""
        candidates = {}
        for _, element, model in self._elements:
            xmlid = element.get("id")
            if xmlid in self.buttons:
                candidates[xmlid] = element
                continue
            if self.buttons_only:
                continue
            why = self._stays(element, model)
            if why:
                self.kept[xmlid] = why
            else:
                candidates[xmlid] = element
        referred = self._referred()
        changed = True
        while changed:
            changed = False
            for xmlid, element in list(candidates.items()):
                by = next((r for r in referred.get(xmlid, ()) if r not in candidates and r != xmlid), None)
                if by:
                    self.kept[xmlid] = f"{by}, which stays, refers to it"
                elif xmlid not in self.buttons:
                    refs = [r for r in self._own_refs(element) if r in self._own_ids]
                    held = next((r for r in refs if r not in candidates and r != xmlid), None)
                    if held:
                        self.kept[xmlid] = f"it refers to {held}, which stays"
                if xmlid in self.kept:
                    del candidates[xmlid]
                    changed = True
        self.moved = [el.get("id") for _, el, _ in self._elements if el.get("id") in candidates]

    def _referred(self) -> dict[str, dict[str, None]]:
        """Own record -> the module's records referring to it (UI records, and the rest by the
        analysis' field values), in the order of the files (a dict: reports name the first)."""
        out: dict[str, dict[str, None]] = {}
        elements = {el.get("id") for _, el, _ in self._elements}
        for _, element, _ in self._elements:
            for ref in self._own_refs(element):
                out.setdefault(ref, {})[element.get("id")] = None
        for rec in self.facts.records:
            if rec.xmlid in elements:
                continue
            for value in rec.fields.values():
                refs = [value[4:]] if value.startswith("ref:") else _EVAL_REF.findall(value)
                for ref in refs:
                    out.setdefault(self._local(ref), {})[rec.xmlid] = None
        return out

    def _record_ids(self) -> set[str]:
        return {r.xmlid for r in self.facts.records}

    def _local(self, xmlid: str) -> str:
        return xmlid.split(".", 1)[1] if xmlid.startswith(self.module + ".") else xmlid

    def _own_refs(self, element: etree._Element) -> list[str]:
        refs = []
        for node in element.iter():
            for attr in ("ref", "parent", "action", "groups"):
                value = node.get(attr)
                if value and (attr != "groups" or node.tag == "menuitem"):
                    refs += [v.strip().lstrip("-") for v in value.split(",")]
            refs += _EVAL_REF.findall(node.get("eval") or "")
        refs += self._arch_refs(element)
        return [self._local(r) for r in refs if r]

    def _arch_refs(self, element: etree._Element) -> list[str]:
        """xml ids an arch names: `groups="..."` of its nodes, `%(...)d` in their attributes."""
        arch = self._field(element, "arch") if element.tag == "record" else None
        refs: list[str] = []
        for node in arch.iterdescendants() if arch is not None else ():
            if not isinstance(node.tag, str):
                continue
            refs += [g.strip().lstrip("!") for g in (node.get("groups") or "").split(",") if g.strip()]
            refs += [m[1] for value in node.attrib.values() for m in _ARCH_REF.finditer(value)]
        return refs

    def _needs(self, element: etree._Element, model: str) -> list[str]:
        """What of the addon a moved record names that stays in it: the data module then depends
        on the addon (its residual)."""
        found = []
        view_model = self._field_text(element, "model") if model == "ir.ui.view" else None
        if view_model in self.data.staying_models:
            found.append(f"model {view_model}")
        arch = self._field(element, "arch") if model == "ir.ui.view" else None
        if arch is not None and view_model:
            found += [f"field {view_model}.{node.get('name')}" for node in arch.iter("field")
                      if (view_model, node.get("name")) in self.data.staying]
            own = {m.name for m in self.facts.methods if m.model == view_model and not m.calls_super}
            moved = {method for (m, method) in self.actions if m == view_model}
            found += [f"method {view_model}.{node.get('name')}" for node in arch.iter("button", "a")
                      if node.get("type") == "object" and node.get("name") in own - moved]
        found += [f"record {r}" for r in self._own_refs(element) if r in self._own_ids and r not in self.moved]
        return list(dict.fromkeys(found))

    def _stays(self, element: etree._Element, model: str) -> str | None:
        if model == "ir.ui.view":
            view_model = self._field_text(element, "model")
            if element.get("model") == "ir.ui.view" and self._field(element, "arch") is not None \
                    and self._field(element, "arch").get("type") not in (None, "xml"):
                return "an arch that is not XML"
            if view_model in self.data.staying_models:
                return f"its model {view_model} stays"
            return self._names_staying(element, view_model)
        if model == "ir.actions.act_window":
            res_model = self._field_text(element, "res_model")
            if res_model in self.data.staying_models:
                return f"its model {res_model} stays"
        if model == "ir.rule":
            ref = self._field_ref(element, "model_id")
            if any(names_model(ref, self.module, m) for m in self.data.staying_models):
                return "its model stays"
        return None

    def _names_staying(self, element: etree._Element, model: str | None) -> str | None:
        arch = self._field(element, "arch")
        if arch is None or model is None:
            return None
        for node in arch.iter("field"):
            name = node.get("name")
            if (model, name) in self.data.staying:
                return f"it shows {model}.{name}, which stays"
        return None

    @staticmethod
    def _field(element: etree._Element, name: str) -> etree._Element | None:
        return next((f for f in element.iterchildren("field") if f.get("name") == name), None)

    def _field_ref(self, element: etree._Element, name: str) -> str:
        node = self._field(element, name)
        return node.get("ref", "") if node is not None else ""

    def _field_text(self, element: etree._Element, name: str) -> str | None:
        node = self._field(element, name)
        return (node.text or "").strip() if node is not None else None

    # ---------------------------------------------------------------- writing
    def groups(self) -> list[str]:
        return self._render(("res.groups", "ir.module.category"))

    def rules(self) -> list[str]:
        return self._render(("ir.rule",))

    def views(self) -> list[str]:
        return self._render(("ir.ui.view", "ir.actions.act_window", "ir.ui.menu"))

    def _render(self, models: tuple[str, ...]) -> list[str]:
        out = []
        # window actions before the menus that open them, views before the actions naming them
        rank = {"ir.module.category": 0, "res.groups": 1, "ir.rule": 2, "ir.ui.view": 3,
                "ir.actions.act_window": 4, "ir.ui.menu": 5}
        chosen = [(rel, el, model) for rel, el, model in self._elements
                  if model in models and el.get("id") in self.moved]
        for rel, element, model in sorted(chosen, key=lambda item: rank[item[2]]):
            clone = self._rewrite(copy.deepcopy(element), model)
            if clone.tag == "record":
                reindent(clone)
            else:
                clone.tail = None
            comment = xml_comment(f"{rel}:{element.sourceline} of {self.module}: {element.get('id')}, copied")
            out.append(f"    <!-- {comment} -->\n    " + etree.tostring(clone, encoding="unicode"))
        return out

    def _rewrite(self, element: etree._Element, model: str) -> etree._Element:
        for node in element.iter():
            if not isinstance(node.tag, str):
                continue
            for attr in ("ref", "parent", "action"):
                if node.get(attr):
                    node.set(attr, self._ref(node.get(attr)))
            if node.get("groups"):
                node.set("groups", ",".join(self._group_ref(g.strip()) for g in node.get("groups").split(",")))
            for attr, value in node.attrib.items():
                if "%(" in value:
                    node.set(attr, _ARCH_REF.sub(lambda m: f"%({self._ref(m[1])}){m[2]}", value))
            if node.get("eval"):
                node.set("eval", re.sub(r"""ref\(\s*(['"])([\w.]+)\1\s*\)""",
                                        lambda m: f"ref({m[1]}{self._ref(m[2])}{m[1]})", node.get("eval")))
        if element.tag != "record":
            return element
        for f in element.iterchildren("field"):
            name = f.get("name")
            if name in ("model", "res_model") and f.text:
                f.text = self.data.new_model(f.text.strip())
            elif name == "model_id" and f.get("ref"):
                own = next((m for m in self.data.models if names_model(f.get("ref"), self.module, m)), None)
                if own:
                    f.set("ref", model_record_id(self.data.models[own]))
            elif name == "arch":
                port_arch(f, self.series)
                view_model = self._field_text(element, "model")
                self._rename_arch(f, view_model)
                original = next((m for m, new in self.data.models.items() if new == view_model), view_model)
                buttons.rewrite(f, original, self.actions)
        if model == "ir.rule":
            self._rename_text_field(element, "domain_force", self._rule_model(element))
        if model == "ir.actions.act_window":
            for f in element.iterchildren("field"):
                if f.get("name") == "view_mode" and f.text:
                    f.text = port_view_mode(f.text, self.series)
            res_model = self._original_model(element)
            for name in ("domain", "context"):
                self._rename_text_field(element, name, res_model)
        return element

    def _ref(self, xmlid: str) -> str:
        """An xml id as the data module writes it: the addon's records that move are local,
        those that stay the addon's."""
        local = self._local(xmlid)
        if local in self.moved:
            return local
        return f"{self.module}.{local}" if "." not in xmlid and local in self._own_ids else xmlid

    def _group_ref(self, item: str) -> str:
        sign = item[:1] if item[:1] in "!-" else ""
        return sign + self._ref(item[len(sign):])

    def _original_model(self, element: etree._Element) -> str | None:
        text = self._field_text(element, "res_model")
        return next((m for m, new in self.data.models.items() if new == text), text)

    def _rule_model(self, element: etree._Element) -> str | None:
        ref = self._field_ref(element, "model_id")
        local = ref.rpartition(".")[2]
        for m, new in self.data.models.items():
            if local == model_record_id(new):
                return m
        return next((m for m in self.catalogue.models() if self.catalogue.model_xmlid(m) == ref), None)

    def _rename_text_field(self, element: etree._Element, name: str, model: str | None) -> None:
        node = self._field(element, name)
        if node is None or model is None:
            return
        if node.get("eval"):
            node.set("eval", self.expression(node.get("eval"), model))
        elif node.text:
            node.text = self.expression(node.text, model)

    # ------------------------------------------------------------------ arch
    def _rename_arch(self, arch: etree._Element, model: str | None) -> None:
        if model is None:
            return
        original = next((m for m, new in self.data.models.items() if new == model), model)
        for child in arch:
            self._rename_node(child, original)

    def _rename_node(self, node: etree._Element, model: str) -> None:
        if not isinstance(node.tag, str):
            return
        inner = model
        if node.tag == "field" and node.get("name"):
            name = node.get("name")
            if node.get("position") is None:
                inner = self._comodel(model, name) or model
            node.set("name", self.data.new_name((model, name)) if (model, name) in self.data.moving else name)
        if node.tag == "label" and node.get("for"):
            node.set("for", self._field_name(model, node.get("for")))
        if node.tag == "xpath" and node.get("expr"):
            node.set("expr", _XPATH_NAME.sub(lambda m: f"{m[1]}{m[2]}{self._field_name(model, m[3])}{m[2]}",
                                             node.get("expr")))
        for attr in _EXPRESSION_ATTRIBUTES + tuple(a for a in node.attrib if a.startswith("decoration-")):
            if node.get(attr):
                node.set(attr, self.expression(node.get(attr), model))
        for child in node:
            self._rename_node(child, inner)

    def _field_name(self, model: str, name: str) -> str:
        return self.data.new_name((model, name)) if (model, name) in self.data.moving else name

    def _comodel(self, model: str, name: str) -> str | None:
        key: Key = (model, name)
        if key in self.data.moving:
            return self.data.moving[key].attrs.get("comodel_name")
        info = self.catalogue.field(model, name)
        return info.relation if info else None

    def expression(self, text: str, model: str) -> str:
        """A Python expression with the names of the model's moving fields renamed: bare names
        (`invisible="state != 'done'"`), a domain leaf's field (`[('state', '=', 'done')]`, a
        path `'partner_id.name'` step by step), a context's `default_`/`search_default_` key and
        `group_by`/`order` value. Other strings are values and stay."""
        names = {name for m, name in self.data.moving if m == model}
        if not names:
            return text
        try:
            tokens = [t for t in tokenize.generate_tokens(io.StringIO(text).readline)
                      if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT)]
        except (tokenize.TokenError, IndentationError, SyntaxError):
            return text
        lines = text.splitlines(keepends=True) or [""]
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        out, last = [], 0
        for index, token in enumerate(tokens):
            if token.type == tokenize.ENDMARKER:
                break
            start = offsets[token.start[0] - 1] + token.start[1]
            out.append(text[last:start])
            out.append(self._token(tokens, index, names, model))
            last = offsets[token.end[0] - 1] + token.end[1]
        out.append(text[last:])
        return "".join(out)

    def _token(self, tokens: list, index: int, names: set[str], model: str) -> str:
        token = tokens[index]
        value = token.string
        before = tokens[index - 1].string if index else ""
        after = tokens[index + 1].string if index + 1 < len(tokens) else ""
        if token.type == tokenize.NAME:
            return self.data.new_name((model, value)) if value in names and before != "." and after != "=" \
                else value
        if token.type != tokenize.STRING or value[:1] not in "'\"":
            return value
        inner = value[1:-1]
        if not re.fullmatch(r"[A-Za-z0-9_.]+", inner):
            return value
        prefix = next((p for p in ("search_default_", "default_") if inner.startswith(p)), "")
        field_place = (before == "(" or (prefix and after == ":")
                       or (before == ":" and index >= 2 and tokens[index - 2].string[1:-1] in ("group_by", "order")))
        path = inner[len(prefix):]
        if not field_place or path.partition(".")[0] not in names:
            return value
        return value[0] + prefix + self.data.rename_path(model, path, self.catalogue) + value[-1]
