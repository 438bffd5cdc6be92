"""Fields of the action models that the packaged catalogue (18.0/19.0) lacks for older
series: 16.0's ir.server.object.lines (`fields_lines`), 16/17's cron repeat fields."""

from __future__ import annotations

from migrator.runtime import fields
from migrator.runtime.odoo_shim import models


class ServerObjectLines(models.Model):
    _name = "ir.server.object.lines"
    _description = "Server Action value mapping"

    server_id = fields.Many2one("ir.actions.server", ondelete="cascade")
    col1 = fields.Many2one("ir.model.fields", string="Field", required=True)
    value = fields.Text(required=True)
    evaluation_type = fields.Selection([("value", "Value"), ("reference", "Reference"),
                                        ("equation", "Python expression")], default="value",
                                       required=True)


class ServerActionLines(models.Model):
    _inherit = "ir.actions.server"

    fields_lines = fields.One2many("ir.server.object.lines", "server_id")


class CronRepeat(models.Model):
    _inherit = "ir.cron"

    numbercall = fields.Integer(default=1)
    doall = fields.Boolean()


def series_classes(series: str) -> list[type]:
    major = int(series.split(".")[0])
    classes: list[type] = []
    if major < 17:
        classes += [ServerObjectLines, ServerActionLines]
    if major < 18:
        classes.append(CronRepeat)
    return classes
