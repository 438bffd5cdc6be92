"""odoo.exceptions"""

from migrator.runtime.exceptions import (
    AccessDenied, AccessError, CacheMiss, MissingError, RedirectWarning, UserError, ValidationError,
)

__all__ = ["AccessDenied", "AccessError", "CacheMiss", "MissingError", "RedirectWarning", "UserError",
           "ValidationError"]
