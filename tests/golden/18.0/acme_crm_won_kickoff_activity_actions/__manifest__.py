{
    'name': 'acme_crm_won_kickoff_activity (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing acme_crm_won_kickoff_activity',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'crm',
        'base_automation',
        'mail',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
