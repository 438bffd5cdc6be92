# Copyright 2024 Tarn Engineering Ltd
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Tarn: site visit follow-up",
    "summary": "Visit reports to the customer, blocked sites, stale visits cancelled",
    "version": "17.0.1.1.0",
    "category": "Services/Field Service",
    "author": "Tarn Engineering Ltd",
    "website": "https://tarn-engineering.example",
    "license": "LGPL-3",
    "depends": ["tarn_site_visit"],
    "data": [
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
    ],
    "installable": True,
}
