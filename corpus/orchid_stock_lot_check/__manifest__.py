{
    'name': 'Orchid - Lot inspections',
    'summary': 'Record quality checks on lots',
    'version': '16.0.1.0.0',
    'category': 'Inventory/Inventory',
    'author': 'Orchid Retail Systems',
    'license': 'LGPL-3',
    'depends': ['stock'],
    'data': [
        'security/ir.model.access.csv',
        'views/lot_check_views.xml',
    ],
    'installable': True,
}
