{
    'name': 'osprey_lead_sweep (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing osprey_lead_sweep',
    'version': '18.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'crm',
    ],
    'data': [
        'data/ir_cron.xml',
    ],
    'installable': True,
}
