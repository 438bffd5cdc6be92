{
    'name': 'kestrel_sale_kickoff (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing kestrel_sale_kickoff',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'OPL-1',
    'depends': [
        'sale_management',
        'project',
        'base_automation',
        'mail',
    ],
    'data': [
        'data/adopt_records.xml',
        'data/records.xml',
        'data/automation_rules.xml',
    ],
    'installable': True,
}
