"""Errors that reach the user as one line and an exit code, never as a traceback."""


class UsageError(Exception):
    """The command line or a given file is wrong: exit code 2."""

    exit_code = 2
