{
    'name': 'Brightway - Log edits of done transfers',
    'version': '19.0.1.0.0',
    'category': 'Inventory/Inventory',
    'author': 'Brightway Consulting',
    'website': 'https://brightway.example.com',
    'license': 'OPL-1',
    'depends': ['stock'],
    'installable': True,
}
