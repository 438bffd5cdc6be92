"""Number formatting shared by the human-readable reports (table, Markdown, HTML)."""

from __future__ import annotations


def fmt_int(value: int) -> str:
    return f"{value:,}"


def fmt_hours(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f} h"


def fmt_money(value: float | None, currency: str) -> str:
    return "" if value is None else f"{value:,.2f} {currency}"
