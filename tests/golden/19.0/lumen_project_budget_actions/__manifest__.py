{
    'name': 'lumen_project_budget (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing lumen_project_budget',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'project',
        'lumen_project_budget',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
