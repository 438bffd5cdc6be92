# -*- coding: utf-8 -*-
# Quill Studio -- intake of new tasks for the client's service desk.
from odoo import api, models


class ProjectTask(models.Model):
	_inherit = 'project.task'

	@api.model_create_multi
	def create(self, vals_list):
		tasks = super().create(vals_list)
		triage = self.env.ref('quill_task_intake.stage_triage')
		intake = self.env.ref('quill_task_intake.tag_intake')
		# untagged tasks of a project go to triage first
		for task in tasks.filtered(lambda t: t.project_id and not t.tag_ids):
			task.write({'stage_id': triage.id, 'tag_ids': [(4, intake.id)]})
		return tasks
