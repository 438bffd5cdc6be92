"""Method plans -> the records of the data module, spelled for one Odoo series.

Every difference between series is read from `SeriesFacts` (migrator/series.py): which
fields configure an object_write, whether a rule carries its action's fields itself (16) or
owns server actions (17+), how a multi holds its children, the cron repeat fields, the time
range mode, and whether a field exists at all in that series.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass

from migrator.generate.module_schema import ModuleSchema
from migrator.generate.plan import MethodPlan, Step
from migrator.model import XmlRecord
from migrator.series import SeriesFacts

_SA = "ir.actions.server"


class Unresolvable(Exception):
    """A model or field without an xml id the data module could reference."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code  # "unknown-model" | "unknown-field" (migrator/blockers.py)


@dataclass(frozen=True)
class Field:
    name: str
    text: str | None = None  # plain value, escaped when rendered
    ref: str | None = None
    eval: str | None = None
    code: bool = False  # Python: rendered on lines of its own


@dataclass(frozen=True)
class Record:
    template: str  # templates/<template>.xml.j2
    xmlid: str
    model: str
    comment: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Naming:
    """Turns the original module's xml ids into the data module's, and names records."""

    module: str  # original module
    rename: Callable[[str], str]  # xml id as used -> xml id in the data module

    def base(self, plan: MethodPlan) -> str:
        return f"{plan.model.replace('.', '_')}_{plan.method.strip('_')}"


class RecordBuilder:
    def __init__(self, facts: SeriesFacts, schema: ModuleSchema, naming: Naming):
        self.facts = facts
        self.schema = schema  # the catalogue, the module's dependencies, its own fields
        self.naming = naming

    # ------------------------------------------------------------------ plans

    def build(self, plan: MethodPlan, cron_record: XmlRecord | None = None) -> list[Record]:
        if plan.trigger == "cron":
            return [self._cron(plan, cron_record)]
        if plan.trigger == "manual":
            return self._manual(plan)
        return self._automation(plan)

    def _cron(self, plan: MethodPlan, original: XmlRecord | None) -> Record:
        cron = plan.cron
        assert cron is not None and plan.code is not None
        name = (original.fields.get("name") if original else None) or f"{plan.model}: {plan.method}"
        fields = [Field("name", name), self._model_field("model_id", plan.model), Field("state", "code"),
                  Field("code", plan.code.strip("\n"), code=True)]
        if cron.user_ref:
            fields.append(Field("user_id", ref=self.naming.rename(cron.user_ref)))
        if cron.interval_number is not None:
            fields.append(Field("interval_number", str(cron.interval_number)))
        if cron.interval_type:
            fields.append(Field("interval_type", cron.interval_type))
        # 16/17: numbercall 1 (the default) would run the job once; -1 repeats it forever.
        repeat = {"numbercall": Field("numbercall", "-1"), "doall": Field("doall", eval="False")}
        fields += [repeat[name] for name in self.facts.cron_repeat_fields]
        fields.append(Field("active", eval=str(cron.active)))
        xmlid = f"cron_{self.naming.base(plan)}"
        return Record("cron", xmlid, "ir.cron", _comment(plan, f"scheduled action, replaces cron {cron.xmlid}"),
                      tuple(fields))

    def _manual(self, plan: MethodPlan) -> list[Record]:
        xmlid = f"action_{self.naming.base(plan)}"
        head = [Field("name", _title(self.naming.module, plan)), self._model_field("model_id", plan.model),
                self._model_field("binding_model_id", plan.model), Field("binding_type", "action")]
        comment = _comment(plan, "server action bound to the model (Action menu), replaces the button")
        if plan.code is not None:
            return [Record("server_action", xmlid, _SA, comment, tuple(head + self._code_fields(plan)))]
        if len(plan.steps) == 1:
            return [Record("server_action", xmlid, _SA, comment,
                           tuple(head + self._step_fields(plan, plan.steps[0])))]
        return self._multi(plan, xmlid, comment, head)

    def _automation(self, plan: MethodPlan) -> list[Record]:
        xmlid = f"rule_{self.naming.base(plan)}"
        comment = _comment(plan, f"automation rule, trigger {plan.trigger}")
        if any(e.kind == "field_write" for u in plan.units for e in u.effects):
            # Odoo marks the records done for this rule (__action_done) before its actions run.
            comment += "; its own writes do not trigger it again"
        # on_create / on_write are kept as such: on_create_or_write also fires on create even
        # when trigger fields are set (docs/generate.md).
        rule = [Field("name", _title(self.naming.module, plan)), self._model_field("model_id", plan.model),
                Field("trigger", plan.trigger)] + self._rule_conditions(plan)
        if self.facts.automation_delegates:
            # 16: the rule IS its server action: the action's fields go on the rule itself.
            if plan.code is not None:
                return [Record("automation", xmlid, "base.automation", comment, tuple(rule + self._code_fields(plan)))]
            if len(plan.steps) == 1:
                return [Record("automation", xmlid, "base.automation", comment,
                               tuple(rule + self._step_fields(plan, plan.steps[0])))]
            children = self._children(plan, extra=[])
            refs = ", ".join(f"ref('{c.xmlid}')" for c in children)
            return children + [Record("automation", xmlid, "base.automation", comment, tuple(
                rule + [Field("state", "multi"), Field("child_ids", eval=f"[(6, 0, [{refs}])]")]))]
        # 17+: the rule owns its server actions (base_automation_id), run in sequence order.
        owner = [Field("usage", "base_automation"), Field("base_automation_id", ref=xmlid)]
        if plan.code is not None:
            action = Record("server_action", f"action_{self.naming.base(plan)}", _SA,
                            _comment(plan, "code action of the rule above"),
                            tuple([Field("name", _title(self.naming.module, plan)),
                                   self._model_field("model_id", plan.model)] + owner + self._code_fields(plan)))
            return [Record("automation", xmlid, "base.automation", comment, tuple(rule)), action]
        return [Record("automation", xmlid, "base.automation", comment, tuple(rule))] + self._children(plan, owner)

    # ------------------------------------------------------------- rule parts

    def _rule_conditions(self, plan: MethodPlan) -> list[Field]:
        fields: list[Field] = []
        if plan.trigger_fields:
            refs = ", ".join(f"ref('{self._field_xmlid(plan.model, f)}')" for f in plan.trigger_fields)
            fields.append(Field("trigger_field_ids", eval=f"[(6, 0, [{refs}])]"))
        if plan.pre_condition:
            # after trigger_field_ids: 17.0+ compute filter_pre_domain from the trigger fields
            # (keeping a value written with them); 16.0 from the trigger only
            fields.append(Field("filter_pre_domain", plan.pre_condition))
        if plan.condition:
            fields.append(Field("filter_domain", plan.condition))
        if plan.trigger == "on_time" and plan.delay is not None:
            fields.append(Field("trg_date_id", ref=self._field_xmlid(plan.model, plan.date_field or "")))
            amount, unit = plan.delay
            if self.facts.time_range_mode:
                # 19: a non-negative delay and a mode say before/after the date
                fields += [Field("trg_date_range", str(abs(amount))),
                           Field("trg_date_range_mode", "before" if amount < 0 else "after")]
            else:
                fields.append(Field("trg_date_range", str(amount)))
            fields.append(Field("trg_date_range_type", unit))
        return fields

    def _children(self, plan: MethodPlan, extra: list[Field]) -> list[Record]:
        """One server action per step, numbered in source order."""
        records = []
        for index, step in enumerate(plan.steps, start=1):
            xmlid = f"action_{self.naming.base(plan)}_{index}"
            fields = [Field("name", step.effect.description), self._model_field("model_id", plan.model),
                      Field("sequence", str(index))] + extra + self._step_fields(plan, step)
            where = f"{step.effect.span.file}:{step.effect.span.line_start}"
            records.append(Record("server_action", xmlid, _SA, f"{where}: {step.effect.description}", tuple(fields)))
        return records

    def _multi(self, plan: MethodPlan, xmlid: str, comment: str, head: list[Field]) -> list[Record]:
        if self.facts.child_ids_type == "many2many":
            children = self._children(plan, extra=[])
            refs = ", ".join(f"ref('{c.xmlid}')" for c in children)
            parent = Record("server_action", xmlid, _SA, comment,
                            tuple(head + [Field("state", "multi"), Field("child_ids", eval=f"[(6, 0, [{refs}])]")]))
            return children + [parent]
        # 19: children point to their multi through parent_id, so the multi comes first.
        parent = Record("server_action", xmlid, _SA, comment, tuple(head + [Field("state", "multi")]))
        return [parent] + self._children(plan, extra=[Field("parent_id", ref=xmlid)])

    # ------------------------------------------------------------ action kinds

    def _code_fields(self, plan: MethodPlan) -> list[Field]:
        return [Field("state", "code"), Field("code", plan.code.strip("\n"), code=True)]

    def _step_fields(self, plan: MethodPlan, step: Step) -> list[Field]:
        s = step.settings
        rename = self.naming.rename
        if step.state == "object_write":
            if s.get("equation"):
                return [Field("state", "object_write")] + self._equation_fields(plan.model, s["field"], s["equation"])
            return [Field("state", "object_write")] + self._write_fields(plan.model, s["field"], s["value"])
        if step.state == "code":
            return [Field("state", "code"), Field("code", s["code"].strip("\n"), code=True)]
        if step.state == "object_create":
            return [Field("state", "object_create"), self._model_field("crud_model_id", s["model"]),
                    *self._create_name(s["model"], s["name"])]
        if step.state == "mail_post":
            return [Field("state", "mail_post"), Field("template_id", ref=rename(s["template"])),
                    Field("mail_post_method", s["post_method"]),
                    # Odoo would make the recipients followers; the module never subscribed them.
                    Field("mail_post_autofollow", eval="False")]
        if step.state == "followers":
            refs = ", ".join(f"ref('{rename(p)}')" for p in s["partners"])
            fields = [Field("state", "followers")]
            if self.facts.accepts(_SA, "followers_type"):
                fields.append(Field("followers_type", "specific"))
            return fields + [Field("partner_ids", eval=f"[(6, 0, [{refs}])]")]
        if step.state == "next_activity":
            fields = [Field("state", "next_activity"), Field("activity_type_id", ref=rename(s["activity_type"]))]
            if s["summary"] is not None:
                fields.append(Field("activity_summary", s["summary"]))
            if s["note"] is not None:
                fields.append(Field("activity_note", s["note"]))
            if s["deadline_amount"]:
                fields += [Field("activity_date_deadline_range", str(s["deadline_amount"])),
                           Field("activity_date_deadline_range_type", s["deadline_unit"])]
            if s["user_field"]:
                fields += [Field("activity_user_type", "generic"),
                           Field("activity_user_field_name", s["user_field"])]
            else:
                # no user given: activity_schedule falls back to the type's default user, then the current one
                fields.append(Field("activity_user_type", "specific"))
            return fields
        raise ValueError(f"no record for action state {step.state!r}")

    def _write_fields(self, model: str, name: str, value: str) -> list[Field]:
        literal = ast.literal_eval(value)
        info = self.schema.field(model, name)
        if info is None:
            raise Unresolvable("unknown-field", self.schema.no_field(model, name))
        if self.facts.object_write_fields == ("fields_lines",):
            return [Field("fields_lines", eval=f"[(0, 0, {self._line(model, name, literal, value)})]")]
        fields = [Field("update_path", name)]
        if info.type == "boolean" and isinstance(literal, bool):
            return fields + [Field("update_boolean_value", "true" if literal else "false")]
        if isinstance(literal, str):
            text_field = "html_value" if info.type == "html" and self.facts.accepts(_SA, "html_value") else "value"
            return fields + [Field("evaluation_type", "value"), Field(text_field, literal)]
        # False/None/numbers: an expression, so a date is emptied rather than set to the text 'False'
        return fields + [Field("evaluation_type", "equation"), Field("value", value)]

    def _equation_fields(self, model: str, name: str, equation: str) -> list[Field]:
        """The value an expression computes when the action runs (`record` is the record)."""
        if self.facts.object_write_fields == ("fields_lines",):
            line = f"{{'col1': ref('{self._field_xmlid(model, name)}'), 'evaluation_type': 'equation', 'value': {equation!r}}}"
            return [Field("fields_lines", eval=f"[(0, 0, {line})]")]
        self._field_xmlid(model, name)  # the field must exist in the series
        return [Field("update_path", name), Field("evaluation_type", "equation"), Field("value", equation)]

    def _line(self, model: str, name: str, literal: object, source: str) -> str:
        """16: one ir.server.object.lines as a dict for (0, 0, ...)."""
        kind, text = ("value", literal) if isinstance(literal, str) else ("equation", source)
        return (f"{{'col1': ref('{self._field_xmlid(model, name)}'), "
                f"'evaluation_type': '{kind}', 'value': {text!r}}}")

    def _create_name(self, model: str, name: str) -> list[Field]:
        if self.facts.object_write_fields == ("fields_lines",):
            return [Field("fields_lines", eval=f"[(0, 0, {self._line(model, 'name', name, repr(name))})]")]
        return [Field("value", name)]  # 17+: name_create

    # ------------------------------------------------------------------- refs

    def _model_field(self, name: str, model: str) -> Field:
        xmlid = self.schema.model_xmlid(model)
        if not xmlid:
            raise Unresolvable("unknown-model", self.schema.no_model(model))
        return Field(name, ref=xmlid)

    def _field_xmlid(self, model: str, name: str) -> str:
        xmlid = self.schema.field_xmlid(model, name)
        if not xmlid:
            raise Unresolvable("unknown-field", self.schema.no_field(model, name))
        return xmlid


def _title(module: str, plan: MethodPlan) -> str:
    what = "; ".join(dict.fromkeys(e.description for u in plan.units for e in u.effects)) or plan.method
    return f"{module}: {what}"


def _comment(plan: MethodPlan, what: str) -> str:
    span = plan.evidence
    return f"{span.file}:{span.line_start}-{span.line_end} {plan.model}.{plan.method}: {what}"


_REF_CALL = re.compile(r"""\bref\('([\w.]+)'\)""")


def ref_modules(record: Record) -> set[str]:
    """The modules whose xml ids the record's fields name (`ref=`, `ref('...')` in an eval)."""
    ids = [f.ref for f in record.fields if f.ref] + [m for f in record.fields if f.eval
                                                       for m in _REF_CALL.findall(f.eval)]
    return {xmlid.split(".", 1)[0] for xmlid in ids if "." in xmlid}


_DASHES = re.compile(r"-{2,}")


def xml_comment(text: str) -> str:
    """Text safe inside <!-- -->: no double dash, no trailing dash."""
    return _DASHES.sub("-", text).rstrip("-")
