# Copyright 2024 Heron Advisory BV
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Heron: email on CRM stage entry",
    "version": "17.0.1.2.0",
    "summary": "Send the lead's contact an email when the lead enters a stage",
    "author": "Heron Advisory BV",
    "website": "https://www.heron-advisory.example",
    "category": "Sales/CRM",
    "license": "LGPL-3",
    "depends": ["crm"],
    "data": [
        "data/mail_template_data.xml",
        "views/crm_stage_views.xml",
    ],
    "installable": True,
}
