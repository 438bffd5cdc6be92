{
    'name': 'nordlys_lead_unlink_notify (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing nordlys_lead_unlink_notify',
    'version': '17.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'crm',
        'base_automation',
    ],
    'data': [
        'data/adopt_records.xml',
        'data/records.xml',
        'data/automation_rules.xml',
    ],
    'installable': True,
}
