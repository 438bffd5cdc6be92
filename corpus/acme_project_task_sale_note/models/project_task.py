from odoo import api, models


class ProjectTask(models.Model):
    _inherit = 'project.task'

    @api.model_create_multi
    def create(self, vals_list):
        tasks = super().create(vals_list)
        for task in tasks:
            # sale_project is not installed on every company database of the
            # group, so the field may not exist.
            order = getattr(task, 'sale_order_id', False)
            if order:
                task.message_post(body=self.env._('Created from sales order %s.', order.name))
        return tasks
