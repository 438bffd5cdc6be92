{
    'name': 'lumen_crm_visit (actions)',
    'summary': 'Custom fields and models, views, security, server actions and automation rules replacing lumen_crm_visit',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'crm',
        'base_automation',
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
