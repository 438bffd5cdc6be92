"""`migrator deploy`: import a generated data module into a running Odoo (docs/deploy.md)."""
