{
    'name': 'ACME - Equipment loans',
    'summary': 'Register laptops, phones and badges lent to employees',
    'version': '19.0.1.0.0',
    'category': 'Human Resources',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    'depends': ['hr'],
    'data': [
        'security/equipment_loan_security.xml',
        'security/ir.model.access.csv',
        'views/equipment_loan_views.xml',
    ],
    'installable': True,
}
