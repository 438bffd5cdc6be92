from odoo import models


class ProjectTask(models.Model):
    _inherit = 'project.task'

    def write(self, vals):
        was_done = self.filtered(lambda t: t.stage_id.fold)
        res = super().write(vals)
        for task in (self - was_done).filtered(lambda t: t.stage_id.fold):
            task.message_post(body='Task %s reached its final stage.' % task.name,
                              subtype_xmlid='mail.mt_note')
        return res
