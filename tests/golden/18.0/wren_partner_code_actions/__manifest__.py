{
    'name': 'wren_partner_code (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing wren_partner_code',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'AGPL-3',
    'depends': [
        'contacts',
        'wren_partner_code',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
