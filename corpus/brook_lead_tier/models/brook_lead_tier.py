from odoo import fields, models


class BrookLeadTier(models.Model):
    _name = "brook.lead.tier"
    _description = "Lead tier"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
