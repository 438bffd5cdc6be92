{
    'name': 'nordlys_sale_prepayment (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing nordlys_sale_prepayment',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'sale',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
