{
    'name': 'brightway_crm_lead_assign_cron (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing brightway_crm_lead_assign_cron',
    'version': '17.0.1.0.0',
    'category': 'Hidden',
    'license': 'OPL-1',
    'depends': [
        'crm',
    ],
    'data': [
        'data/ir_cron.xml',
    ],
    'installable': True,
}
