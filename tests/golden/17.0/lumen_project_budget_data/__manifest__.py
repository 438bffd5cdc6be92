{
    'name': 'lumen_project_budget (actions)',
    'summary': 'Custom fields and models, views, security, server actions and automation rules replacing lumen_project_budget',
    'version': '17.0.1.0.0',
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
