{
    'name': 'Lumen - Project budget',
    'summary': 'Track expenses against a budget per project',
    'version': '17.0.1.0.0',
    'category': 'Services/Project',
    'author': 'Lumen Consulting',
    'license': 'LGPL-3',
    'depends': ['project'],
    'data': [
        'security/project_budget_security.xml',
        'security/ir.model.access.csv',
        'views/project_expense_views.xml',
        'views/project_project_views.xml',
    ],
    'installable': True,
}
