{
    'name': 'nordlys_partner_overdue_reminder (actions)',
    'summary': 'Server actions, automation rules, scheduled actions and views replacing nordlys_partner_overdue_reminder',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'account',
        'mail',
    ],
    'data': [
        'data/adopt_records.xml',
        'data/records.xml',
        'data/server_actions.xml',
        'views/views.xml',
    ],
    'installable': True,
}
