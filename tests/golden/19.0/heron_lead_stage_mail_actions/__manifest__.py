{
    'name': 'heron_lead_stage_mail (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing heron_lead_stage_mail',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'crm',
        'heron_lead_stage_mail',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
