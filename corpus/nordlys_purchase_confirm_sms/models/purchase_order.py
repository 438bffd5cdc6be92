from odoo import fields, models


class PurchaseOrder(models.Model):
    _inherit = 'purchase.order'

    vendor_confirmation_ref = fields.Char(
        string='Vendor confirmation #',
        copy=False,
        tracking=True,
        help='Order confirmation number given by the vendor.',
    )

    def write(self, vals):
        res = super().write(vals)
        # Most of our fish suppliers do not read mail on the boat.
        if vals.get('state') == 'purchase':
            for order in self:
                order._message_sms_with_template(
                    template_xmlid='nordlys_purchase_confirm_sms.sms_template_po_confirmed',
                )
        return res
