{
    'name': 'ACME - Order confirmation mail',
    'summary': 'Mail the customer our own confirmation letter when an order is confirmed',
    'version': '17.0.1.0.0',
    'category': 'Sales/Sales',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    # the base installation module first: it brings the apps ACME uses
    'depends': ['sale', 'acme_base_dependencies'],
    'data': [
        'data/mail_template.xml',
    ],
    'installable': True,
}
