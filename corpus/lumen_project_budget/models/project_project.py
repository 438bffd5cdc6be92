from odoo import api, fields, models


class ProjectProject(models.Model):
    _inherit = 'project.project'

    budget_amount = fields.Float(string='Budget', tracking=True)
    budget_state = fields.Selection([('ok', 'On budget'), ('over', 'Over budget')], default='ok', copy=False)
    budget_note = fields.Text()
    expense_ids = fields.One2many('lumen.project.expense', 'project_id')
    expense_total = fields.Float(compute='_compute_expense_total', store=True)

    @api.depends('expense_ids.amount')
    def _compute_expense_total(self):
        for project in self:
            project.expense_total = sum(project.expense_ids.mapped('amount'))

    def write(self, vals):
        # An over-budget project is shown to its followers only until the budget is fixed.
        if vals.get('budget_state') == 'over':
            vals['privacy_visibility'] = 'followers'
        return super().write(vals)
