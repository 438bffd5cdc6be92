# Copyright 2024 Fjord Digital AS
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Fjord - Purchase confirmation notice",
    "summary": "Note the confirmation in the chatter; remind buyers of RFQs sent and not confirmed",
    "version": "18.0.1.0.2",
    "category": "Inventory/Purchase",
    "author": "Fjord Digital AS",
    "website": "https://fjord-digital.example",
    "license": "LGPL-3",
    "depends": ["purchase"],
    "data": [
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
    ],
    "installable": True,
}
