from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    site_access_blocked = fields.Boolean(
        string="Site access blocked",
        help="Technicians may not visit this customer's sites (unpaid invoices, safety).",
    )
    site_visit_ids = fields.One2many("tarn.site.visit", "partner_id", string="Site visits")
