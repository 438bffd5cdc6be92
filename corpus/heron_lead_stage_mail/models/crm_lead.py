# Copyright 2024 Heron Advisory BV
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _track_template(self, changes):
        """Email the contact when the lead enters a stage that has an entry template.

        Uses mail.thread's tracking: Odoo calls this once ``stage_id`` changed.
        """
        res = super()._track_template(changes)
        self.ensure_one()
        if "stage_id" in changes and self.stage_id.entry_template_id and self.partner_id.email:
            res["stage_id"] = (
                self.stage_id.entry_template_id,
                {"subtype_xmlid": "mail.mt_note"},
            )
        return res
