"""Odoo's own buttons that only move records from some states to one: one table, asked by every
stage.

A module overriding such a button to act once `super()` has moved the records (`res =
super().action_draft()`, then writes) can become an automation rule on that move: on write of
the state field, `filter_pre_domain` the states the button moves from, `filter_domain` the
state it writes. The audit lets such an override through (classify/rules/overrides_button.py),
the plan makes it that rule (generate/plan.py), CONVERSION.md says what differs
(generate/convert.py), and the replay runtime runs the button as Odoo does
(runtime/core_buttons.py). Each entry is read off the button's code in Odoo 16.0, 17.0, 18.0
and 19.0 and holds for all four (the table is series-independent: a button that differs
between series is not in it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class StateButton:
    model: str
    method: str
    state: str  # the field the button moves
    to: str  # the value it writes
    moves: tuple[str, ...] | None  # the values it moves records from (None: any other)
    writes: dict[str, Any] = field(default_factory=dict)  # what else it writes with the state

    def pre_domain(self) -> list:
        """What the records the button moves match before its write."""
        if self.moves is None:
            return [(self.state, "!=", self.to)]
        return [(self.state, "in", list(self.moves))]

    def post_domain(self) -> list:
        return [(self.state, "=", self.to)]

    def values(self) -> dict[str, Any]:
        return {self.state: self.to, **self.writes}


BUTTONS: dict[tuple[str, str], StateButton] = {(b.model, b.method): b for b in (
    # sale/models/sale_order.py: orders = self.filtered(lambda s: s.state in ['cancel', 'sent'])
    # return orders.write({'state': 'draft', 'signature': False, 'signed_by': False, 'signed_on': False})
    StateButton("sale.order", "action_draft", "state", "draft", ("cancel", "sent"),
                {"signature": False, "signed_by": False, "signed_on": False}),
    # purchase/models/purchase(_order).py: self.write({'state': 'draft'}); return {}
    StateButton("purchase.order", "button_draft", "state", "draft", None),
)}


def state_button(model: str | None, method: str) -> StateButton | None:
    return BUTTONS.get((model or "", method))
