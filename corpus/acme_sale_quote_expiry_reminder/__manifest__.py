{
    'name': 'ACME - Quotation expiry reminder',
    'summary': 'Remind customers three days before their quotation expires',
    'version': '17.0.1.0.0',
    'category': 'Sales/Sales',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    # shares the confirmation letter's layout
    'depends': ['sale_management', 'acme_sale_auto_confirm_mail'],
    'data': [
        'data/mail_template.xml',
        'data/ir_cron.xml',
    ],
    'installable': True,
}
