{
    'name': 'ACME - Lead scoring analysis',
    'summary': 'Score won and lost opportunities per salesperson; printable scorecard',
    'version': '17.0.1.1.0',
    'category': 'Sales/CRM',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    # the kick-off module was a dependency when both were one project
    'depends': ['crm', 'acme_crm_won_kickoff_activity'],
    'data': [
        'security/ir.model.access.csv',
        'report/lead_score_report_views.xml',
        'report/lead_score_templates.xml',
        'views/crm_scorer_views.xml',
    ],
    'installable': True,
}
