{
    'name': 'Tecnova - Follow-up on urgent purchases',
    'version': '17.0.1.0.0',
    'category': 'Inventory/Purchase',
    'author': 'Tecnova Solutions S.L.',
    'website': 'https://www.tecnova.example',
    'license': 'AGPL-3',
    'depends': ['purchase'],
    'installable': True,
}
