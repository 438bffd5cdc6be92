{
    'name': 'acme_sale_project_task (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing acme_sale_project_task',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'sale_management',
        'project',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
