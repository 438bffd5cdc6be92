{
    'name': 'Nordlys - Task tracking',
    'summary': 'Follow-up activity on blocked tasks, trace of duplicated tasks',
    'version': '16.0.1.1.0',
    'category': 'Services/Project',
    'author': 'Nordlys Digital AS',
    'website': 'https://nordlys.example.no',
    'license': 'LGPL-3',
    'depends': ['project'],
    'installable': True,
}
