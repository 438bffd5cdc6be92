{
    'name': 'kestrel_lead_priority_note (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing kestrel_lead_priority_note',
    'version': '18.0.1.0.0',
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
