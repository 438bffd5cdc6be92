# Vane Cloud Ltd. -- see LICENSE
{
    "name": "Lead owner on the customer",
    "summary": "The customer's salesperson follows the lead's",
    "version": "18.0.1.0.0",
    "author": "Vane Cloud Ltd.",
    "license": "LGPL-3",
    "depends": ["crm"],
}
