{
    'name': 'Nordlys - Notify sales manager of deleted opportunities',
    'version': '19.0.1.0.0',
    'category': 'Sales/CRM',
    'author': 'Nordlys Digital AS',
    'website': 'https://nordlys.example.no',
    'license': 'LGPL-3',
    'depends': ['crm'],
    'data': [
        'data/mail_template.xml',
    ],
    'installable': True,
}
