{
    'name': 'nordlys_purchase_confirm_sms (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing nordlys_purchase_confirm_sms',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'purchase',
        'sms',
        'base_automation',
    ],
    'data': [
        'data/adopt_records.xml',
        'data/records.xml',
        'data/automation_rules.xml',
    ],
    'installable': True,
}
