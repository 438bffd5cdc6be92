# Vane Cloud Ltd. -- see LICENSE
from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def write(self, values):
        result = super().write(values)
        #: a lead handed to another salesperson hands its customer over too
        if "user_id" in values and values["user_id"]:
            self.mapped("partner_id").write({"user_id": values["user_id"]})
        return result
