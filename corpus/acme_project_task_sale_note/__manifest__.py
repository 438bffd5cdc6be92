{
    'name': 'ACME - Sales order note on new tasks',
    'version': '18.0.1.0.0',
    'category': 'Services/Project',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    'depends': ['project'],
    'installable': True,
}
