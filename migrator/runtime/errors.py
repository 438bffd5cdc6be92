"""Errors of the replay runtime."""

from __future__ import annotations


class RuntimeMissing(Exception):
    """The replayed code uses something the runtime does not provide.

    Deliberately not an AttributeError/ImportError: `hasattr`, `getattr(x, y, default)` and
    `from m import n` must not swallow it and carry on with a guess.
    """

    def __init__(self, name: str) -> None:
        super().__init__(f"cannot replay: uses {name}")
        self.name = name
