from odoo import api, models


class ReportLeadScore(models.AbstractModel):
    _name = 'report.acme_crm_lead_scoring.report_lead_score'
    _description = 'Lead scorecard'

    @api.model
    def _get_report_values(self, docids, data=None):
        scores = self.env['acme.crm.lead.score.report'].browse(docids)
        best = max(scores.mapped('win_rate'), default=0.0)
        return {
            'doc_ids': docids,
            'doc_model': 'acme.crm.lead.score.report',
            'docs': scores,
            'best_rate': best,
        }
