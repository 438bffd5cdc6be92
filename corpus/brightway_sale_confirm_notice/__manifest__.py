{
    'name': 'Brightway - Sales order chatter notices',
    'summary': 'Note the committed date on confirmation; trace deleted quotations on the customer',
    'version': '18.0.1.2.0',
    'category': 'Sales/Sales',
    'author': 'Brightway Consulting',
    'website': 'https://brightway.example.com',
    'license': 'OPL-1',
    'depends': ['sale'],
    'installable': True,
}
