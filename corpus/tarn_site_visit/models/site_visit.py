"""Site visits: who goes where, when, and how it went."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

VISIT_STATES = [
    ("draft", "Draft"),
    ("planned", "Planned"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]


class TarnSiteVisit(models.Model):
    """A technician's visit to a customer site."""

    _name = "tarn.site.visit"
    _description = "Site visit"
    _inherit = ["mail.thread"]
    _order = "visit_date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    partner_id = fields.Many2one("res.partner", string="Customer", required=True, index=True)
    technician_id = fields.Many2one("res.users", string="Technician")
    visit_date = fields.Date(tracking=True)
    state = fields.Selection(VISIT_STATES, default="draft", required=True, tracking=True)
    report_sent = fields.Boolean(
        help="The visit report went to the customer.",
        copy=False,
    )
    notes = fields.Text()

    @api.constrains("state", "visit_date")
    def _check_visit_date(self) -> None:
        """A visit cannot be done before it has a date."""
        for visit in self:
            if visit.state == "done" and not visit.visit_date:
                raise ValidationError(_("Set the date of visit %s before closing it.", visit.name))
