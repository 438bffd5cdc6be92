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
