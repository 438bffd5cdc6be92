"""Discovery: addon folders, their manifests (read, never executed) and Odoo series."""

from migrator.discover.addons import discover

__all__ = ["discover"]
