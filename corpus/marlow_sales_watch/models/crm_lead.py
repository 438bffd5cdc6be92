from __future__ import annotations

from odoo import models

BIG_DEAL: float = 50_000.0


class CrmLead(models.Model):
    _inherit = "crm.lead"

    def write(self, vals: dict) -> bool:
        revenue_before: dict[int, float] = {lead.id: lead.expected_revenue for lead in self}
        result = super().write(vals)
        for lead in self:
            # only the write that takes the lead over the line counts
            if revenue_before[lead.id] < BIG_DEAL <= lead.expected_revenue:
                lead.priority = "3"
                lead.message_post(body=f"Big deal: {lead.expected_revenue:,.0f} expected.")
        return result
