"""Odoo's exceptions (odoo.exceptions), raised by the runtime and by replayed code."""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    def __init__(self, message: Any) -> None:
        super().__init__(message)


class ValidationError(UserError):
    pass


class AccessError(UserError):
    pass


class MissingError(UserError):
    pass


class AccessDenied(Exception):
    pass


class RedirectWarning(Exception):
    def __init__(self, message: Any, action: Any, button_text: Any, additional_context: Any = None) -> None:
        super().__init__(message, action, button_text, additional_context)


class CacheMiss(KeyError):
    pass
