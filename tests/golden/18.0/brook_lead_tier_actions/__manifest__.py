{
    'name': 'brook_lead_tier (actions)',
    'summary': 'Server actions, automation rules, scheduled actions and views replacing brook_lead_tier',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'crm',
        'brook_lead_tier',
    ],
    'data': [
        'data/server_actions.xml',
        'views/views.xml',
    ],
    'installable': True,
}
