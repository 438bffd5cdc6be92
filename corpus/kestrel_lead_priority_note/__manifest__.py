# -*- coding: utf-8 -*-
# Part of Kestrel Systems. See LICENSE file for full copyright and licensing details.
{
    'name': 'Kestrel: note on top priority leads',
    'version': '17.0.1.0.4',
    'summary': 'Log who raised a lead to the top priority',
    'author': 'Kestrel Systems Ltd',
    'website': 'https://www.kestrel-systems.example',
    'category': 'Sales/CRM',
    'license': 'OPL-1',
    'depends': ['crm'],
    'installable': True,
    'application': False,
}
