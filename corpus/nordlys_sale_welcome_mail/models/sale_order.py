from odoo import _, api, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        # Orders migrated from the old webshop are imported in bulk: the
        # customers already got a mail from the shop back then.
        if not self.env.context.get('import_file'):
            for order in orders:
                order.message_post_with_source(
                    'nordlys_sale_welcome_mail.mail_template_quotation_received',
                    subtype_xmlid='mail.mt_comment',
                )
        return orders

    def write(self, vals):
        res = super().write(vals)
        if vals.get('state') == 'cancel':
            for order in self:
                order.message_post(body=_('Order cancelled by %s.', self.env.user.name))
        return res
