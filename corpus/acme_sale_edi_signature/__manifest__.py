{
    'name': 'ACME - No signature on EDI orders',
    'version': '18.0.1.0.0',
    'category': 'Sales/Sales',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    'depends': ['sale'],
    'installable': True,
}
