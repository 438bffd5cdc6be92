{
    'name': 'Tecnova - Task review date',
    'summary': 'Record when a task was approved by the customer',
    'version': '19.0.1.1.0',
    'category': 'Services/Project',
    'author': 'Tecnova Solutions S.L.',
    'website': 'https://www.tecnova.example',
    'license': 'AGPL-3',
    'depends': ['project'],
    'data': [
        'views/project_task_views.xml',
    ],
    'installable': True,
}
