{
    'name': 'vane_lead_stage_clock (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing vane_lead_stage_clock',
    'version': '17.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'crm',
        'vane_lead_stage_clock',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
