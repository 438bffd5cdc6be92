# -*- coding: utf-8 -*-
{
    'name': 'ACME Web leads as opportunities',
    'description': """
Leads coming from the website contact form are created directly as
opportunities, so they appear in the salespeople's pipeline.
    """,
    'author': 'ACME Industries IT',
    'website': 'http://www.acme-industries.example',
    'category': 'Sales',
    'license': 'AGPL-3',
    'depends': ['crm'],
    'data': [],
    'installable': True,
}
