"""Why a verification cannot be done: the replay lacks something the module or its
actions use. The message names it ("cannot replay: uses format_amount")."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from migrator.runtime.action_sandbox import ReplayUnsupported
from migrator.runtime.errors import DataLoadError, NotInstallable, RuntimeMissing


class CannotVerify(Exception):
    """Exit 2: the runs cannot be compared; the message says what is missing."""


# Raised by the runtime when a module or an action uses what it does not provide.
MISSING = (RuntimeMissing, ReplayUnsupported)


def message_of(exc: BaseException) -> str:
    text = str(exc)
    return text if text.startswith("cannot replay") else f"cannot replay: {text}"


@contextmanager
def cannot_verify(what: str = "") -> Iterator[None]:
    """Turn the runtime's refusals (and data files it cannot load) into CannotVerify."""
    try:
        yield
    except MISSING as exc:
        raise CannotVerify(message_of(exc) + (f" ({what})" if what else "")) from exc
    except NotInstallable as exc:
        raise CannotVerify(f"cannot verify: {exc}") from exc
    except DataLoadError as exc:
        raise CannotVerify(f"cannot load {what or 'the data'}: {exc}") from exc
