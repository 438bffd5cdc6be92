from odoo import _, api, models
from odoo.exceptions import ValidationError


class PurchaseOrder(models.Model):
    _inherit = 'purchase.order'

    def _get_purchase_approver(self):
        """First internal purchase manager of the order's company."""
        self.ensure_one()
        managers = self.env['res.users'].search([
            ('group_ids', 'in', self.env.ref('purchase.group_purchase_manager').id),
            ('company_ids', 'in', self.company_id.id),
            ('share', '=', False),
        ], order='id', limit=1)
        return managers or self.env.user

    def write(self, vals):
        res = super().write(vals)
        if vals.get('state') == 'to approve':
            for order in self:
                order.activity_schedule(
                    'mail.mail_activity_data_todo',
                    summary='Approve purchase order',
                    user_id=order._get_purchase_approver().id,
                )
        return res

    @api.constrains('state')
    def _check_purchase_approver(self):
        for order in self.filtered(lambda o: o.state == 'to approve'):
            if order._get_purchase_approver().share:
                raise ValidationError(_('Order %s has no internal user to approve it.', order.name))
