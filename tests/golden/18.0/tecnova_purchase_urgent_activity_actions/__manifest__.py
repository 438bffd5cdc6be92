{
    'name': 'tecnova_purchase_urgent_activity (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing tecnova_purchase_urgent_activity',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'AGPL-3',
    'depends': [
        'purchase',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
