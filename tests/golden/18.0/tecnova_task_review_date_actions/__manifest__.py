{
    'name': 'tecnova_task_review_date (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing tecnova_task_review_date',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'AGPL-3',
    'depends': [
        'project',
        'tecnova_task_review_date',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
