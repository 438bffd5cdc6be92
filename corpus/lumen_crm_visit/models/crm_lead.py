from odoo import api, fields, models


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    visit_ids = fields.One2many('lumen.crm.visit', 'lead_id', string='Visits')
    visit_count = fields.Integer(compute='_compute_visit_count', store=True)
    hot_lead = fields.Boolean(copy=False, help='Set when the lead gets three stars.')

    @api.depends('visit_ids')
    def _compute_visit_count(self):
        for lead in self:
            lead.visit_count = len(lead.visit_ids)

    def write(self, vals):
        # Three stars mean the customer asked for an offer: sales follows up first.
        if vals.get('priority') == '3':
            vals['hot_lead'] = True
        return super().write(vals)
