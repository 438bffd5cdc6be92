"""Where `deploy` takes the password or API key from: an environment variable, else a prompt.

Never a command-line value: those end up in shell histories and process lists.
"""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Mapping

from migrator.errors import UsageError

PASSWORD_ENV = "MIGRATOR_ODOO_PASSWORD"


def read_password(login: str, url: str, environ: Mapping[str, str] | None = None) -> str:
    """The password or API key of `login`: $MIGRATOR_ODOO_PASSWORD, else asked on the terminal."""
    value = (os.environ if environ is None else environ).get(PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise UsageError(f"no password: set {PASSWORD_ENV} to the password or API key of {login}, "
                         "or run in a terminal to be asked for it")
    value = getpass.getpass(f"Password or API key of {login} on {url}: ")
    if not value:
        raise UsageError("no password given")
    return value
