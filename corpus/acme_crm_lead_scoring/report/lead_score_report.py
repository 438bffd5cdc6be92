from odoo import fields, models, tools


class AcmeCrmLeadScoreReport(models.Model):
    _name = 'acme.crm.lead.score.report'
    _description = 'Lead score analysis'
    _auto = False
    _order = 'won_count desc'

    user_id = fields.Many2one('res.users', readonly=True)
    won_count = fields.Integer(readonly=True)
    lost_count = fields.Integer(readonly=True)
    win_rate = fields.Float(readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW acme_crm_lead_score_report AS (
                SELECT min(l.id) AS id,
                       l.user_id,
                       count(*) FILTER (WHERE s.is_won) AS won_count,
                       count(*) FILTER (WHERE NOT l.active) AS lost_count,
                       100.0 * count(*) FILTER (WHERE s.is_won) / count(*) AS win_rate
                  FROM crm_lead l
                  JOIN crm_stage s ON s.id = l.stage_id
                 WHERE l.type = 'opportunity'
              GROUP BY l.user_id
            )
        """)
