"""object_write and object_create: 16.0 through `fields_lines` (ir.server.object.lines),
17+ through `update_path` / `value` / `evaluation_type` and friends."""

from __future__ import annotations

import contextlib
from typing import Any

from migrator.runtime.action_sandbox import eval_expression
from migrator.runtime.actions.server_action import runner
from migrator.runtime.commands import Command
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.exceptions import ValidationError
from migrator.runtime.environment import series_major


def traverse(action: Any, record: Any) -> tuple[Any, Any]:
    """The field `update_path` ends on and the records that hold it (path[:-1] from record)."""
    path = (action.update_path or "").split(".")
    model = record
    for i, name in enumerate(path):
        field = model._fields.get(name)
        if field is None:
            raise ValueError(f"{action.name}: invalid update path {action.update_path!r}")
        if i < len(path) - 1:
            if not field.comodel_name:
                raise ValidationError(f"The path to the field to update contains a non-relational field ({name})")
            model = model[name]
    return field, model


def eval_value(action: Any, field: Any, eval_context: dict) -> Any:
    """Odoo 17+'s _eval_value, with 19's html_value for HTML fields."""
    if action.evaluation_type == "equation":
        return eval_expression(action.value or "", eval_context)
    if action.evaluation_type == "sequence":
        raise RuntimeMissing("object_write evaluation_type 'sequence' (ir.sequence)")
    if field.type == "html" and series_major(action.env) >= 19:
        return action.html_value
    value = action.value
    if field.type == "many2many":
        operation = action.update_m2m_operation
        if operation == "clear":
            return [Command.clear()]
        command = {"add": Command.link, "remove": Command.unlink,
                   "set": lambda v: Command.set([v])}[operation]
        return [command(int(value))]
    if field.type == "boolean":
        return action.update_boolean_value == "true"
    if field.type in ("many2one", "integer"):
        with contextlib.suppress(Exception):
            number = int(value)
            return False if number == 0 and field.type == "many2one" else number
    if field.type == "float":
        with contextlib.suppress(Exception):
            return float(value)
    return value


def line_values(action: Any, eval_context: dict) -> dict[str, Any]:
    """16.0: the values of the action's fields_lines, by field name."""
    values = {}
    for line in action.fields_lines:
        value: Any = line.value
        if line.evaluation_type == "equation":
            value = eval_expression(line.value or "", eval_context)
        elif line.col1.ttype in ("many2one", "integer"):
            with contextlib.suppress(Exception):
                value = int(line.value)
        values[line.col1.name] = value
    return values


@runner("object_write", multi=False)
def run_object_write(action: Any, env: Any, eval_context: dict) -> Any:
    record = env[action.model_id.model].browse(env.context.get("active_id"))
    if series_major(env) < 17:
        record.write(line_values(action, eval_context))
        return None
    if not action.update_path:
        if series_major(env) >= 19:
            return None  # 19 does nothing without a path
        raise ValueError(f"{action.name}: object_write without update_path")
    field, targets = traverse(action, record)
    targets.write({field.name: eval_value(action, field, eval_context)})
    return None


@runner("object_create", multi=False)
def run_object_create(action: Any, env: Any, eval_context: dict) -> Any:
    Model = env[action.crud_model_id.model]
    if series_major(env) < 17:
        new_id = Model.create(line_values(action, eval_context)).id
    else:
        new_id, _name = Model.name_create(action.value)
    link = action.link_field_id
    if link:
        record = env[action.model_id.model].browse(env.context.get("active_id"))
        many = link.ttype in ("one2many", "many2many")
        record.write({link.name: [Command.link(new_id)] if many else new_id})
    return None
