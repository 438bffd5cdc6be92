{
    'name': 'pemberton_contact_buyer (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing pemberton_contact_buyer',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'purchase',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
