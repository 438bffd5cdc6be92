{
    'name': 'acme_employee_onboarding_button (actions)',
    'summary': 'Server actions, automation rules, scheduled actions and views replacing acme_employee_onboarding_button',
    'version': '17.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'hr',
        'mail',
    ],
    'data': [
        'data/server_actions.xml',
        'views/views.xml',
    ],
    'installable': True,
}
