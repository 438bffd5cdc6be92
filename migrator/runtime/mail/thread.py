"""mail.thread's methods on every model with a chatter: posting messages and managing
followers, as Odoo 16-19 do it (addons/mail/models/mail_thread.py).

Notifications (mail.notification rows, the emails sent to followers of a posted
message) are not produced: a message records its recipients in `partner_ids`.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.exceptions import UserError

# Odoo refuses these as message_post keywords (they are set from the record).
_FORBIDDEN = frozenset({"model", "res_id", "subtype"})


def series_major(env: Any) -> int:
    return int(env.registry.series.split(".")[0])


def message_body(env: Any, body: Any, body_is_html: bool) -> str:
    """17+ escapes a plain-text body unless it is Markup or body_is_html; 16 keeps it."""
    if body is None or body is False:
        body = ""
    if series_major(env) < 17 or body_is_html or isinstance(body, Markup):
        return str(body)
    return str(escape(body))


def subtype_id_of(env: Any, subtype_xmlid: str | None, subtype_id: int | bool) -> int:
    if subtype_xmlid:
        xmlid = subtype_xmlid if "." in subtype_xmlid else f"mail.{subtype_xmlid}"
        return env.ref(xmlid).id
    return subtype_id or env.ref("mail.mt_note").id


def internal_partner_ids(env: Any, partner_ids: list[int]) -> set[int]:
    """Partners of internal users (the others are `partner_share` customers)."""
    users = env["res.users"].sudo().with_context(active_test=False).search(
        [("partner_id", "in", list(partner_ids)), ("share", "=", False)])
    return {user.partner_id.id for user in users}


class ThreadMethods:
    """Placed under every model that has `message_ids` (registry.add_mixin)."""

    def message_post(self, *, body: Any = "", subject: str | None = None,
                     message_type: str = "notification", email_from: str | None = None,
                     author_id: int | None = None, parent_id: int | bool = False,
                     subtype_xmlid: str | None = None, subtype_id: int | bool = False,
                     partner_ids: list[int] | None = None, attachments: Any = None,
                     attachment_ids: Any = None, body_is_html: bool = False, **kwargs: Any) -> Any:
        self.ensure_one()
        if _FORBIDDEN & set(kwargs):
            raise ValueError(f"message_post does not accept {sorted(_FORBIDDEN & set(kwargs))}")
        if message_type == "user_notification":
            raise ValueError("Use message_notify to send a notification to an user.")
        if attachments or attachment_ids:
            raise RuntimeMissing("message_post attachments")
        if partner_ids and not all(isinstance(pid, int) for pid in partner_ids):
            raise ValueError(f"Posting a message should receive partners as a list of IDs (received {partner_ids!r})")
        partner_ids = list(partner_ids or [])
        env = self.env
        message_fields = env["mail.message"]._fields
        unknown = [key for key in kwargs if key not in message_fields]
        if unknown:  # Odoo hands them to the notification step, which the runtime lacks
            raise RuntimeMissing(f"message_post notification parameters {unknown}")
        author, email_from = self._message_compute_author(author_id, email_from)
        if self.env.context.get("mail_post_autofollow") and partner_ids:
            self.message_subscribe(partner_ids=partner_ids)
        values = {
            "email_add_signature": True, **kwargs,
            "author_id": author.id, "email_from": email_from, "model": self._name,
            "res_id": self.id, "body": message_body(env, body, body_is_html),
            "message_type": message_type, "parent_id": parent_id or False,
            "subject": subject or False,
            "subtype_id": subtype_id_of(env, subtype_xmlid, subtype_id),
            "partner_ids": [(6, 0, partner_ids)], "date": env.clock.now(),
        }
        if message_fields["record_name"].store:  # computed from model and res_id in 19.0
            values.setdefault("record_name", self.display_name)
        message = env["mail.message"].sudo().create(values).with_env(env)
        # a manual post subscribes its real author so that they receive answers
        if not env.context.get("mail_create_nosubscribe") and message_type != "notification":
            real_author = env.user.partner_id if env.user.active else author.filtered("active")
            if real_author:
                self.message_subscribe(partner_ids=real_author.ids)
        return message

    def _message_compute_author(self, author_id: int | None, email_from: str | None) -> tuple[Any, str]:
        partners = self.env["res.partner"].sudo()
        if author_id is None:
            if email_from:
                raise RuntimeMissing("message_post with email_from and no author_id (partner lookup by email)")
            author = self.env.user.partner_id
        else:
            author = partners.browse(author_id)
        if email_from is None and author:
            email_from = author.email_formatted
        if not email_from:
            raise UserError("Unable to log message, please configure the sender's email address.")
        return author, email_from

    # ------------------------------------------------------------- followers
    def message_subscribe(self, partner_ids: list[int] | None = None,
                          subtype_ids: list[int] | None = None) -> bool:
        if not self or not partner_ids:
            return True
        env = self.env
        followers = env["mail.followers"].sudo()
        default, external = self._default_subtypes()
        internal = internal_partner_ids(env, partner_ids)
        for record in self:
            for partner_id in dict.fromkeys(partner_ids):
                existing = followers.search([("res_model", "=", self._name), ("res_id", "=", record.id),
                                             ("partner_id", "=", partner_id)])
                if existing:
                    if subtype_ids is not None:  # given subtypes replace the follower's
                        existing.write({"subtype_ids": [(6, 0, list(subtype_ids))]})
                    continue
                chosen = subtype_ids if subtype_ids is not None else (
                    default if partner_id in internal else external)
                followers.create({"res_model": self._name, "res_id": record.id,
                                  "partner_id": partner_id, "subtype_ids": [(6, 0, list(chosen))]})
        return True

    def message_unsubscribe(self, partner_ids: list[int] | None = None) -> bool:
        if not partner_ids:
            return True
        self.env["mail.followers"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("partner_id", "in", list(partner_ids))]).unlink()
        return True

    def _default_subtypes(self) -> tuple[list[int], list[int]]:
        """Default subtypes of the model (mail.message.subtype.default_subtypes): all of
        them for internal partners, the non-internal ones for customers."""
        subtypes = self.env["mail.message.subtype"].sudo().search([
            ("default", "=", True), "|", ("res_model", "=", self._name), ("res_model", "=", False)])
        return subtypes.ids, subtypes.filtered(lambda s: not s.internal).ids

    def unlink(self) -> bool:
        """Messages and followers go with the record (linked by model and id, no cascade)."""
        if not self:
            return True
        ids = self.ids
        self.env["mail.message"].sudo().search([("model", "=", self._name), ("res_id", "in", ids)]).unlink()
        result = super().unlink()  # type: ignore[misc]
        self.env["mail.followers"].sudo().search([("res_model", "=", self._name), ("res_id", "in", ids)]).unlink()
        return result
