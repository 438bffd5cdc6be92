{
    'name': 'Orchid - Employee badges',
    'summary': 'Award badges to employees and count their points',
    'version': '19.0.1.0.0',
    'category': 'Human Resources',
    'author': 'Orchid Retail Systems',
    'license': 'LGPL-3',
    'depends': ['hr'],
    'data': [
        'security/ir.model.access.csv',
        'views/hr_badge_views.xml',
    ],
    'installable': True,
}
