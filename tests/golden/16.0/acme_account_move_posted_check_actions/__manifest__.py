{
    'name': 'acme_account_move_posted_check (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing acme_account_move_posted_check',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'account',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
