{
    'name': 'kestrel_partner_code_clean (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing kestrel_partner_code_clean',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'OPL-1',
    'depends': [
        'base',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
