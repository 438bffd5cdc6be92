{
    'name': 'marlow_sales_watch (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing marlow_sales_watch',
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
