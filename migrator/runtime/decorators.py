"""Odoo's `api` decorators: markers the ORM reads when it sets a model class up."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import wraps
from typing import Any

from migrator.runtime.errors import RuntimeMissing


def model(method: Callable) -> Callable:
    """A method on the model, not on records. A `create(self, vals)` written this way is
    called once per dict when given a list, as Odoo does for single-record creates."""
    if method.__name__ != "create":
        return method

    @wraps(method)
    def create(self: Any, vals_list: Any) -> Any:
        if isinstance(vals_list, Mapping):
            return method(self, vals_list)
        records = self.browse()
        for vals in vals_list:
            records |= method(self, vals)
        return records
    return create


def model_create_multi(method: Callable) -> Callable:
    @wraps(method)
    def create(self: Any, vals_list: Any) -> Any:
        if isinstance(vals_list, Mapping):
            vals_list = [vals_list]
        return method(self, list(vals_list))
    return create


def depends(*paths: Any) -> Callable:
    if len(paths) == 1 and callable(paths[0]):
        raise RuntimeMissing("api.depends() given a function")
    return _mark("_depends", tuple(paths))


def constrains(*names: Any) -> Callable:
    if len(names) == 1 and callable(names[0]):
        raise RuntimeMissing("api.constrains() given a function")
    return _mark("_constrains", tuple(names))


def onchange(*names: str) -> Callable:
    # kept as a marker only: onchange methods run in the form view, never on create/write
    return _mark("_onchange", tuple(names))


def ondelete(*, at_uninstall: bool) -> Callable:
    return _mark("_ondelete", at_uninstall)


def depends_context(*keys: str) -> Callable:
    # the runtime keeps no cache, so the context keys a compute depends on need no tracking
    return _mark("_depends_context", tuple(keys))


def returns(*args: Any, **kwargs: Any) -> Callable:
    return lambda method: method


def _mark(attr: str, value: Any) -> Callable:
    def decorate(method: Callable) -> Callable:
        setattr(method, attr, value)
        return method
    return decorate
