from datetime import timedelta

from odoo import _, fields, models


class ProjectTask(models.Model):
    _inherit = 'project.task'

    def write(self, vals):
        res = super().write(vals)
        # A red kanban state means we wait for the customer: make sure
        # somebody calls them the next day.
        if vals.get('kanban_state') == 'blocked':
            for task in self:
                task.activity_schedule(
                    'mail.mail_activity_data_todo',
                    summary='Task blocked: check with the customer',
                    date_deadline=fields.Date.today() + timedelta(days=1),
                )
        return res

    def copy(self, default=None):
        # Template tasks are duplicated a lot; keep a trace on the original.
        self.message_post(body=_('Task duplicated by %s.') % self.env.user.name)
        return super().copy(default)
