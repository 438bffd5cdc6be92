{
    'name': 'sable_task_done_notice (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing sable_task_done_notice',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'AGPL-3',
    'depends': [
        'project',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
