{
    'name': 'tecnova_crm_closing_reminder (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing tecnova_crm_closing_reminder',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'AGPL-3',
    'depends': [
        'crm',
        'base_automation',
        'mail',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
