{
    'name': 'nordlys_project_task_tracking (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing nordlys_project_task_tracking',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'project',
        'base_automation',
        'mail',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
