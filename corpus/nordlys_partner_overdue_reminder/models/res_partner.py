from odoo import models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    def action_send_overdue_reminder(self):
        # Credit control sends this by hand after the weekly aged balance review.
        for partner in self:
            self.env.ref(
                'nordlys_partner_overdue_reminder.mail_template_overdue_reminder'
            ).send_mail(partner.id)
        return True
