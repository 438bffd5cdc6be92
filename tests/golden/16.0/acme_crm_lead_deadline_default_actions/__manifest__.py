{
    'name': 'acme_crm_lead_deadline_default (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing acme_crm_lead_deadline_default',
    'version': '16.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'crm',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
