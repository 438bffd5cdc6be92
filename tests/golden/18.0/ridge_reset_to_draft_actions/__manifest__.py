{
    'name': 'ridge_reset_to_draft (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing ridge_reset_to_draft',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'sale',
        'purchase',
        'ridge_reset_to_draft',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
