{
    'name': 'lumen_vendor_review (actions)',
    'summary': 'Server actions, automation rules and scheduled actions replacing lumen_vendor_review',
    'version': '19.0.1.0.0',
    'category': 'Hidden',
    'license': 'LGPL-3',
    'depends': [
        'purchase',
        'lumen_vendor_review',
        'base_automation',
    ],
    'data': [
        'data/automation_rules.xml',
    ],
    'installable': True,
}
