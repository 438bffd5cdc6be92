{
    'name': 'orchid_stock_lot_check (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing orchid_stock_lot_check',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'stock',
        'orchid_stock_lot_check',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
