"""The audit pipeline: discover -> analyze -> classify -> plan, over many addons.

Each addon is audited in a worker process (the work is CPU-bound parsing), so an audit of
hundreds of modules uses every core. A module that crashes the analysis becomes a module
with an `internal-error` finding; the others are still audited.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from migrator.model import Addon, AuditResult, ModuleResult, Rates


def audit_addon(addon: Addon, disabled_rules: Sequence[str] = (), rates: Rates = Rates()) -> ModuleResult:
    """Audit one discovered addon. Pure: reads the addon's files, never writes or imports them."""
    raise NotImplementedError


def run_audit(
    addons: Iterable[Addon],
    disabled_rules: Sequence[str] = (),
    rates: Rates = Rates(),
    series: str | None = None,
    jobs: int | None = None,
    progress: Callable[[ModuleResult], None] | None = None,
) -> AuditResult:
    raise NotImplementedError
