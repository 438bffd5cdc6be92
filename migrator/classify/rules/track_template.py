"""track-template: a `_track_template` override posts a template when a tracked field changes."""

from __future__ import annotations

import ast
from collections.abc import Iterator

from migrator.classify import track_template
from migrator.classify.method_context import MethodContext
from migrator.model import Effect
from migrator.classify.rule import Rule


class TrackTemplate(Rule):
    name = "track-template"
    summary = ("Posts a template once a tracked field changed: `res['stage_id'] = (template, {...})` in a "
               "`_track_template` override (a rule on create and write of that field).")
    produces = "effect"
    match = (
        '''
class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _track_template(self, changes):
        res = super()._track_template(changes)
        lead = self[0]
        if "stage_id" in changes and lead.stage_id.x_template_id:
            res["stage_id"] = (lead.stage_id.x_template_id, {"subtype_xmlid": "mail.mt_note"})
        return res
''',
    )
    no_match = (
        '''
class CrmLead(models.Model):
    _inherit = "crm.lead"

    def _track_subtype(self, init_values):
        if "stage_id" in init_values:
            return self.env.ref("crm.mt_lead_stage")
        return super()._track_subtype(init_values)
''',
    )

    def check(self, ctx: MethodContext) -> Iterator[Effect]:
        if ctx.method.name != track_template.NAME:
            return
        read = track_template.read(ctx.method.node)
        for post in read.posts:
            yield Effect("mail_send", f"post a template when {post.field} changes ({ast.unparse(post.template)})",
                         ctx.span(post.node), False, {"tracked": post.field})
        if not read.posts:  # the unit still shows, and the plan says why it stays
            yield Effect("mail_send", "post templates when tracked fields change", ctx.method.span, False, {})
