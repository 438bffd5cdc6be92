# Copyright 2024 Heron Advisory BV
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    entry_template_id = fields.Many2one(
        comodel_name="mail.template",
        string="Email on Entry",
        domain=[("model", "=", "crm.lead")],
        help="Sent to the lead's contact when a lead enters this stage.",
    )
