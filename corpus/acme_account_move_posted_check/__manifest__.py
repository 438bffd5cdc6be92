{
    'name': 'ACME - Clear "To check" on posting',
    'summary': 'Posted journal entries no longer show up in the review queue',
    'version': '16.0.1.0.1',
    'category': 'Accounting/Accounting',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    'depends': ['account'],
    'data': [],
    'installable': True,
}
