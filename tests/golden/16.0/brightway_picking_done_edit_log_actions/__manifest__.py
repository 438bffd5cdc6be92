{
    'name': 'brightway_picking_done_edit_log (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing brightway_picking_done_edit_log',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'OPL-1',
    'depends': [
        'stock',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
