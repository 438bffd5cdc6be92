"""odoo.api"""

from migrator.runtime.decorators import (
    constrains, depends, depends_context, model, model_create_multi, onchange, ondelete, returns,
)
from migrator.runtime.environment import SUPERUSER_ID, Environment

__all__ = ["SUPERUSER_ID", "Environment", "constrains", "depends", "depends_context", "model",
           "model_create_multi", "onchange", "ondelete", "returns"]
