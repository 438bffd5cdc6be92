{
    'name': 'acme_crm_web_leads_opportunity (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing acme_crm_web_leads_opportunity',
    'version': '17.0.1.0.0',
    'category': 'Hidden',
    'license': 'AGPL-3',
    'depends': [
        'crm',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
