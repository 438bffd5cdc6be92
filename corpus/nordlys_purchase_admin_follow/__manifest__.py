{
    'name': 'Nordlys - Management follows urgent purchases',
    'version': '18.0.1.0.0',
    'category': 'Inventory/Purchase',
    'author': 'Nordlys Digital AS',
    'website': 'https://nordlys.example.no',
    'license': 'LGPL-3',
    'depends': ['purchase'],
    'installable': True,
}
