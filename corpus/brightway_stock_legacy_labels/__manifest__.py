# Ported from the customer's 10.0 database in a hurry: the label printing
# still carries its old debug output.
{
    'name': 'Brightway - Legacy picking labels',
    'summary': 'Mark pickings whose labels were printed',
    'version': '16.0.1.0.0',
    'category': 'Inventory',
    'author': 'Brightway Consulting',
    'license': 'AGPL-3',
    'depends': ['stock'],
    'data': ['views/stock_picking_views.xml'],
    'installable': True,
}
