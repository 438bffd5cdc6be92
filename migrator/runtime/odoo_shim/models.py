"""odoo.models: the base classes replayed model classes derive from."""

from __future__ import annotations

from typing import Any

from migrator.runtime.orm import BaseModel


class AbstractModel(BaseModel):
    _auto = False
    _abstract = True


class Model(AbstractModel):
    _auto = True
    _abstract = False


class TransientModel(Model):
    _transient = True


class Constraint:
    """19.0's `_name_uniq = models.Constraint('unique(name)', 'message')`."""

    def __init__(self, definition: str, message: Any = "") -> None:
        self.definition = definition
        self.message = message


__all__ = ["AbstractModel", "BaseModel", "Constraint", "Model", "TransientModel"]
