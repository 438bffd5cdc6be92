{
    'name': 'Brightway - Team leader follows new leads',
    'version': '17.0.1.0.0',
    'category': 'Sales/CRM',
    'author': 'Brightway Consulting',
    'website': 'https://brightway.example.com',
    'license': 'OPL-1',
    'depends': ['crm'],
    'installable': True,
}
