{
    'name': 'brightway_sale_confirm_notice (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing brightway_sale_confirm_notice',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'OPL-1',
    'depends': [
        'sale',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
