# -*- coding: utf-8 -*-
# Part of Kestrel Systems. See LICENSE file for full copyright and licensing details.
from odoo import models


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    def write(self, vals):
        res = super(SaleOrder, self).write(vals)
        if vals.get('state') == 'sale':
            template = self.env.ref('kestrel_sale_kickoff.mail_template_kickoff')
            for order in self:
                # signed or not, a confirmed order is not sent for signature again
                order.require_signature = False
                order.message_post_with_source(template, subtype_xmlid='mail.mt_comment')
                self.env['project.task'].create({
                    'name': 'Kick-off %s' % order.name,
                    'partner_id': order.partner_id.id,
                    'description': order.client_order_ref or '',
                })
        return res
