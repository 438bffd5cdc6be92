"""Odoo series of an addon: the `--series` given, or read off a manifest version."""

from __future__ import annotations

import re

from migrator.errors import UsageError
from migrator.series import SUPPORTED_SERIES

DEFAULT_CORE_SERIES = "18.0"  # core addon list used when an addon's series is unknown

# "17.0.1.0.0": an Odoo series followed by the module's own version. "1.0" or "1.0.3" are
# module-only versions that Odoo prefixes with the running series.
_FULL_VERSION = re.compile(r"(\d+)\.0\.\d")
_FIRST_SERIES = 8  # the first series whose modules carry it in their version


def check_series(series: str | None) -> str | None:
    """Return `series` if the toolkit supports it; raise UsageError otherwise."""
    if series is not None and series not in SUPPORTED_SERIES:
        raise UsageError(
            f"unsupported Odoo series {series!r}: use one of {', '.join(SUPPORTED_SERIES)}")
    return series


def series_from_version(version: object) -> str | None:
    """The series a manifest `version` names, or None for a module-only version."""
    if not isinstance(version, str):
        return None
    match = _FULL_VERSION.match(version.strip())
    if match is None or int(match.group(1)) < _FIRST_SERIES:
        return None
    return f"{match.group(1)}.0"


def version_refusal(version: object, series: str) -> str | None:
    """Why Odoo `series` does not install a module of this manifest `version`, or None.

    As odoo/modules/module.py reads it: a version of 2 or 3 numbers ("1.0", "1.0.3") is the
    module's own and gets the series prefixed; a longer one must start with the running
    series ("19.0.1.0.0" on 19.0), else 17.0+ logs "incompatible version, setting
    installable=False" and leaves the module uninstalled (16.0 stops at "invalid manifest").
    """
    if version is None:
        return None  # Odoo's default, "1.0"
    text = str(version).strip()
    parts = text.split(".")
    if not 2 <= len(parts) <= 5 or not all(part.isdigit() for part in parts):
        return f"its manifest version {text!r} is not a version Odoo reads (2 to 5 numbers)"
    if len(parts) <= 3 or text == series or text.startswith(series + "."):
        return None
    return (f"its manifest version {text} belongs to {'.'.join(parts[:2])}: Odoo {series} logs "
            "\"incompatible version, setting installable=False\" and does not install it")


def ported_version(version: object, series: str) -> str:
    """The manifest version of the same module release on `series` ("18.0.1.2.0" on 19.0:
    "19.0.1.2.0"): what porting a module's manifest changes first."""
    parts = str(version).strip().split(".")
    return ".".join([*series.split("."), *parts[2:]]) if len(parts) >= 4 else f"{series}.{'.'.join(parts)}"
