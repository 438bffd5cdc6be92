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


class ModelMissing(RuntimeMissing, KeyError):
    """A model the registry does not have (its module is not among the addon's dependencies,
    or not in the catalogue): a KeyError to the registry's callers, a refusal to verify."""

    def __init__(self, model: str) -> None:
        super().__init__(f"model {model}, which the addon's dependencies do not install")
        self.model = model

    __str__ = Exception.__str__


class ReplayUnfaithful(RuntimeMissing):
    """What the replay would run, but not as Odoo does (Odoo's own logic around it that the
    runtime lacks): refused by name rather than answered wrongly."""

    def __init__(self, what: str) -> None:
        Exception.__init__(self, f"cannot replay faithfully: {what}")
        self.name = what


class DataLoadError(Exception):
    """A data file (or manifest) the loader cannot load; says where."""


class NotInstallable(Exception):
    """A module the series' Odoo would not install (its manifest version names another
    series): the runtime refuses to load it too, rather than replay what Odoo never runs."""
