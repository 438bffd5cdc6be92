"""Errors that reach the user as one line and an exit code, never as a traceback."""


class UsageError(Exception):
    """The command line or a given file is wrong: exit code 2."""

    exit_code = 2


class DeployError(Exception):
    """The target Odoo cannot be reached or refuses the import: exit code 1."""

    exit_code = 1
