{
    'name': 'Nordlys - Fleet service log',
    'summary': 'Log workshop visits of company vehicles, with their cost and the next service due',
    'version': '18.0.1.2.0',
    'category': 'Human Resources/Fleet',
    'author': 'Nordlys Digital AS',
    'website': 'https://nordlys.example.no',
    'license': 'LGPL-3',
    'depends': ['fleet', 'mail'],
    'data': [
        'security/fleet_service_log_security.xml',
        'security/ir.model.access.csv',
        'views/fleet_service_log_views.xml',
        'views/fleet_vehicle_views.xml',
    ],
    'installable': True,
}
