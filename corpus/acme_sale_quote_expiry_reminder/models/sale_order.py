from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    @api.model
    def _cron_send_expiry_reminder(self):
        # One reminder, three days before the quotation's expiration date.
        expiry = fields.Date.today() + relativedelta(days=3)
        quotations = self.search([
            ('state', 'in', ('draft', 'sent')),
            ('validity_date', '=', expiry),
        ])
        for order in quotations:
            order.message_post_with_source(
                'acme_sale_quote_expiry_reminder.mail_template_quotation_expiry',
                subtype_xmlid='mail.mt_comment',
            )
