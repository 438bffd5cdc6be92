from odoo import http
from odoo.http import request

from odoo.addons.sale.controllers.portal import CustomerPortal


class MarginPortal(CustomerPortal):

    @http.route(['/my/orders/<int:order_id>/margin'], type='http', auth='user', website=True)
    def portal_order_margin(self, order_id, **kw):
        order = request.env['sale.order'].browse(order_id)
        order.check_access('read')
        return request.render('brightway_sale_margin_portal.portal_order_margin', {
            'order': order,
            'summary': order.sudo().get_margin_summary(),
        })
