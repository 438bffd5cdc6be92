from odoo import fields, models


class LumenProjectExpense(models.Model):
    _name = 'lumen.project.expense'
    _description = 'Project expense'

    name = fields.Char(required=True)
    project_id = fields.Many2one('project.project', required=True, ondelete='cascade')
    amount = fields.Float(required=True)
    expense_date = fields.Date()
    category = fields.Selection([('travel', 'Travel'), ('material', 'Material'), ('other', 'Other')],
                                default='other', required=True)
