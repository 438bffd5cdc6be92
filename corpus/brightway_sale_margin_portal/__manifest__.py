{
    'name': 'Brightway - Margin floor and approvals',
    'summary': 'Minimum margin per order, a bulk approval wizard, and the margin on the customer portal',
    'version': '18.0.2.0.1',
    'category': 'Sales/Sales',
    'author': 'Brightway Consulting Ltd',
    'website': 'https://brightway-consulting.example',
    'license': 'OPL-1',
    'depends': ['sale_management', 'sale_margin', 'portal'],
    'data': [
        'security/ir.model.access.csv',
        'wizard/margin_approve_wizard_views.xml',
        'views/sale_order_views.xml',
        'views/portal_templates.xml',
    ],
    'assets': {
        'web.assets_backend': [
            'brightway_sale_margin_portal/static/src/js/margin_badge.js',
        ],
    },
    'installable': True,
}
