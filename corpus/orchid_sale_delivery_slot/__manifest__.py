{
    'name': 'Orchid - Delivery slots',
    'summary': 'Book a delivery slot on quotations',
    'version': '18.0.1.0.0',
    'category': 'Sales/Sales',
    'author': 'Orchid Retail Systems',
    'license': 'LGPL-3',
    'depends': ['sale'],
    'data': [
        'security/ir.model.access.csv',
        'views/delivery_slot_views.xml',
        'views/sale_order_views.xml',
    ],
    'installable': True,
}
