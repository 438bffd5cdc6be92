{
    'name': 'Nordlys - Overdue reminder button',
    'summary': 'One-click overdue invoices reminder from the customer form',
    'version': '18.0.1.0.0',
    'category': 'Accounting/Accounting',
    'author': 'Nordlys Digital AS',
    'website': 'https://nordlys.example.no',
    'license': 'LGPL-3',
    'depends': ['account'],
    'data': [
        'data/mail_template.xml',
        'views/res_partner_views.xml',
    ],
    'installable': True,
}
