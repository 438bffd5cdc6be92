{
    'name': 'Tecnova - Closing date reminder',
    'summary': 'To-do for the salesperson the day before the expected closing; no negative revenue',
    'version': '18.0.1.0.4',
    'category': 'Sales/CRM',
    'author': 'Tecnova Solutions S.L.',
    'website': 'https://www.tecnova.example',
    'license': 'AGPL-3',
    'depends': ['crm'],
    'data': [
        'data/ir_cron.xml',
    ],
    'installable': True,
}
