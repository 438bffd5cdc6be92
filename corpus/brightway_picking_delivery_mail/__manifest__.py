{
    'name': 'Brightway - Delivery done mail',
    'summary': 'Mail the customer when a delivery order is validated',
    'version': '18.0.1.0.0',
    'category': 'Inventory/Inventory',
    'author': 'Brightway Consulting',
    'website': 'https://brightway.example.com',
    'license': 'OPL-1',
    'depends': ['stock'],
    'data': [
        'data/mail_template.xml',
    ],
    'installable': True,
}
