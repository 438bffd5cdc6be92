"""`_()`: the replay language is en_US, so a term is its source text, formatted."""

from __future__ import annotations

from typing import Any


def _(source: str, *args: Any, **kwargs: Any) -> str:
    if args and kwargs:
        raise TypeError("_() takes either positional or keyword arguments, not both")
    if args:
        return source % (args[0] if len(args) == 1 and isinstance(args[0], dict) else args)
    return source % kwargs if kwargs else source


def _lt(source: str, *args: Any, **kwargs: Any) -> str:
    return _(source, *args, **kwargs)
