from odoo import fields, models


class ProjectTask(models.Model):
    _inherit = 'project.task'

    reviewed_on = fields.Date(string='Approved on', readonly=True, copy=False)

    def write(self, vals):
        # Invoicing of fixed-price milestones starts from the approval date.
        if vals.get('state') == '03_approved':
            vals['reviewed_on'] = fields.Date.today()
        return super().write(vals)
