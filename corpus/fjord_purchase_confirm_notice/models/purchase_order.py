# Copyright 2024 Fjord Digital AS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    def write(self, vals):
        """Post our confirmation letter in the chatter when the order is confirmed."""
        if "state" not in vals:
            return super().write(vals)
        res = super().write(vals)
        template = self.env.ref("fjord_purchase_confirm_notice.mail_template_po_confirmed")
        for order in self:
            if order.state != "purchase":
                continue
            order.message_post_with_source(template, subtype_xmlid="mail.mt_comment")
        return res

    def _cron_remind_sent_rfqs(self):
        """Daily: remind the buyer of every RFQ sent to a vendor and not confirmed yet."""
        template = self.env.ref(
            "fjord_purchase_confirm_notice.mail_template_rfq_reminder", raise_if_not_found=False
        )
        if not template:
            # deleted by an administrator: the reminder is switched off
            return
        for order in self.search([("state", "=", "sent")]):
            if not order.user_id:
                continue
            template.send_mail(order.id)
