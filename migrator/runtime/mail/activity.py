"""mail.activity.mixin's `activity_schedule` and what creating an activity does:
the assignee follows the record (addons/mail/models/mail_activity*.py, 16-19)."""

from __future__ import annotations

from typing import Any


class ActivityMethods:
    """Placed under every model that has `activity_ids`."""

    def activity_schedule(self, act_type_xmlid: str = "", date_deadline: Any = None,
                          summary: str = "", note: str = "", **act_values: Any) -> Any:
        env = self.env
        if env.context.get("mail_activity_automation_skip"):
            return False
        if not date_deadline:
            date_deadline = env.clock.today()  # Odoo: context_today, UTC users here
        types = env["mail.activity.type"]
        if act_type_xmlid:
            activity_type = env.ref(act_type_xmlid, raise_if_not_found=False) or self._default_activity_type()
        else:
            type_id = act_values.get("activity_type_id", False)
            activity_type = types.browse(type_id) if type_id else types
        model_id = env["ir.model"].sudo().search([("model", "=", self._name)]).id
        vals_list = []
        for record in self:
            vals = {
                "activity_type_id": activity_type.id, "summary": summary or activity_type.summary,
                "automated": True, "note": note or activity_type.default_note,
                "date_deadline": date_deadline, "res_model_id": model_id, "res_id": record.id,
                **act_values,
            }
            if not vals.get("user_id"):
                vals["user_id"] = activity_type.default_user_id.id or env.uid
            vals_list.append(vals)
        return env["mail.activity"].create(vals_list)

    def _default_activity_type(self) -> Any:
        return self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False) \
            or self.env["mail.activity.type"]

    def unlink(self) -> bool:
        """Activities go with the record (linked by model and id)."""
        ids = self.ids
        result = super().unlink()  # type: ignore[misc]
        self.env["mail.activity"].sudo().with_context(active_test=False).search(
            [("res_model", "=", self._name), ("res_id", "in", ids)]).unlink()
        return result


class ActivityCreate:
    """Placed under mail.activity: the model name is stored beside the model id, with what
    Odoo stores from them (the record's name, 18+ the assignee's time zone), and the
    assignee follows the record."""

    def create(self, vals_list: Any) -> Any:
        if isinstance(vals_list, dict):
            vals_list = [vals_list]
        models = self.env["ir.model"].sudo()
        vals_list = [{**vals, "res_model": models.browse(vals["res_model_id"]).model}
                     if vals.get("res_model_id") and not vals.get("res_model") else vals
                     for vals in vals_list]
        vals_list = [self._stored_names(vals) for vals in vals_list]
        activities = super().create(vals_list)  # type: ignore[misc]
        for activity in activities:
            partner = activity.user_id.partner_id
            record = self.env[activity.res_model].browse(activity.res_id)
            if partner and hasattr(type(record), "message_subscribe"):
                record.message_subscribe(partner_ids=partner.ids)
        return activities

    def _stored_names(self, vals: dict) -> dict:
        """Odoo's stored computes `res_name` (the record's display name) and, 18+, `user_tz`
        (related to the assignee's)."""
        env = self.env  # type: ignore[attr-defined]
        fields = self._fields  # type: ignore[attr-defined]
        vals = dict(vals)
        if "res_name" in fields and "res_name" not in vals and vals.get("res_model") and vals.get("res_id"):
            vals["res_name"] = env[vals["res_model"]].sudo().browse(vals["res_id"]).display_name
        if "user_tz" in fields and "user_tz" not in vals and vals.get("user_id"):
            vals["user_tz"] = env["res.users"].sudo().browse(vals["user_id"]).tz
        return vals
