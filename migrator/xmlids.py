"""The xml ids Odoo gives the models and fields a module declares (ir.model, ir.model.fields).

As Odoo's ir_model.py writes them when it installs a module: `<module>.model_<model>` for a
model the module declares or extends, `<module>.field_<model>__<field>` for each field the
module declares, extends or brings in by inheritance, and for every field of a model it
declares. The data module and the replay both name them this way.
"""

from __future__ import annotations


def model_xmlid(module: str, model: str) -> str:
    return f"{module}.model_{model.replace('.', '_')}"


def field_xmlid(module: str, model: str, field: str) -> str:
    return f"{module}.field_{model.replace('.', '_')}__{field}"
