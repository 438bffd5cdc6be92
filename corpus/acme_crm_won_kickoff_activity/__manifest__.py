{
    'name': 'ACME - Kick-off call on won opportunities',
    'version': '17.0.1.0.2',
    'category': 'Sales/CRM',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    'depends': ['crm'],
    'installable': True,
}
