{
    'name': 'brightway_partner_welcome_mail (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing brightway_partner_welcome_mail',
    'version': '17.0.1.0.0',
    'category': 'Hidden',
    'license': 'OPL-1',
    'depends': [
        'mail',
        'contacts',
        'base_automation',
    ],
    'data': [
        'data/adopt_records.xml',
        'data/records.xml',
        'data/automation_rules.xml',
    ],
    'installable': True,
}
