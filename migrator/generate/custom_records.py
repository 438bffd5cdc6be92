"""`--fields data`: the records that replace the module's fields and models, and the copy of
their values.

- `ir.model` per model that moves (`x_` model, state manual, the mail mixins it had), then
  `ir.model.fields` per field (`x_` name, state manual) in an order Odoo accepts: a one2many
  after the many2one it mirrors, a computed or related field after what it reads;
- `ir.default` for a literal default;
- `ir.model.access` for the models' access rules (the addon's ir.model.access.csv rows);
- a code server action copying the values of the old columns (and rows of the old tables)
  into the new ones, run once by a `<function>` in a `noupdate` file: at the first install
  only, and only where the old columns exist (a database where the addon is installed).

What each series accepts is read from the catalogue (`ir.model.fields.translate` is a boolean
up to 18.0 and a selection in 19.0; `currency_field` and the HTML sanitize options exist from
17.0; `tracking` comes with mail).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from migrator.analyze.module_facts import ModuleFacts
from migrator.catalogue import Catalogue
from migrator.generate.data_fields import DataFields, Key, field_record_id, model_record_id, names_model
from migrator.generate.field_specs import FieldSpec, class_literal
from migrator.generate.records import Field, Record
from migrator.generate.render import xml_attr

COPY_ACTION = "action_copy_values"
_MIXINS = {"mail.thread": "is_mail_thread", "mail.activity.mixin": "is_mail_activity",
           "mail.thread.blacklist": "is_mail_blacklist"}


def table(model: str) -> str:
    return model.replace(".", "_")


class CustomRecords:
    def __init__(self, facts: ModuleFacts, data: DataFields, catalogue: Catalogue, depends: tuple[str, ...]):
        self.facts, self.data, self.catalogue = facts, data, catalogue
        self.mail = "mail" in depends

    # ------------------------------------------------------------------ names
    def model_ref(self, model: str) -> str:
        """xml id of a model (old name) as the data module refers to it."""
        if model in self.data.models:
            return model_record_id(self.data.models[model])
        return self.catalogue.model_xmlid(model) or ""

    def path(self, model: str, path: str) -> str:
        """A field path from `model` (its old name) with the new names."""
        return self.data.rename_path(model, path, self.catalogue)

    # ----------------------------------------------------------------- models
    def models(self) -> list[Record]:
        out = []
        for model, new in self.data.models.items():
            classes = [c for c in self.facts.model_classes if c.model == model]
            description = class_literal(self.facts, classes, "_description") or model
            fields = [Field("name", str(description)), Field("model", new), Field("state", "manual"),
                      Field("field_id", eval="[]")]  # no default x_name: the module's own fields follow
            inherits = {m for c in classes for m in c.inherit}
            for mixin, flag in _MIXINS.items():
                if mixin in inherits and self.mail:
                    fields.append(Field(flag, eval="True"))
            span = classes[0].span
            out.append(Record("data_record", model_record_id(new), "ir.model",
                              f"{span.file}:{span.line_start}-{span.line_end} model {model}, now {new}", tuple(fields)))
        return out

    def orders(self) -> list[str]:
        """`<function>`s setting each model's order: Odoo checks it names stored fields, so it is
        written once the fields exist (the model is created with the default order, `id`)."""
        out = []
        for model, new in self.data.models.items():
            classes = [c for c in self.facts.model_classes if c.model == model]
            order = class_literal(self.facts, classes, "_order")
            if not isinstance(order, str):
                continue
            terms = []
            for term in order.split(","):
                name, _, direction = term.strip().partition(" ")
                terms.append(" ".join(filter(None, (self.path(model, name), direction.strip()))))
            evaluated = f"[[ref('{model_record_id(new)}')], {{'order': {', '.join(terms)!r}}}]"
            out.append(f"    <!-- the order of {model} ({order}), once its fields exist -->\n"
                       f'    <function model="ir.model" name="write" eval="{xml_attr(evaluated)}"/>')
        return out

    def fields(self) -> list[Record]:
        ordered = sorted(self.data.moving.items(), key=lambda item: _rank(item[1]))
        return [self._field(key, spec) for key, spec in ordered]

    def _field(self, key: Key, spec: FieldSpec) -> Record:
        model, name = self.data.new_model(key[0]), self.data.new_name(key)
        a = spec.attrs
        fields = [Field("name", name), Field("model_id", ref=self.model_ref(key[0])),
                  Field("field_description", spec.label), Field("ttype", spec.ttype), Field("state", "manual")]
        if isinstance(a.get("help"), str):
            fields.append(Field("help", a["help"]))
        for attr, column in (("required", "required"), ("readonly", "readonly"), ("index", "index")):
            if a.get(attr):
                fields.append(Field(column, eval="True"))
        # Odoo's default: every field is copied but one2many (and computed ones)
        copied = a.get("copy", spec.ttype != "one2many" and not spec.decl.compute)
        fields.append(Field("copied", eval=str(bool(copied))))
        if a.get("translate") and spec.ttype in ("char", "text", "html"):
            translate = self.catalogue.field("ir.model.fields", "translate")
            value = ("'html_translate'" if spec.ttype == "html" else "'standard'") \
                if translate and translate.type == "selection" else "True"
            fields.append(Field("translate", eval=value))
        if a.get("tracking") and self.mail:
            fields.append(Field("tracking", str(100 if a["tracking"] is True else int(a["tracking"]))))
        if spec.ttype == "char" and a.get("size"):
            fields.append(Field("size", str(int(a["size"]))))
        if spec.ttype == "selection":
            items = ", ".join(f"(0, 0, {{'value': {v!r}, 'name': {label!r}, 'sequence': {i}}})"
                              for i, (v, label) in enumerate(a["selection"], start=1))
            fields.append(Field("selection_ids", eval=f"[{items}]"))
        if spec.ttype in ("many2one", "one2many", "many2many"):
            fields.append(Field("relation", self.data.new_model(a["comodel_name"])))
            if isinstance(a.get("domain"), (list, str)) and a.get("domain"):
                domain = a["domain"] if isinstance(a["domain"], str) else repr(a["domain"])
                fields.append(Field("domain", domain))
        if spec.ttype == "many2one":
            # Odoo's default: restrict for a required many2one, set null otherwise
            fields.append(Field("on_delete", a.get("ondelete") or ("restrict" if a.get("required") else "set null")))
        if spec.ttype == "one2many":
            fields.append(Field("relation_field", self.data.new_name((a["comodel_name"], a["inverse_name"]))))
        if spec.ttype == "monetary" and self.catalogue.field("ir.model.fields", "currency_field"):
            fields.append(Field("currency_field", self.path(key[0], a.get("currency_field") or "currency_id")))
        if isinstance(a.get("related"), str):
            fields.append(Field("related", self.path(key[0], a["related"])))
        if key in self.data.computes:
            fields += [Field("store", eval="True"), Field("depends", ", ".join(self.path(key[0], p) for p in spec.depends)),
                       Field("compute", self.data.computes[key].strip("\n"), code=True)]
        span = spec.decl.span
        return Record("data_record", field_record_id(model, name), "ir.model.fields",
                      f"{span.file}:{span.line_start} {key[0]}.{key[1]}, now {model}.{name}", tuple(fields))

    def defaults(self) -> list[Record]:
        out = []
        for key, spec in self.data.moving.items():
            if "default" not in spec.attrs or spec.decl.compute:
                continue
            value = spec.attrs["default"]
            if spec.ttype == "selection" and value is False:
                continue
            model, name = self.data.new_model(key[0]), self.data.new_name(key)
            span = spec.decl.span
            out.append(Record("data_record", f"default_{table(model)}__{name}", "ir.default",
                              f"{span.file}:{span.line_start} default of {key[0]}.{key[1]}",
                              (Field("field_id", ref=field_record_id(model, name)),
                               Field("json_value", json.dumps(value)))))
        return out

    def access(self) -> list[Record]:
        """The module's access rules of the models that move, as records."""
        out = []
        module = self.facts.addon.name
        for rel in self.facts.access_rules:
            text = (Path(self.facts.addon.path) / rel).read_text(encoding="utf-8")
            for row in csv.DictReader(io.StringIO(text)):
                model_ref = (row.get("model_id:id") or "").strip()
                model = next((m for m in self.data.models if names_model(model_ref, module, m)), None)
                if model is None:
                    continue
                fields = [Field("name", row.get("name") or row["id"]), Field("model_id", ref=self.model_ref(model))]
                group = (row.get("group_id:id") or "").strip()
                if group:
                    fields.append(Field("group_id", ref=group))
                fields += [Field(p, eval=str(row.get(p, "0").strip() in ("1", "True", "true")))
                           for p in ("perm_read", "perm_write", "perm_create", "perm_unlink")]
                out.append(Record("data_record", row["id"].strip(), "ir.model.access",
                                  f"{rel}: {row['id'].strip()}", tuple(fields)))
        return out

    # ------------------------------------------------------------------- copy
    def copy_action(self) -> Record | None:
        code = self.copy_code()
        if code is None:
            return None
        fields = (Field("name", f"{self.facts.addon.name}: copy the values of its fields into the custom fields"),
                  Field("model_id", ref="base.model_ir_model_fields"), Field("state", "code"),
                  Field("code", code, code=True))
        return Record("data_record", COPY_ACTION, "ir.actions.server",
                      "run once at install: the values the module's fields hold move to the custom fields", fields)

    def copy_code(self) -> str | None:
        lines = [f"# Runs once, when this module is installed: where {self.facts.addon.name} is installed (its",
                 "# columns exist), its values are copied into the custom fields that replace its fields.",
                 "cr = env.cr",
                 "cr.execute(\"SELECT table_name, column_name FROM information_schema.columns \"",
                 "           \"WHERE table_schema = current_schema()\")",
                 "columns = set(cr.fetchall())"]
        body: list[str] = []
        later: list[str] = []
        for model, new in self.data.models.items():
            body += self._copy_model(model, new, later)
        for key, spec in self.data.moving.items():
            if key[0] in self.data.models or spec.decl.compute and not spec.attrs.get("store"):
                continue
            body += self._copy_column(table(key[0]), table(key[0]), key, spec)
        body += later
        for key, spec in self.data.moving.items():
            if spec.ttype == "many2many":
                body += self._copy_relation(key, spec)
        if not body:
            return None
        return "\n".join(lines + body)

    def _stored(self, key: Key, spec: FieldSpec) -> bool:
        return spec.ttype not in ("one2many", "many2many") and (not spec.decl.compute or spec.attrs.get("store"))\
            and not spec.attrs.get("related")

    def _copy_model(self, model: str, new: str, later: list[str]) -> list[str]:
        old_table, new_table = table(model), table(new)
        own = set(self.data.models)
        direct, deferred = [], []
        for key, spec in self.data.moving.items():
            if key[0] != model or not self._stored(key, spec):
                continue
            pair = (key[1], self.data.new_name(key))
            (deferred if spec.ttype == "many2one" and spec.attrs.get("comodel_name") in own else direct).append(pair)
        magic = [("create_uid", "create_uid"), ("create_date", "create_date"), ("write_uid", "write_uid"),
                 ("write_date", "write_date")]
        pairs = [("id", "id")] + direct + magic
        out = [f"if ({old_table!r}, 'id') in columns:",
               f"    cr.execute({_sql('INSERT INTO {} ({}) SELECT {} FROM {}', new_table, pairs, old_table)!r})",
               f"    cr.execute(\"SELECT setval(pg_get_serial_sequence('{new_table}', 'id'), \"",
               f"               \"COALESCE((SELECT MAX(id) FROM {new_table}), 0) + 1, false)\")"]
        if any(c.model == model and "mail.thread" in c.inherit for c in self.facts.model_classes) and self.mail:
            out += [f"    cr.execute(\"UPDATE mail_message SET model = '{new}' WHERE model = '{model}'\")",
                    f"    cr.execute(\"UPDATE mail_followers SET res_model = '{new}' WHERE res_model = '{model}'\")",
                    f"    cr.execute(\"UPDATE mail_activity SET res_model = '{new}', res_model_id = %s \"",
                    f"               \"WHERE res_model = '{model}'\", [env['ir.model']._get_id('{new}')])",
                    f"    cr.execute(\"UPDATE ir_attachment SET res_model = '{new}' WHERE res_model = '{model}'\")"]
        for old, name in deferred:
            later += [f"if ({old_table!r}, {old!r}) in columns:",
                      f"    cr.execute('UPDATE {new_table} AS n SET {name} = o.{old} FROM {old_table} AS o "
                      f"WHERE o.id = n.id AND o.{old} IS NOT NULL')"]
        return out

    def _copy_column(self, old_table: str, new_table: str, key: Key, spec: FieldSpec) -> list[str]:
        if not self._stored(key, spec):
            return []
        old, new = key[1], self.data.new_name(key)
        return [f"if ({old_table!r}, {old!r}) in columns:",
                f"    cr.execute('UPDATE {new_table} SET {new} = {old} WHERE {old} IS NOT NULL')"]

    def _copy_relation(self, key: Key, spec: FieldSpec) -> list[str]:
        a = spec.attrs
        comodel = a["comodel_name"]
        t1, t2 = table(key[0]), table(comodel)
        old_rel = a.get("relation") or "{}_{}_rel".format(*sorted((t1, t2)))
        old1, old2 = a.get("column1") or f"{t1}_id", a.get("column2") or f"{t2}_id"
        n1, n2 = table(self.data.new_model(key[0])), table(self.data.new_model(comodel))
        new_rel = "x_{}_{}_rel".format(*sorted((n1, n2)))
        new1, new2 = ("id1", "id2") if n1 == n2 else (f"{n1}_id", f"{n2}_id")
        return [f"if ({old_rel!r}, {old1!r}) in columns:",
                f"    cr.execute('INSERT INTO {new_rel} ({new1}, {new2}) SELECT {old1}, {old2} FROM {old_rel} "
                "ON CONFLICT DO NOTHING')"]

    def copy_function(self) -> str:
        return (f'    <!-- run once, at install: {self.facts.addon.name}\'s values into the custom fields -->\n'
                f'    <function model="ir.actions.server" name="run" eval="[ref(\'{COPY_ACTION}\')]"/>')


def _sql(template: str, new_table: str, pairs: list[tuple[str, str]], old_table: str) -> str:
    return template.format(new_table, ", ".join(n for _, n in pairs), ", ".join(o for o, _ in pairs), old_table)


def _rank(spec: FieldSpec) -> int:
    """Odoo checks a monetary's currency field, a one2many's many2one and a compute's depends
    when the field is created: they come first."""
    if spec.decl.compute or spec.attrs.get("related"):
        return 3
    return {"one2many": 2, "many2many": 1, "monetary": 1}.get(spec.ttype or "", 0)
