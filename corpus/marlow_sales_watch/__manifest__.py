{
    "name": "Marlow: sales watch",
    "summary": "Flag leads that become big deals; log changed e-mail addresses",
    "version": "18.0.2.1.0",
    "author": "Marlow & Partners Consulting",
    "website": "https://marlow-partners.example",
    "license": "LGPL-3",
    "category": "Sales/CRM",
    "depends": ["crm"],
    "installable": True,
}
