from odoo import fields, models


class OrchidDeliverySlot(models.Model):
    _name = 'orchid.delivery.slot'
    _description = 'Delivery slot'
    _order = 'weekday, start_hour'

    name = fields.Char(required=True, translate=True)
    weekday = fields.Selection(
        [('mon', 'Monday'), ('tue', 'Tuesday'), ('wed', 'Wednesday'), ('thu', 'Thursday'), ('fri', 'Friday')],
        required=True,
    )
    start_hour = fields.Float(required=True)
    end_hour = fields.Float(required=True)
    active = fields.Boolean(default=True)
