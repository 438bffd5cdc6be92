from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals: dict) -> bool:
        """Blocking a customer's site cancels the visits planned there."""
        result = super().write(vals)
        if vals.get("site_access_blocked"):
            for partner in self:
                planned = partner.site_visit_ids.filtered(lambda visit: visit.state == "planned")
                planned.write({"state": "cancel"})
        return result
