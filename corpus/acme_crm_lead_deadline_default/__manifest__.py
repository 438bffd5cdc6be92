{
    'name': 'ACME - Default expected closing on leads',
    'summary': 'New leads get an expected closing date 30 days ahead',
    'version': '16.0.1.0.0',
    'category': 'Sales/CRM',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    'depends': ['crm'],
    'installable': True,
}
