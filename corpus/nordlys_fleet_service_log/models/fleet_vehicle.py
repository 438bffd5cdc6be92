from odoo import fields, models


class FleetVehicle(models.Model):
    _inherit = 'fleet.vehicle'

    service_log_ids = fields.One2many('nordlys.fleet.service.log', 'vehicle_id')
    next_service_km = fields.Integer(
        string='Next service at (km)',
        help='Odometer reading at which the workshop wants to see the vehicle again.',
    )
    winter_tyres = fields.Boolean(default=True)
