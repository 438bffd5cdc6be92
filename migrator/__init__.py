"""Audit custom Odoo addons and turn their small logic into server actions."""

__version__ = "0.1.0"
