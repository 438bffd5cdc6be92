{
    'name': 'Tide - big deals first',
    'summary': 'Opportunities whose expected revenue reaches the big-deal mark get top priority',
    'version': '16.0.1.0.3',
    'category': 'Sales/CRM',
    'author': 'Tide Works',
    'website': 'https://tideworks.example.com',
    'license': 'LGPL-3',
    'depends': ['crm'],
    'installable': True,
}
