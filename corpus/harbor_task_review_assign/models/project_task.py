# Harbor Systems (c) 2024 - review hand-over
from odoo import models


class ProjectTask(models.Model):
    _inherit = "project.task"

    def write(self, vals):
        result = super(ProjectTask, self).write(vals)
        if "stage_id" in vals:
            for task in self:
                reviewer = task._harbor_reviewer()
                task._harbor_hand_over(reviewer)
        return result

    def _harbor_reviewer(self):
        """Who reviews a task in a closing (folded) stage: the project manager, else its author."""
        self.ensure_one()
        if not self.stage_id.fold:
            return self.env["res.users"]
        if self.project_id.user_id:
            return self.project_id.user_id
        return self.create_uid

    def _harbor_hand_over(self, reviewer):
        if not reviewer or reviewer in self.user_ids:
            return
        # the reviewer joins the assignees, nobody is removed
        self.user_ids = [(4, reviewer.id)]
