"""mail.thread's methods on every model with a chatter: posting messages and managing
followers, as Odoo 16-19 do it (addons/mail/models/mail_thread.py).

A posted message notifies its recipients and the followers of its subtype
(`notified_partner_ids`, notify.py); the emails Odoo sends them are not produced.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from markupsafe import Markup, escape

from migrator.runtime.errors import RuntimeMissing
from migrator.series import series_facts
from migrator.runtime.exceptions import UserError
from migrator.runtime.mail.notify import note_notification, recipients
from migrator.runtime.environment import series_major

# Odoo refuses these as message_post keywords (they are set from the record).
_FORBIDDEN = frozenset({"model", "res_id", "subtype"})


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


# Models whose message_post subscribes the message's recipients unless told otherwise
# (sale.order and purchase.order set `mail_post_autofollow`, 16.0-19.0).
AUTOFOLLOW = frozenset({"sale.order", "purchase.order"})
# Models whose chatter is not one flat thread (`_mail_flat_thread = False`): a message
# posted there has no parent unless given one.
NOT_FLAT = frozenset({"res.partner", "mail.channel", "discuss.channel"})


def message_values(record: Any, *, body: Any, message_type: str, subtype_id: int, partner_ids: list[int],
                   subject: str | None, author_id: int | None, email_from: str | None, parent_id: int | bool,
                   body_is_html: bool, **kwargs: Any) -> dict:
    """The mail.message values message_post (and message_notify) give: the author, the
    parent as given (message_post's `parent_of`), the record's company (17.0+)."""
    env = record.env
    author, email_from = record._message_compute_author(author_id, email_from)
    values = {
        "email_add_signature": True, **kwargs,
        "author_id": author.id, "email_from": email_from, "model": record._name,
        "res_id": record.id, "body": message_body(env, body, body_is_html),
        "message_type": message_type, "parent_id": parent_id,
        "subject": subject or False, "subtype_id": subtype_id,
        "partner_ids": [(6, 0, partner_ids)], "date": env.clock.now(),
    }
    fields = env["mail.message"]._fields
    if fields["record_name"].store:  # computed from model and res_id in 19.0
        values.setdefault("record_name", record.sudo().display_name)
    if series_major(env) >= 17 and "record_company_id" in fields:
        company = record.company_id if "company_id" in record._fields else record.env["res.company"]
        values.setdefault("record_company_id", (company or env.company).id)
    return values


def parent_of(record: Any, parent_id: int | bool) -> int | bool:
    """`_message_compute_parent_id`: in a flat thread, the record's first message (but
    notifications to users), or the first ancestor of the one given."""
    messages = record.env["mail.message"].sudo()
    if not parent_id:
        if record._name in NOT_FLAT:
            return False
        first = messages.search([("res_id", "=", record.id), ("model", "=", record._name),
                                 ("message_type", "!=", "user_notification")], order="id asc", limit=1)
        return first.id or False
    if record._name in NOT_FLAT:
        parent = messages.browse(parent_id)
        return parent.parent_id.id or parent_id
    ancestor, seen = messages.browse(parent_id), set()
    while ancestor.parent_id and ancestor.parent_id.id not in seen:
        seen.add(ancestor.id)
        ancestor = ancestor.parent_id
    return ancestor.id


def notify(record: Any, body: Any, partner_ids: list[int], subject: str, **values: Any) -> Any:
    """message_notify: a `user_notification` message for `partner_ids`, on the record, internal
    and never part of its thread (Odoo computes it no parent)."""
    env = record.env
    vals = message_values(record, body=body, message_type="user_notification", subtype_id=env.ref("mail.mt_note").id,
                          partner_ids=partner_ids, subject=subject, author_id=None, email_from=None, parent_id=False,
                          body_is_html=True)
    vals["is_internal"] = True
    vals.update(values)
    if not env["mail.message"]._fields["record_name"].store:  # 19.0: computed
        vals.pop("record_name", None)
    vals["notified_partner_ids"] = [(6, 0, recipients(record.browse(), vals["subtype_id"], partner_ids,
                                                      vals["author_id"]))]
    note_notification(record, partner_ids)
    return env["mail.message"].sudo().create(vals).with_env(env)


def add_followers(records: Any, partners: dict[int, Collection[int] | None], policy: str,
                  internal: set[int] | None = None) -> None:
    """mail.followers `_insert_followers`: new followers get the given subtypes, or the
    model's default ones (for customers, the non-internal ones); existing ones are kept
    (`skip`), get the given subtypes added (`update`) or have them instead (`replace`).
    `internal`: the partners known to be internal users' (else looked up)."""
    followers = records.env["mail.followers"].sudo()
    default, external, customers = [], [], set()
    if any(subtypes is None for subtypes in partners.values()):  # the defaults are needed
        default, external = records._default_subtypes()
        customers = set(partners) - (internal_partner_ids(records.env, list(partners)) if internal is None
                                     else internal)
    for record in records:
        for partner_id, subtypes in partners.items():
            existing = followers.search([("res_model", "=", records._name), ("res_id", "=", record.id),
                                         ("partner_id", "=", partner_id)])
            if existing:
                if policy == "replace" and subtypes is not None:
                    existing.write({"subtype_ids": [(6, 0, list(subtypes))]})
                elif policy == "update" and subtypes:
                    existing.write({"subtype_ids": [(4, sid) for sid in subtypes]})
                continue
            chosen = subtypes if subtypes is not None else (external if partner_id in customers else default)
            followers.create({"res_model": records._name, "res_id": record.id, "partner_id": partner_id,
                              "subtype_ids": [(6, 0, sorted(chosen))]})


class ThreadMethods:
    """Placed under every model that has `message_ids` (registry.add_mixin)."""

    def _track_template(self, changes: Any) -> dict:
        return {}

    def _message_track_post_template(self, changes: Any) -> bool:
        """mail.thread's: the templates `_track_template` gives for the changed fields, each
        posted on the record in a context without `default_` keys, with the method and default
        arguments of the series (migrator/series.py)."""
        if not self or not changes:
            return True
        context = {key: value for key, value in self.env.context.items() if not key.startswith("default_")}
        cleaned = self.with_context(context)._fallback_lang()
        facts = series_facts(self.env.registry.series)
        for template, options in self._track_template(changes).values():
            if not template:
                continue
            options = dict(options)
            if facts.track_post_method == "message_post_with_template":  # 16.0: handed to the composer
                cleaned.message_post_with_template(template.id, **options)
                continue
            mode = options.pop("composition_mode", "comment" if len(self) == 1 else "mass_mail")
            for key, value in facts.track_post_defaults:
                options.setdefault(key, value)
            if mode == "mass_mail":
                cleaned.message_mail_with_source(template, **options)
            else:
                cleaned.message_post_with_source(template, **options)
        return True

    def _message_compute_subject(self) -> str:
        """The default subject of a message on the record (event.registration's is not replayed)."""
        self.ensure_one()
        if self._name == "event.registration":
            raise RuntimeMissing("event.registration's message subject")
        return self.display_name

    def _fallback_lang(self) -> Any:
        if not self.env.context.get("lang"):
            return self.with_context(lang=self.env.user.lang)
        return self

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
        subtype = subtype_id_of(env, subtype_xmlid, subtype_id)
        if self._name in AUTOFOLLOW and {"mark_so_as_sent", "mark_rfq_as_sent"} & set(env.context):
            raise RuntimeMissing(f"{self._name}.message_post marking the document sent")
        autofollow = env.context.get("mail_post_autofollow", self._name in AUTOFOLLOW)
        if autofollow and partner_ids:
            self.message_subscribe(partner_ids=partner_ids)
        values = message_values(self, body=body, message_type=message_type, subtype_id=subtype,
                                partner_ids=partner_ids, subject=subject, author_id=author_id,
                                email_from=email_from, parent_id=parent_of(self, parent_id), body_is_html=body_is_html,
                                **kwargs)
        message = env["mail.message"].sudo().create(values).with_env(env)
        # a manual post subscribes its real author so that they receive answers
        if not env.context.get("mail_create_nosubscribe") and message_type != "notification":
            real_author = env.user.partner_id if env.user.active else message.author_id.filtered("active")
            if real_author:
                self.message_subscribe(partner_ids=real_author.ids)
        notified = recipients(self, subtype, partner_ids, message.author_id.id)
        if notified:
            message.sudo().write({"notified_partner_ids": [(6, 0, notified)]})
            note_notification(self, notified)
        return message

    def message_notify(self, *, partner_ids: list[int] | None = None, body: Any = "", subject: str | None = None,
                       **kwargs: Any) -> Any:
        if self:
            self.ensure_one()
        if not partner_ids:
            return self.env["mail.message"]
        if kwargs:
            raise RuntimeMissing(f"message_notify parameters {sorted(kwargs)}")
        return notify(self, body, list(partner_ids), subject=subject or False)

    def _message_log_batch(self, bodies: dict, subject: str | bool = False, author_id: int | None = None,
                           email_from: str | None = None, message_type: str = "notification",
                           partner_ids: Any = False, attachment_ids: Any = False,
                           tracking_value_ids: Any = False) -> Any:
        """Notes on several records at once: no notification, no parent, no record name."""
        if attachment_ids or tracking_value_ids:
            raise RuntimeMissing("_message_log_batch with attachments or tracking values")
        author, email_from = self._message_compute_author(author_id, email_from, raise_on_email=False)
        values = {"author_id": author.id, "email_from": email_from, "model": self._name,
                  "message_type": message_type, "is_internal": True, "subject": subject,
                  "email_add_signature": False,  # no notification, no signature
                  "subtype_id": self.env.ref("mail.mt_note").id, "partner_ids": partner_ids or [],
                  "date": self.env.clock.now()}
        fields = self.env["mail.message"]._fields
        if fields["record_name"].store:  # computed from model and res_id in 19.0
            values["record_name"] = False
        if "record_company_id" in fields and series_major(self.env) >= 17:
            values["record_company_id"] = False
        return self.env["mail.message"].sudo().create([
            {**values, "res_id": record.id, "body": message_body(self.env, bodies.get(record.id, ""), False)}
            for record in self])

    def _message_log(self, *, body: Any = "", subject: str | bool = False, author_id: int | None = None,
                     email_from: str | None = None, message_type: str = "notification",
                     partner_ids: Any = False, attachment_ids: Any = False, tracking_value_ids: Any = False) -> Any:
        self.ensure_one()
        return self._message_log_batch({self.id: body}, subject=subject, author_id=author_id,
                                       email_from=email_from, message_type=message_type, partner_ids=partner_ids,
                                       attachment_ids=attachment_ids, tracking_value_ids=tracking_value_ids)

    def _message_compute_author(self, author_id: int | None, email_from: str | None,
                                raise_on_email: bool = True) -> tuple[Any, str]:
        partners = self.env["res.partner"].sudo()
        if author_id is None:
            if email_from:
                raise RuntimeMissing("message_post with email_from and no author_id (partner lookup by email)")
            author = self.env.user.partner_id
        else:
            author = partners.browse(author_id)
        if email_from is None and author:
            email_from = author.email_formatted
        # 16.0-18.0 refuse an author without address but as superuser; 19.0 posts without one
        if not email_from and raise_on_email and not self.env.su and series_major(self.env) < 19:
            raise UserError("Unable to send message, please configure the sender's email address.")
        return author, email_from

    # ------------------------------------------------------------- followers
    def message_subscribe(self, partner_ids: list[int] | None = None,
                          subtype_ids: list[int] | None = None) -> bool:
        """Given subtypes replace an existing follower's; without, an existing follower is kept."""
        if not self or not partner_ids:
            return True
        add_followers(self, dict.fromkeys(partner_ids, subtype_ids), "skip" if subtype_ids is None else "replace")
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


class MessageCreate:
    """Placed under mail.message: what its `create` fills in when not given (16.0-19.0): the
    sender from the author, the reply-to address, which is the sender's (the replay database
    has no alias domain), and until 18.0 the record's name (`_get_record_name`; 19.0 computes
    it). A message made along with a mail (mail.mail's parent, template.send_mail) gets them too."""

    def create(self, vals_list: Any) -> Any:
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        completed = []
        named = self._fields["record_name"].store and "default_record_name" not in self.env.context
        for vals in vals_list:
            vals = dict(vals)
            if "email_from" not in vals:
                author = self.env["res.partner"].sudo().browse(vals["author_id"]) if vals.get("author_id") \
                    else self.env.user.partner_id
                vals["email_from"] = author.email_formatted or False
            if "reply_to" not in vals and "reply_to" in self._fields:
                vals["reply_to"] = vals.get("email_from") or False
            if named and "record_name" not in vals:
                vals["record_name"] = _record_name(self.env, vals)
            completed.append(vals)
        return super().create(completed)  # type: ignore[misc]


def _record_name(env: Any, vals: dict) -> Any:
    """mail.message `_get_record_name`: the display name of the message's document."""
    model = vals.get("model", env.context.get("default_model"))
    res_id = vals.get("res_id", env.context.get("default_res_id"))
    if not model or not res_id or not env.registry.has_model(model):
        return False
    return env[model].sudo().browse(res_id).display_name
