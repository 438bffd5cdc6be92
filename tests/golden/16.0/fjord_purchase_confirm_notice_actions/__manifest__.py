{
    'name': 'fjord_purchase_confirm_notice (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing fjord_purchase_confirm_notice',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'purchase',
        'base_automation',
        'mail',
    ],
    'data': [
        'data/adopt_records.xml',
        'data/records.xml',
        'data/automation_rules.xml',
        'data/ir_cron.xml',
    ],
    'installable': True,
}
