{
    'name': 'Nordlys - SMS to vendor on PO confirmation',
    'summary': 'Text the vendor when a purchase order is confirmed; store their confirmation number',
    'version': '17.0.1.3.0',
    'category': 'Inventory/Purchase',
    'author': 'Nordlys Digital AS',
    'website': 'https://nordlys.example.no',
    'license': 'LGPL-3',
    'depends': ['purchase', 'sms'],
    'data': [
        'data/sms_template.xml',
        'views/purchase_order_views.xml',
    ],
    'installable': True,
}
