"""res.partner's stored computes that every partner has, computed as base's res_partner.py
computes them (16.0-19.0): its commercial entity and that entity's company name, whether it
is shared (no internal user), and from 17.0 its complete name. They are computed when a
partner is created and again when what they depend on changes (runtime/compute.py), as
Odoo's are; the seeded partners hold them from the start (runtime/seed.py).

16.0 has no `complete_name` (its stored `display_name` plays that part), so it stays a
field Odoo computes and the runtime does not (runtime/uncomputed.py)."""

from __future__ import annotations

from migrator.runtime import fields
from migrator.runtime.decorators import depends
from migrator.runtime.environment import SUPERUSER_ID
from migrator.runtime.odoo_shim import models

# res.partner.type's labels of the addresses whose type names a partner without a name
# (`_complete_name_displayed_types`); 19.0 shortened them
TYPE_LABELS = {"invoice": "Invoice Address", "delivery": "Delivery Address", "other": "Other Address"}
TYPE_LABELS_19 = {"invoice": "Invoice", "delivery": "Delivery", "other": "Other"}


class PartnerCommercial(models.Model):
    _inherit = "res.partner"

    commercial_partner_id = fields.Many2one("res.partner", compute="_compute_commercial_partner", store=True)
    commercial_company_name = fields.Char(compute="_compute_commercial_company_name", store=True)
    partner_share = fields.Boolean(compute="_compute_partner_share", store=True)

    @depends("is_company", "parent_id.commercial_partner_id")
    def _compute_commercial_partner(self) -> None:
        for partner in self:
            if partner.is_company or not partner.parent_id:
                partner.commercial_partner_id = partner
            else:
                partner.commercial_partner_id = partner.parent_id.commercial_partner_id

    @depends("company_name", "parent_id.is_company", "commercial_partner_id.name")
    def _compute_commercial_company_name(self) -> None:
        for partner in self:
            entity = partner.commercial_partner_id
            partner.commercial_company_name = entity.is_company and entity.name or partner.company_name

    @depends("user_ids.share", "user_ids.active")
    def _compute_partner_share(self) -> None:
        root = self.env["res.users"].browse(SUPERUSER_ID).partner_id
        for partner in self:
            if partner == root:
                partner.partner_share = False
            else:
                partner.partner_share = not partner.user_ids or not any(not user.share for user in partner.user_ids)


class PartnerCompleteName(models.Model):
    _inherit = "res.partner"

    complete_name = fields.Char(compute="_compute_complete_name", store=True)

    @depends("is_company", "name", "parent_id.name", "type", "company_name", "commercial_company_name")
    def _compute_complete_name(self) -> None:
        labels = TYPE_LABELS_19 if self.env.registry.series == "19.0" else TYPE_LABELS
        for partner in self:
            name = partner.name or ""
            if partner.company_name or partner.parent_id:
                if not name and partner.type in labels:
                    name = labels[partner.type]
                # 19.0 leaves the company out under partner_display_name_hide_company, which
                # Odoo's compute clears from the context
                if not partner.is_company:
                    name = f"{partner.commercial_company_name or partner.sudo().parent_id.name}, {name}"
            partner.complete_name = name.strip()


def partner_classes(series: str) -> tuple[type, ...]:
    return (PartnerCommercial,) if series == "16.0" else (PartnerCommercial, PartnerCompleteName)
