from odoo import fields, models


class LumenVendorReview(models.Model):
    _name = 'lumen.vendor.review'
    _description = 'Vendor review'

    partner_id = fields.Many2one('res.partner', string='Vendor', required=True, ondelete='cascade')
    review_date = fields.Date(required=True)
    score = fields.Integer(help='From 1 (poor) to 5 (excellent).')
    remarks = fields.Text()
