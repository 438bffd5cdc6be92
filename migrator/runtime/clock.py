"""The replay clock: what `fields.Datetime.now()` and `fields.Date.today()` return."""

from __future__ import annotations

import datetime

# A fixed, ordinary instant (a Wednesday in UTC, mid-morning) so replays are deterministic.
DEFAULT_INSTANT = datetime.datetime(2025, 1, 15, 10, 0, 0)


class Clock:
    """A controllable UTC clock; naive datetimes, as Odoo stores them."""

    def __init__(self, now: datetime.datetime = DEFAULT_INSTANT) -> None:
        self._now = now.replace(microsecond=0)

    def now(self) -> datetime.datetime:
        return self._now

    def today(self) -> datetime.date:
        return self._now.date()

    def set(self, now: datetime.datetime) -> None:
        self._now = now.replace(microsecond=0)

    def advance(self, delta: datetime.timedelta) -> None:
        self._now = (self._now + delta).replace(microsecond=0)


_active = Clock()


def active_clock() -> Clock:
    """The clock of the registry whose environment was made last (there is one replay at a time)."""
    return _active


def activate(clock: Clock) -> None:
    global _active
    _active = clock
