{
    'name': 'acme_sale_quote_expiry_reminder (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing acme_sale_quote_expiry_reminder',
    'version': '17.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'sale_management',
        'acme_sale_auto_confirm_mail',
        'base_automation',
        'mail',
    ],
    'data': [
        'data/adopt_records.xml',
        'data/records.xml',
        'data/automation_rules.xml',
    ],
    'installable': True,
}
