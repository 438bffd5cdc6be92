{
    'name': 'Nordlys - Quotation received mail',
    'version': '17.0.1.0.1',
    'category': 'Sales/Sales',
    'author': 'Nordlys Digital AS',
    'website': 'https://nordlys.example.no',
    'license': 'LGPL-3',
    'depends': ['sale'],
    'data': [
        'data/mail_template.xml',
    ],
    'installable': True,
}
