"""What mail.thread's own `create` and `write` do on every model with a chatter
(addons/mail/models/mail_thread.py, 16.0-19.0), which a module's overrides and the
automation rules that replace them run around:

- create: the creating user follows the new record (unless `mail_create_nosubscribe`,
  inactive users such as OdooBot, and 19.0's portal users); then the auto-subscription
  below with the created values; then the creation message: a note "<Model> created"
  (`_message_log_batch`), or a post of the model's creation subtype (crm.lead's
  "Opportunity Created");
- write: the auto-subscription with the written values;
- auto-subscription (`_message_auto_subscribe`): the followers of a parent record given in
  the values (a lead's `team_id`) follow with the child subtypes of theirs (the team's
  "Opportunity Created" becomes the lead's), and the user of a tracked `user_id` follows with
  the model's default subtypes and, when that is not the current user, is notified of the
  assignment (a `user_notification` message, mail's `message_user_assigned`).

`tracking_disable` in the context skips all of it, as in Odoo. A write notes the tracked
values for the message sent when the request ends (tracking.py). Models whose Odoo overrides this with
behaviour of its own (project.task's assignees, account.move's creation message) are
refused by name when created.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from migrator.runtime import uncomputed
from migrator.runtime.app_data import DEFAULT_TEAM_NAME
from migrator.runtime.errors import ReplayUnfaithful
from migrator.runtime.mail import tracking
from migrator.runtime.mail.thread import add_followers, internal_partner_ids, notify, series_major

# (model, series from) -> creation subtype; the message is mail's unless CREATION_MESSAGE says
CREATION_SUBTYPE = {"crm.lead": "crm.mt_lead_create"}
# Odoo's own creation (and assignment) logic the runtime does not have
REFUSED_CREATE = {
    "project.task": "project.task's creation (its default assignees, personal stages, assignment mails "
                    "and creation subtype)",
    "account.move": "account.move's creation (accounting's checks and creation message)",
    "maintenance.request": "maintenance.request's creation subtype",
    "hr.applicant": "hr.applicant's creation subtype",
    "hr.job": "hr.job's creation subtype",
}


class ThreadLifecycle:
    """Placed under every model that has `message_ids`, with ThreadMethods."""

    def create(self, vals_list: Any) -> Any:
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        context = self.env.context
        if self._name in REFUSED_CREATE and not context.get("tracking_disable"):
            raise ReplayUnfaithful(REFUSED_CREATE[self._name])
        threads = super().create(vals_list)  # type: ignore[misc]
        tracking.discard(threads)
        if context.get("tracking_disable") or not threads:
            return threads
        user = self.env.user
        if not context.get("mail_create_nosubscribe") and user.active \
                and (series_major(self.env) < 19 or not user.share):
            add_followers(threads, {user.partner_id.id: None}, "skip", internal={user.partner_id.id})
        given = []
        for thread, values in zip(threads, vals_list, strict=True):
            created = dict(values)
            for key, value in context.items():
                if key.startswith("default_") and key[8:] not in created:
                    created[key[8:]] = value
            thread._message_auto_subscribe(created, "update")
            given.append(created)
        if not context.get("mail_create_nolog"):
            for thread in threads:
                thread._log_creation()
        tracking.created(threads, given)
        return threads

    def write(self, vals: dict) -> bool:
        tracking.prepare(self)
        result = super().write(vals)  # type: ignore[misc]
        if not self.env.context.get("tracking_disable"):
            self._message_auto_subscribe(vals, "skip")
        return result

    def _message_auto_subscribe(self, values: dict, policy: str) -> None:
        if not self:
            return
        # mail.message.subtype `_get_auto_subscription_subtypes`: one search for the generic
        # subtypes, the model's, and those of a parent model that follow a field of this one
        # (the team's "Opportunity Created" through a lead's team_id), which stand for the
        # subtype of this model that is their parent
        subtypes = self.env["mail.message.subtype"].sudo().search([
            "|", "|", ("res_model", "=", False), ("res_model", "=", self._name),
            ("parent_id.res_model", "=", self._name)])
        own = subtypes.filtered(lambda s: not s.res_model or s.res_model == self._name)
        own_ids, defaults = set(own.ids), own.filtered("default").ids
        internal_ids = set(subtypes.filtered("internal").ids)
        children = (subtypes - own).filtered("relation_field")
        parent_of = {child.id: child.parent_id.id for child in children}
        new: dict[int, set[int] | None] = {}
        for res_model, fname in sorted({(child.res_model, child.relation_field) for child in children}):
            target = values.get(fname)
            if not target or not isinstance(target, int):
                continue
            for follower in self.env["mail.followers"].sudo().search([("res_model", "=", res_model),
                                                                       ("res_id", "=", target)]):
                partner = follower.partner_id
                if not partner.active:
                    continue
                held = follower.subtype_ids.ids
                sids = {parent_of[sid] for sid in held if sid in parent_of} \
                    | {sid for sid in held if sid not in parent_of and sid in own_ids}
                customer = partner.id not in internal_partner_ids(self.env, [partner.id])
                new[partner.id] = sids - internal_ids if customer else sids
        notified: list[int] = []
        user_id = values.get("user_id")
        field = self._fields.get("user_id")
        if user_id and field is not None and field.comodel_name == "res.users" and "user_id" in tracking.tracked(self):
            user = self.env["res.users"].sudo().browse(user_id)
            if user.active:
                new.setdefault(user.partner_id.id, set(defaults))
                if user != self.env.user:
                    notified.append(user.partner_id.id)
        if new:
            add_followers(self, new, policy)
        if notified and not self.env.context.get("mail_auto_subscribe_no_notify"):
            for record in self:
                record._notify_assignment(notified)

    def _notify_assignment(self, partner_ids: list[int]) -> None:
        """mail's `message_user_assigned`, sent through message_notify."""
        description = self.env["ir.model"].sudo().search([("model", "=", self._name)]).name or "document"
        body = (Markup('<span>Dear %s,</span>\n    <br/><br/>\n    <span style="margin-top: 8px;">You have been '
                       'assigned to the %s %s.</span>\n    <br/>')
                % (self.user_id.sudo().name, description, self.display_name))
        notify(self, body, partner_ids, subject=f"You have been assigned to {self.display_name}",
               email_layout_xmlid="mail.mail_notification_layout", record_name=self.display_name)

    def _log_creation(self) -> None:
        subtype = CREATION_SUBTYPE.get(self._name)
        text = self._creation_message()
        if subtype:
            body = Markup('<div summary="o_mail_notification"><p>%s</p></div>') % text \
                if series_major(self.env) >= 18 else ""
            self.sudo().message_post(subtype_xmlid=subtype, author_id=self.env.user.partner_id.id, body=body)
        else:
            self._message_log_batch({self.id: text})

    def _creation_message(self) -> str:
        if self._name == "crm.lead" and series_major(self.env) >= 18:
            team = default_team_name(self)
            if team:
                return f'A new lead has been created for the team "{team}".'
            return "A new lead has been created and is not assigned to any team."
        description = self.env["ir.model"].sudo().search([("model", "=", self._name)]).name
        return f"{description} created"


def default_team_name(lead: Any) -> str | bool:
    """The name of the lead's team: the one written, else the one Odoo computes for a lead
    with a salesperson (runtime/app_data.py: "Sales")."""
    if not uncomputed.is_noted(lead, "team_id"):
        return lead.team_id.display_name if lead.team_id else False
    return DEFAULT_TEAM_NAME if lead.user_id else False
