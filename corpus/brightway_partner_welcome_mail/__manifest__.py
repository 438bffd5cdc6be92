{
    'name': 'Brightway - Welcome mail for new companies',
    'version': '16.0.1.2.0',
    'category': 'Sales',
    'author': 'Brightway Consulting',
    'website': 'https://brightway.example.com',
    'license': 'OPL-1',
    'depends': ['mail', 'contacts'],
    'data': [
        'data/mail_template.xml',
    ],
    'installable': True,
    'application': False,
}
