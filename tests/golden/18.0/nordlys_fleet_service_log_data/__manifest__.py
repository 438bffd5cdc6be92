{
    'name': 'nordlys_fleet_service_log (actions)',
    'summary': 'Custom fields and models, views, security, server actions and automation rules replacing nordlys_fleet_service_log',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'fleet',
        'mail',
    ],
    'data': [
        'data/custom_fields.xml',
        'security/security.xml',
        'data/copy_values.xml',
        'views/views.xml',
    ],
    'installable': True,
}
