{
    'name': 'ACME - Onboarding task on confirmed orders',
    'summary': 'Create an onboarding task for every confirmed sale order',
    'version': '16.0.2.1.0',
    'category': 'Sales/Sales',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    'depends': ['sale_management', 'project'],
    'data': [
        'views/sale_order_views.xml',
    ],
    'installable': True,
}
