{
    'name': 'brightway_lead_team_followers (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing brightway_lead_team_followers',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'OPL-1',
    'depends': [
        'crm',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
