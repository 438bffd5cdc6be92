{
    'name': 'lumen_vendor_review (actions)',
    'summary': 'Custom fields and models, views, security, server actions and automation rules replacing lumen_vendor_review',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'purchase',
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
