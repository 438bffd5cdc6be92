{
    'name': 'orchid_hr_badge (actions)',
    'summary': 'Custom fields and models, views, security, server actions and automation rules replacing orchid_hr_badge',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'hr',
        'base_automation',
        'mail',
    ],
    'data': [
        'data/custom_fields.xml',
        'security/security.xml',
        'data/copy_values.xml',
        'data/automation_rules.xml',
        'views/views.xml',
    ],
    'installable': True,
}
