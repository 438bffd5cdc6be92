{
    'name': 'vane_lead_owner_sync (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing vane_lead_owner_sync',
    'version': '18.0.1.0.0',
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
