"""The runtime's core types, for annotations only.

The core modules (orm, fields, environment, registry, recordset, compute, commands, core_data,
seed) import one another in one direction; where one only names another's type, it imports
that type from here under TYPE_CHECKING, and nothing imports this module when the code runs,
as Odoo's own odoo/orm/types.py.
"""

# ruff: noqa: F401
from migrator.runtime.environment import Environment
from migrator.runtime.fields import Field
from migrator.runtime.orm import BaseModel
from migrator.runtime.registry import Registry
