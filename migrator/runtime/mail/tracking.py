"""mail.thread's tracking (addons/mail/models/mail_thread.py `_track_prepare`,
`_track_finalize`, `_message_track`, 16.0-19.0): the first write of a request notes the
values the record's tracked fields had; when the request ends, each record whose tracked
fields changed gets one message: a post of the subtype the model gives that change (a lead's
stage: "Stage Changed", or "Opportunity Won" at 100 %; an order's state), else a note.
Records created in the request are not tracked in it. The replay ends a request with each
operation (`finalize`, called by verify's replay as Odoo's precommit hooks run).

Once a record's tracked fields changed, or were given values at its creation (the values and
the context's `default_` keys, not defaults or computes), `_message_track_post_template` posts
the templates its `_track_template` gives (16.0 at the creation itself, 17.0+ when the request
ends: here both when the operation ends, as nothing of the replay runs between).

Which fields are tracked: migrator/data/tracked-fields.json (read off databases of each
series) for Odoo's own, and those the loaded addons declare with `tracking=` on a model with
mail.thread's fields. The message is posted as the user who first wrote the record in the
request (a cron's writes: the cron's user, OdooBot for data-loaded crons), as Odoo's precommit
hook runs in that environment. The tracking values (mail.tracking.value) are not stored: the message is. A tracked
field the runtime cannot read (a computed one it does not compute) is left out; one Odoo
filled in at creation (runtime/uncomputed.py) that changes is refused by name.
"""

from __future__ import annotations

from typing import Any

from migrator.runtime import uncomputed
from migrator.runtime.errors import ReplayUnfaithful, RuntimeMissing

UNKNOWN = uncomputed.UNKNOWN


def _state(env: Any) -> dict[str, dict[int, tuple[int, dict[str, Any]] | None]]:
    return env.registry.tracking


def tracked(records: Any) -> frozenset[str]:
    """The model's tracked fields: Odoo's own (the catalogue's), and those the loaded addons
    declare."""
    core = records.env.registry.catalogue.tracked(records._name)
    if "message_ids" not in records._fields:
        return core
    return core | {name for name, field in records._fields.items() if field.get("tracking")}


def discard(records: Any) -> None:
    """Records created in this request are not tracked in it."""
    if tracked(records):
        _state(records.env).setdefault(records._name, {}).update(dict.fromkeys(records._ids))


def prepare(records: Any) -> None:
    """Before a write: the tracked values of the records not noted yet in this request, and
    who writes them."""
    names = tracked(records)
    if not names or records.env.context.get("mail_notrack") or records.env.context.get("tracking_disable"):
        return
    noted = _state(records.env).setdefault(records._name, {})
    for record in records:
        if record.id not in noted:
            noted[record.id] = (records.env.uid, {name: _value(record, name) for name in names if name in record._fields})


def created(threads: Any, values: list[dict]) -> None:
    """At creation: the tracked fields each record was given a value for, whose templates are
    posted when the request ends."""
    if threads.env.context.get("mail_notrack"):
        return
    names = tracked(threads)
    for thread, given in zip(threads, values, strict=True):
        changes = [name for name in names if given.get(name)]
        if changes:
            threads.env.registry.created_changes.append((thread._name, thread.id, threads.env.uid, changes))


def finalize(env: Any) -> None:
    """The end of a request: a tracking message per record whose tracked fields changed, then
    the templates of the changes (and of the creations)."""
    created, env.registry.created_changes = list(env.registry.created_changes), []
    state, env.registry.tracking = dict(_state(env)), {}
    for model, noted in state.items():
        for record_id, first in noted.items():
            if not first:
                continue
            uid, initial = first
            record = env[model].browse(record_id).exists()
            if not record:
                continue
            changed = [name for name, before in initial.items() if _value(record, name) != before]
            unknown = [name for name in changed if initial[name] == UNKNOWN]
            if unknown:
                raise ReplayUnfaithful(f"tracks the change of {model}.{', '.join(unknown)}, whose value before it "
                                       "Odoo computed (the runtime did not)")
            if changed:
                _post(record.with_env(env(user=uid, su=True)), {name: initial[name] for name in changed})
                record.with_env(env(user=uid, su=True))._message_track_post_template(changed)
    for model, record_id, uid, changes in created:
        env[model].browse(record_id).with_env(env(user=uid))._message_track_post_template(changes)


def forget(env: Any) -> None:
    env.registry.tracking = {}
    env.registry.created_changes = []


def _value(record: Any, name: str) -> Any:
    field = record._fields[name]
    if uncomputed.watched(record._name, field) and uncomputed.is_noted(record, name):
        return UNKNOWN
    try:
        value = record[name]
    except RuntimeMissing:
        return None  # a computed field the runtime does not compute: not tracked
    return value.ids if hasattr(value, "_ids") else value


def _post(record: Any, initial: dict[str, Any]) -> None:
    subtype = track_subtype(record, initial)
    if subtype:
        record.message_post(body="", subtype_xmlid=subtype)
    else:
        record._message_log(body="")


def track_subtype(record: Any, initial: dict[str, Any]) -> str | None:
    """`_track_subtype` of the models that give one (crm, sale, purchase, maintenance)."""
    if record._name == "crm.lead":
        if "stage_id" in initial and record.stage_id and _won(record):
            return "crm.mt_lead_won"
        if "lost_reason_id" in initial and record.lost_reason_id:
            return "crm.mt_lead_lost"
        if "stage_id" in initial:
            return "crm.mt_lead_stage"
        if "active" in initial:
            return "crm.mt_lead_restored" if record.active else "crm.mt_lead_lost"
    elif record._name == "sale.order" and "state" in initial:
        return {"sale": "sale.mt_order_confirmed", "sent": "sale.mt_order_sent"}.get(record.state)
    elif record._name == "purchase.order" and "state" in initial:
        if record.state == "purchase":
            return "purchase.mt_rfq_approved" if initial["state"] == "to approve" else "purchase.mt_rfq_confirmed"
        return {"to approve": "purchase.mt_rfq_confirmed", "done": "purchase.mt_rfq_done",
                "sent": "purchase.mt_rfq_sent"}.get(record.state)
    elif record._name == "maintenance.request" and "stage_id" in initial:
        return "maintenance.mt_req_status"
    elif record._name == "maintenance.equipment" and "owner_user_id" in initial and record.owner_user_id:
        return "maintenance.mt_mat_assign"
    return None


def _won(lead: Any) -> bool:
    """probability == 100: crm's write sets it so on a won stage; else as written."""
    if lead.stage_id.is_won:
        return True
    return _value(lead, "probability") == 100
