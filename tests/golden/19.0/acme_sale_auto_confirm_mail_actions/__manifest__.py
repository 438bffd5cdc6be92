{
    'name': 'acme_sale_auto_confirm_mail (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing acme_sale_auto_confirm_mail',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'sale',
        'acme_base_dependencies',
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
