{
    'name': 'Lumen - Vendor reviews',
    'summary': 'Grade vendors and keep their reviews',
    'version': '19.0.1.0.0',
    'category': 'Inventory/Purchase',
    'author': 'Lumen Consulting',
    'license': 'LGPL-3',
    'depends': ['purchase'],
    'data': [
        'security/ir.model.access.csv',
        'views/vendor_review_views.xml',
    ],
    'installable': True,
}
