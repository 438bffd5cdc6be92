# -*- coding: utf-8 -*-
# Part of Kestrel Systems. See LICENSE file for full copyright and licensing details.
{
    'name': 'Kestrel: clean customer codes',
    'version': '19.0.1.1.0',
    'summary': 'Customer codes in upper case, without blanks, for the warehouse scanners',
    'author': 'Kestrel Systems Ltd',
    'website': 'https://www.kestrel-systems.example',
    'category': 'Sales',
    'license': 'OPL-1',
    'depends': ['base'],
    'installable': True,
    'application': False,
}
