"""The Odoo-compatible runtime the verifier replays modules in: tables, domains, records."""
