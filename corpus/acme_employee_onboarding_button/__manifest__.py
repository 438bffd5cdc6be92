{
    'name': 'ACME - Start onboarding button',
    'summary': 'Button on the employee form giving the newcomer an onboarding to-do',
    'version': '19.0.1.0.0',
    'category': 'Human Resources/Employees',
    'author': 'ACME Industries IT',
    'website': 'https://www.acme-industries.example',
    'license': 'LGPL-3',
    'depends': ['hr'],
    'data': [
        'views/hr_employee_views.xml',
    ],
    'installable': True,
}
