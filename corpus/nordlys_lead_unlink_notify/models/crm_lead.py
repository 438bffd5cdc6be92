from odoo import models


class CrmLead(models.Model):
    _inherit = 'crm.lead'

    def unlink(self):
        # Opportunities should be marked lost, not deleted: tell the sales
        # manager when it happens anyway.
        for lead in self:
            if lead.type == 'opportunity':
                self.env.ref(
                    'nordlys_lead_unlink_notify.mail_template_opportunity_deleted'
                ).send_mail(lead.id)
        return super().unlink()
