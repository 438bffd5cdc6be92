from odoo import fields, models


class CrmLead(models.Model):
    _inherit = "crm.lead"

    brook_tier_id = fields.Many2one(
        "brook.lead.tier",
        string="Tier",
        tracking=True,
    )

    # The nightly ERP synchronisation writes leads back with `brook_sync` in the context:
    # it must never move a tier a salesperson set.
    def write(self, vals):
        if self.env.context.get("brook_sync") and "brook_tier_id" in vals:
            vals = dict(vals)
            del vals["brook_tier_id"]
        return super().write(vals)

    # The "Gold" button of the lead form.
    def action_brook_gold(self):
        return self.write(
            {"brook_tier_id": self.env.ref("brook_lead_tier.brook_tier_gold").id},
        )
