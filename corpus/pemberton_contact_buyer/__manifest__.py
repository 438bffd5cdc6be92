{
    "name": "Pemberton - contacts follow their company's buyer",
    "version": "19.0.1.0.0",
    "category": "Inventory/Purchase",
    "author": "Pemberton Labs",
    "website": "https://pemberton-labs.example.com",
    "license": "LGPL-3",
    "depends": ["purchase"],
    "data": [],
    "installable": True,
}
