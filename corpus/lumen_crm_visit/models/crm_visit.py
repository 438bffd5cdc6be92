from odoo import fields, models


class LumenCrmVisit(models.Model):
    _name = 'lumen.crm.visit'
    _description = 'Customer visit'
    _order = 'visit_date desc, id desc'

    name = fields.Char(string='Subject', required=True)
    lead_id = fields.Many2one('crm.lead', string='Lead', required=True, ondelete='cascade', index=True)
    visit_date = fields.Date(string='Visited on', required=True)
    outcome = fields.Selection(
        [('positive', 'Positive'), ('neutral', 'Neutral'), ('negative', 'Negative')],
        default='neutral',
    )
    duration = fields.Float(string='Duration (hours)')
