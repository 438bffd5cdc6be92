{
    'name': 'Lumen - Customer visits',
    'summary': 'Log visits to leads and flag the hot ones',
    'version': '16.0.1.0.0',
    'category': 'Sales/CRM',
    'author': 'Lumen Consulting',
    'license': 'LGPL-3',
    'depends': ['crm'],
    'data': [
        'security/ir.model.access.csv',
        'views/crm_visit_views.xml',
        'views/crm_lead_views.xml',
    ],
    'installable': True,
}
