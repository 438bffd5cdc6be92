"""Discuss's channels every database has and who is in them: what a partner's `channel_ids`
holds. mail's data makes the "general" channel (`mail.channel_all_employees`, auto-joined by
internal users), from 18.0 also "Administrators" (`mail.channel_admin`, for settings
users), with the administrator in both (16.0: OdooBot in "general" too); creating a user
makes it a member of the channels of its groups (mail's res.users `create`:
`_subscribe_users_automatically`, 16.0-19.0). The runtime's users are internal users without
the settings group, so a new active user joins "general" only.

The channels' own messages and members' details (discuss.channel.member) are not replayed:
only the partner's link to the channel, which its `channel_ids` shows."""

from __future__ import annotations

from typing import Any

from migrator.runtime import commands
from migrator.runtime.environment import series_major

GENERAL = "channel_all_employees"
CHANNELS = (
    (GENERAL, {"name": "general", "description": "General announcements for all employees."}, 16),
    ("channel_admin", {"name": "Administrators", "description": "General channel for administrators."}, 18),
)
ROOT_PARTNER, ADMIN_PARTNER = 2, 3  # runtime/seed.py


def _usable(env: Any) -> bool:
    field = env["res.partner"]._fields.get("channel_ids")
    return field is not None and field.comodel_name in env.registry.tables


def seed_channels(env: Any) -> None:
    """The channels with their `mail.*` xml ids, and their first members."""
    if not _usable(env):
        return
    env = env(context={**env.context, "tracking_disable": True})  # data, as mail installs it
    channels = env[env["res.partner"]._fields["channel_ids"].comodel_name]
    partners = env["res.partner"].with_context(active_test=False)
    field = partners._fields["channel_ids"]
    rows = []
    for name, values, since in CHANNELS:
        if series_major(env) < since:
            continue
        channel = channels.create({k: v for k, v in values.items() if k in channels._fields})
        rows.append({"module": "mail", "name": name, "model": channels._name, "res_id": channel.id,
                     "noupdate": True})
        members = (ROOT_PARTNER, ADMIN_PARTNER) if name == GENERAL and series_major(env) == 16 else (ADMIN_PARTNER,)
        for partner_id in members:
            commands.apply(partners.browse(partner_id), field, [(4, channel.id)])
    env["ir.model.data"].create(rows)


class UserChannels:
    """Placed under res.users: new users join the channel of internal users."""

    def create(self, vals_list: Any) -> Any:
        users = super().create(vals_list)  # type: ignore[misc]
        env = self.env
        if not _usable(env) or (series_major(env) == 16 and env.context.get("mail_channel_nosubscribe")):
            return users
        general = env.ref(f"mail.{GENERAL}", raise_if_not_found=False)
        if not general:
            return users
        partners = env["res.partner"].with_context(active_test=False)
        field = partners._fields["channel_ids"]
        for user in users.with_context(active_test=False):
            partner = user.partner_id
            # the group's users (the active ones) and, from 17.0, only active partners
            if user.active and not user.share and (partner.active or series_major(env) == 16) \
                    and general not in partner.channel_ids:
                commands.apply(partner, field, [(4, general.id)])
        return users
