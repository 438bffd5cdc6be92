# -*- coding: utf-8 -*-
# Part of Kestrel Systems. See LICENSE file for full copyright and licensing details.
{
    'name': 'Kestrel: order kick-off',
    'version': '18.0.1.2.0',
    'summary': 'Confirmed orders: welcome letter, kick-off task, no further signature',
    'author': 'Kestrel Systems Ltd',
    'website': 'https://www.kestrel-systems.example',
    'category': 'Sales',
    'license': 'OPL-1',
    'depends': ['sale_management', 'project'],
    'data': [
        'data/mail_template_data.xml',
    ],
    'installable': True,
    'application': False,
}
