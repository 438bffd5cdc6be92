{
    'name': 'Wren - partner codes',
    'version': '19.0.1.0.0',
    'author': 'Wren Systems',
    'website': 'https://wren.example',
    'license': 'AGPL-3',
    'depends': ['contacts'],
}
