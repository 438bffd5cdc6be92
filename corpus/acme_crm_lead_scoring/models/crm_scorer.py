from odoo import fields, models


class AcmeCrmScorer(models.Model):
    """A salesperson as the scoring sees them: their user plus scoring settings."""

    _name = 'acme.crm.scorer'
    _description = 'Lead scorer'
    _inherits = {'res.users': 'user_id'}

    user_id = fields.Many2one('res.users', required=True, ondelete='cascade')
    target_win_rate = fields.Float(default=25.0)
    region = fields.Char()
