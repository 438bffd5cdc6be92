from odoo import _, fields, models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    onboarding_notes = fields.Text(
        string='Onboarding notes',
        help='Free notes for the onboarding team (access, contacts, constraints).',
    )

    def write(self, vals):
        res = super().write(vals)
        if vals.get('state') == 'sale':
            for order in self:
                task = self.env['project.task'].create({
                    'name': _('Onboarding %s') % order.name,
                    'partner_id': order.partner_id.id,
                    'user_ids': [(6, 0, order.user_id.ids)],
                    'description': order.note,
                })
                order.message_post(body=_('Onboarding task %s created.') % task.name)
        return res
