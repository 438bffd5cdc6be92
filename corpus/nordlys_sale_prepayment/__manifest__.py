{
    'name': 'Nordlys - Prepayment on manual quotations',
    'summary': 'Back-office quotations require online payment; log cancellations',
    'version': '17.0.1.0.1',
    'category': 'Sales/Sales',
    'author': 'Nordlys Digital AS',
    'website': 'https://nordlys.example.no',
    'license': 'LGPL-3',
    'depends': ['sale'],
    'installable': True,
}
