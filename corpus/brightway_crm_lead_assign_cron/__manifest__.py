{
    'name': 'Brightway - Assign orphan leads',
    'summary': 'Hourly job giving leads without a sales team to the inside sales team',
    'version': '18.0.1.1.0',
    'category': 'Sales/CRM',
    'author': 'Brightway Consulting',
    'website': 'https://brightway.example.com',
    'license': 'OPL-1',
    'depends': ['crm'],
    'data': [
        'data/ir_cron.xml',
    ],
    'installable': True,
}
