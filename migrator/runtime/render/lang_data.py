"""The res.lang rows the format helpers know, as base/data/res.lang.csv gives them (the same
for en_US in 16.0-19.0). Dates and times are strftime patterns, as res.lang stores them;
`grouping` is res.lang's list (3 digits, then the same again)."""

from __future__ import annotations

from typing import Any

LANGS: dict[str, dict[str, Any]] = {
    "en_US": {
        "date_format": "%m/%d/%Y",
        "time_format": "%H:%M:%S",
        "grouping": [3, 0],
        "decimal_point": ".",
        "thousands_sep": ",",
    },
}

# odoo.tools.misc.POSIX_TO_LDML, for the directives that babel writes as plain numbers;
# the others (%a %A %b %B %p %j %U %w %W) need locale data and are not listed.
POSIX_TO_LDML: dict[str, str] = {
    "d": "dd", "H": "HH", "I": "hh", "m": "MM", "M": "mm", "S": "ss", "y": "yy", "Y": "yyyy",
}

# Series whose format_datetime/format_time read dt_format='medium' (and time_format='medium')
# as the lang's own pattern, like False; checked in 18.0's odoo/tools/misc.py. 16.0 hands
# 'medium' to babel (CLDR's pattern); 17.0 and 19.0 are not checked, so it is refused there.
MEDIUM_IS_LANG_FORMAT = frozenset({"18.0"})
