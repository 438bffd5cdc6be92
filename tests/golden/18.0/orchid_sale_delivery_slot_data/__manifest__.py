{
    'name': 'orchid_sale_delivery_slot (actions)',
    'summary': 'Custom fields and models, views, security, server actions and automation rules replacing orchid_sale_delivery_slot',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'sale',
        'orchid_sale_delivery_slot',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
