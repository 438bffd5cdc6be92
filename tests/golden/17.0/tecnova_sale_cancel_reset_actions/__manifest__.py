{
    'name': 'tecnova_sale_cancel_reset (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing tecnova_sale_cancel_reset',
    'version': '17.0.1.0.0',
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
