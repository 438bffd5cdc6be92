"""Odoo's own buttons that only move records to a state (migrator/state_buttons.py), as the
runtime's models have them: a module's override calls them through `super()`, and once the
override became a rule, the replay presses them in its place (the rule follows their write).

    install_core_buttons(registry)   # before the registry builds its models
"""

from __future__ import annotations

from typing import Any

from migrator.state_buttons import BUTTONS, StateButton


def _button(button: StateButton) -> Any:
    def press(self: Any) -> Any:
        # sale.order.action_draft: the records in the states it moves; purchase.order.button_draft: all
        moved = self.filtered(lambda r: r[button.state] in button.moves) if button.moves is not None else self
        result = moved.write(_values(self, button))
        return result if button.moves is not None else {}
    press.__name__ = button.method
    return press


def _values(records: Any, button: StateButton) -> dict[str, Any]:
    """What the button writes; a binary kept as an attachment set to False (sale.order's
    signature) deletes its attachment in Odoo, and the replay holds none: nothing to write."""
    fields = records._fields
    return {name: value for name, value in button.values().items()
            if not (value is False and fields[name].type == "binary" and fields[name].get("attachment", True))}


def install_core_buttons(registry: Any) -> None:
    """Each button on its model, under the modules' overrides."""
    for (model, method), button in BUTTONS.items():
        mixin = type(f"CoreButton_{model.replace('.', '_')}_{method}", (), {method: _button(button)})
        registry.add_mixin(mixin, lambda name, spec, model=model: name == model)
