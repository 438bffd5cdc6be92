"""Validate a generated data module for one Odoo series (docs/check.md)."""

from migrator.check.codes import CHECK_CODES
from migrator.check.module import check_module

__all__ = ["CHECK_CODES", "check_module"]
