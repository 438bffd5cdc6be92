from odoo import api, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        # Only companies get the welcome pack; their contacts are created
        # right after and must not receive it a second time.
        for partner in partners:
            if partner.company_type == 'company':
                partner.message_post_with_template(
                    self.env.ref('brightway_partner_welcome_mail.mail_template_partner_welcome').id
                )
        return partners
