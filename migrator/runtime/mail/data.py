"""The records of the mail addon that modules and generated actions refer to: message
subtypes and activity types, with their xml ids (as addons/mail/data ships them), and the
apps' subtypes (subtypes.py)."""

from __future__ import annotations

from typing import Any

from migrator.runtime.mail.subtypes import seed_app_subtypes

SUBTYPES = (
    ("mt_comment", {"name": "Discussions", "sequence": 0, "default": True, "internal": False}),
    ("mt_note", {"name": "Note", "sequence": 100, "default": False, "internal": True}),
    ("mt_activities", {"name": "Activities", "sequence": 90, "default": False, "internal": True}),
)
ACTIVITY_TYPES = (
    ("mail_activity_data_email", {"name": "Email", "icon": "fa-envelope", "delay_count": 2,
                                  "sequence": 3}),
    ("mail_activity_data_call", {"name": "Call", "icon": "fa-phone", "category": "phonecall",
                                 "delay_count": 2, "sequence": 6}),
    ("mail_activity_data_meeting", {"name": "Meeting", "icon": "fa-users", "category": "meeting",
                                    "sequence": 9}),
    ("mail_activity_data_todo", {"name": "To-Do", "icon": "fa-check", "delay_count": 5,
                                 "sequence": 12}),
    ("mail_activity_data_upload_document", {"name": "Document", "icon": "fa-upload",
                                            "category": "upload_file", "delay_count": 5,
                                            "sequence": 25}),
    ("mail_activity_data_warning", {"name": "Exception", "icon": "fa-warning",
                                    "decoration_type": "warning", "sequence": 99}),
)


def seed_mail(env: Any) -> None:
    """Create the subtypes and activity types with their `mail.*` xml ids."""
    rows = []
    for model, records in (("mail.message.subtype", SUBTYPES), ("mail.activity.type", ACTIVITY_TYPES)):
        if model not in env.registry.tables:
            continue
        for name, values in records:
            record = env[model].create(values)
            rows.append({"module": "mail", "name": name, "model": model, "res_id": record.id,
                         "noupdate": True})
    if "mail.message.subtype" in env.registry.tables:
        rows += seed_app_subtypes(env)
    env["ir.model.data"].create(rows)
