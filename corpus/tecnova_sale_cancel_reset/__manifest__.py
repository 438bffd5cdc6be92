{
    'name': 'Tecnova - Clear commitment date on cancel',
    'version': '19.0.1.0.0',
    'category': 'Sales/Sales',
    'author': 'Tecnova Solutions S.L.',
    'website': 'https://www.tecnova.example',
    'license': 'AGPL-3',
    'depends': ['sale'],
    'installable': True,
}
