{
    "name": "Brook - lead tiers",
    "summary": "Tier leads (bronze, silver, gold) from a button on the lead",
    "version": "18.0.2.0.0",
    "category": "Sales/CRM",
    "author": "Brook Systems",
    "website": "https://brook-systems.example.com",
    "license": "LGPL-3",
    "depends": ["crm"],
    "data": [
        "security/ir.model.access.csv",
        "data/brook_lead_tier_data.xml",
        "views/crm_lead_views.xml",
    ],
    "installable": True,
}
