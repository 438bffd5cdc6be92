"""Discovery: addon folders, their manifests (read, never executed) and Odoo series."""

from migrator.discover.addons import discover
from migrator.discover.series import SUPPORTED_SERIES

__all__ = ["SUPPORTED_SERIES", "discover"]
