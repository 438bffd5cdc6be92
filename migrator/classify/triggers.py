"""Which methods of a module are candidate behaviours, and what triggers them."""

from __future__ import annotations

from dataclasses import dataclass

from migrator.analyze.module_facts import ModuleFacts
from migrator.analyze.python_facts import MethodFacts
from migrator.classify import track_template
from migrator.model import Cron

_OVERRIDE_TRIGGERS = {"create": "on_create", "write": "on_write", "unlink": "on_unlink", "copy": "on_create"}
_BUTTON_PREFIXES = ("action_", "button_")
# Decorators that make a method something other than a behaviour (computes, onchanges, ...).
_NOT_BEHAVIOUR = ("api.depends", "api.onchange", "api.constrains", "api.ondelete", "api.depends_context")


@dataclass(frozen=True)
class Candidate:
    method: MethodFacts
    trigger: str
    cron: Cron | None = None


def _same_model(cron_model: str | None, model: str | None) -> bool:
    """A cron's model comes from an xml id (`model_sale_order`), where dots and underscores
    look alike: compare them the same way."""
    if not cron_model:
        return True
    return bool(model) and cron_model.replace(".", "_") == model.replace(".", "_")  # type: ignore[union-attr]


def cron_for(method: MethodFacts, crons: tuple[Cron, ...]) -> Cron | None:
    return next((c for c in crons if c.method == method.name and _same_model(c.model, method.model)), None)


def candidates(module: ModuleFacts, example_mode: bool = False) -> list[Candidate]:
    """Candidate methods in source order. In `example_mode` (rule examples, which have no XML)
    a `_cron_*` method counts as called by an ir.cron."""
    found = []
    for m in module.methods:
        if any(d in _NOT_BEHAVIOUR for d in m.decorators):
            continue
        cron = cron_for(m, module.crons)
        if cron or (example_mode and m.name.startswith("_cron")):
            found.append(Candidate(m, "cron", cron))
        elif m.name == track_template.NAME:
            # mail.thread asks it at creation and once a tracked field changed
            found.append(Candidate(m, "on_create_or_write"))
        elif m.name in _OVERRIDE_TRIGGERS:
            found.append(Candidate(m, _OVERRIDE_TRIGGERS[m.name]))
        elif m.name.startswith(_BUTTON_PREFIXES):
            found.append(Candidate(m, "manual"))
    return found
