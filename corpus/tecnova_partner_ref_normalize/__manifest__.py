{
    'name': 'Tecnova - Normalize partner internal reference',
    'summary': 'Strip spaces and punctuation from partner references (EDI matching)',
    'version': '16.0.1.0.3',
    'category': 'Hidden',
    'author': 'Tecnova Solutions S.L.',
    'website': 'https://www.tecnova.example',
    'license': 'AGPL-3',
    'depends': ['base'],
    'installable': True,
}
