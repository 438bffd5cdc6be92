{
    'name': 'nordlys_purchase_admin_follow (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing nordlys_purchase_admin_follow',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'purchase',
        'base_automation',
        'mail',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
