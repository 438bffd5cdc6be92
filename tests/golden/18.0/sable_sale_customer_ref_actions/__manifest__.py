{
    'name': 'sable_sale_customer_ref (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing sable_sale_customer_ref',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'AGPL-3',
    'depends': [
        'sale',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
