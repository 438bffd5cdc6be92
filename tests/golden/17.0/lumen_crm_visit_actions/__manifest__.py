{
    'name': 'lumen_crm_visit (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing lumen_crm_visit',
    'version': '17.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'crm',
        'lumen_crm_visit',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
