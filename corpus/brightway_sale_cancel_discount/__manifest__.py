{
    'name': 'Brightway - Reset discounts on cancelled orders',
    'version': '19.0.1.0.0',
    'category': 'Sales/Sales',
    'author': 'Brightway Consulting',
    'website': 'https://brightway.example.com',
    'license': 'OPL-1',
    'depends': ['sale'],
    'installable': True,
}
