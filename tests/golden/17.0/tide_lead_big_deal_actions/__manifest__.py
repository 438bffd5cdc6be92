{
    'name': 'tide_lead_big_deal (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing tide_lead_big_deal',
    'version': '17.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'crm',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
