"""The `odoo` package as replayed modules import it: the subset the runtime implements.
Any other name or submodule is refused with RuntimeMissing naming it."""

from __future__ import annotations

from typing import Any

from migrator.runtime.commands import Command
from migrator.runtime.environment import SUPERUSER_ID
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.odoo_shim import api, exceptions, fields, models, tools
from migrator.runtime.odoo_shim.translate import _, _lt

__all__ = ["Command", "SUPERUSER_ID", "_", "_lt", "api", "exceptions", "fields", "models", "tools"]


def __getattr__(name: str) -> Any:
    if name.startswith("__"):
        raise AttributeError(name)
    raise RuntimeMissing(f"odoo.{name}")
