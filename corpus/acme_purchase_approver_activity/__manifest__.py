{
    'name': 'ACME - Approval to-do for purchase managers',
    'version': '19.0.1.0.1',
    'category': 'Inventory/Purchase',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    'depends': ['purchase'],
    'installable': True,
}
