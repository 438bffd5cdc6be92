# Copyright 2024 Tarn Engineering Ltd
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Tarn: site visits",
    "summary": "Plan and record technicians' visits to customer sites",
    "version": "17.0.1.0.0",
    "category": "Services/Field Service",
    "author": "Tarn Engineering Ltd",
    "website": "https://tarn-engineering.example",
    "license": "LGPL-3",
    "depends": ["mail", "contacts"],
    "data": [
        "security/ir.model.access.csv",
        "views/site_visit_views.xml",
        "views/res_partner_views.xml",
    ],
    "installable": True,
    "application": True,
}
