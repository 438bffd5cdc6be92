{
    'name': 'Customer reference on orders',
    'version': '19.0.1.0.0',
    'author': 'Sable Works',
    'license': 'AGPL-3',
    'depends': ['sale'],
}
