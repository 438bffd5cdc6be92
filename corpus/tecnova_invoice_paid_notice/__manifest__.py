{
    'name': 'Tecnova - Paid invoice notice',
    'summary': 'Post a note on customer invoices once they are paid in full',
    'version': '18.0.1.0.0',
    'category': 'Accounting',
    'author': 'Tecnova Consulting',
    'license': 'LGPL-3',
    'depends': ['account'],
    'data': [],
    'installable': True,
}
