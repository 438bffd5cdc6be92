"""Follow-up of site visits: the report to the customer, and visits left planned too long."""

from datetime import timedelta

from odoo import api, fields, models

STALE_AFTER_DAYS = 30


class TarnSiteVisit(models.Model):
    _inherit = "tarn.site.visit"

    def write(self, vals: dict) -> bool:
        """Send the visit report when a visit is done."""
        result = super().write(vals)
        if vals.get("state") == "done":
            template = self.env.ref("tarn_site_visit_followup.mail_template_visit_report")
            for visit in self:
                visit.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
                visit.report_sent = True
        return result

    @api.model
    def _cron_cancel_stale_visits(self) -> None:
        """Cancel the visits still planned a month after their date."""
        limit = fields.Date.today() - timedelta(days=STALE_AFTER_DAYS)
        stale = self.search([("state", "=", "planned"), ("visit_date", "<", limit)])
        stale.write({"state": "cancel"})
