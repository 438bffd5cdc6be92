{
    'name': 'brightway_picking_delivery_mail (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing brightway_picking_delivery_mail',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'OPL-1',
    'depends': [
        'stock',
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
