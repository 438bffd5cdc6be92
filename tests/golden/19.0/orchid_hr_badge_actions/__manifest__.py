{
    'name': 'orchid_hr_badge (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing orchid_hr_badge',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'hr',
        'orchid_hr_badge',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
