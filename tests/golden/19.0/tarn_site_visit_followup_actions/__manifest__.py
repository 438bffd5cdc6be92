{
    'name': 'tarn_site_visit_followup (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing tarn_site_visit_followup',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'tarn_site_visit',
        'base_automation',
        'mail',
    ],
    'data': [
        'data/adopt_records.xml',
        'data/records.xml',
        'data/automation_rules.xml',
        'data/ir_cron.xml',
    ],
    'installable': True,
}
