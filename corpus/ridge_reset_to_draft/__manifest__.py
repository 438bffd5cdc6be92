{
    'name': 'Ridge - reset to draft',
    'summary': 'Quotations and RFQs set back to draft forget why they were cancelled',
    'version': '18.0.1.2.0',
    'category': 'Sales',
    'author': 'Ridge Consulting',
    'website': 'https://ridge-consulting.example.com',
    'license': 'LGPL-3',
    'depends': ['sale', 'purchase'],
    'data': ['views/sale_order_views.xml'],
    'installable': True,
}
