{
    'name': 'quill_task_intake (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing quill_task_intake',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'project',
        'base_automation',
    ],
    'data': [
        'data/adopt_records.xml',
        'data/records.xml',
        'data/automation_rules.xml',
    ],
    'installable': True,
}
