# Vane Cloud Ltd. -- see LICENSE
{
    "name": "Lead stage clock",
    "summary": "Time of the last stage move on leads, for the pipeline ageing report",
    "version": "17.0.1.0.0",
    "author": "Vane Cloud Ltd.",
    "license": "LGPL-3",
    "depends": ["crm"],
}
