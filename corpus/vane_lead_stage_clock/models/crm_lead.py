# Vane Cloud Ltd. -- see LICENSE
from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    #: set by write(), read by the ageing report
    stage_moved_on = fields.Datetime(string="Stage moved on", readonly=True, copy=False)

    def write(self, values):
        #: every move between stages restarts the ageing clock
        if "stage_id" in values:
            values.update({"stage_moved_on": fields.Datetime.now()})
        return super().write(values)
