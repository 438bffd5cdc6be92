from odoo import api, fields, models


class NordlysFleetServiceLog(models.Model):
    _name = 'nordlys.fleet.service.log'
    _description = 'Workshop visit'
    _inherit = ['mail.thread']
    _order = 'date desc, id desc'

    vehicle_id = fields.Many2one('fleet.vehicle', required=True, index=True, tracking=True)
    date = fields.Date(required=True, tracking=True)
    workshop = fields.Char()
    kind = fields.Selection(
        [('service', 'Scheduled service'), ('repair', 'Repair'), ('tyres', 'Tyre change')],
        default='service',
        required=True,
    )
    labour_cost = fields.Monetary(currency_field='currency_id')
    parts_cost = fields.Monetary(currency_field='currency_id')
    total_cost = fields.Monetary(compute='_compute_total_cost', store=True, currency_field='currency_id')
    currency_id = fields.Many2one('res.currency', required=True)
    note = fields.Text()

    @api.depends('labour_cost', 'parts_cost')
    def _compute_total_cost(self):
        for log in self:
            log.total_cost = log.labour_cost + log.parts_cost
