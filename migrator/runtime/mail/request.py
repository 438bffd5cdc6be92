"""What Odoo does when a request ends (its precommit hooks): the tracking messages, and the
check that no notification email showed values its record no longer has. The replay runs
each operation as one request."""

from __future__ import annotations

from typing import Any

from migrator.runtime.mail import notify, tracking


def end_request(env: Any) -> None:
    if not hasattr(env.registry, "tracking"):
        return  # a registry without mail
    tracking.finalize(env)
    notify.check_notifications(env)


def forget_request(env: Any) -> None:
    """The request was rolled back: nothing of it is sent."""
    if hasattr(env.registry, "tracking"):
        tracking.forget(env)
        env.registry.notified[:] = []
