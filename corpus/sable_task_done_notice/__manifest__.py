{
    'name': 'Task done notice',
    'version': '17.0.1.0.0',
    'author': 'Sable Works',
    'license': 'AGPL-3',
    'depends': ['project'],
}
