"""The shape of a classification rule.

A rule looks at one candidate method (a `MethodContext`) and yields what it recognises:
`Effect`s (something the method does that an action can do) or `Blocker`s (a reason the
method cannot become an action). Each rule carries its own examples: `match` sources must make
it yield something, `no_match` sources must not. The examples are the rule's first tests
(tests/test_rules.py) and appear in the rule catalogue (`migrator rules`, docs/rules.md).

Examples are whole model files. Their methods are candidates by name: `create`, `write`,
`unlink`, `copy`, `action_*`/`button_*`, and `_cron_*` (as if an ir.cron called it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from migrator.classify.method_context import MethodContext
from migrator.model import Blocker, Effect


class Rule:
    # stable, kebab-case; used by --disable. A blocker rule is named after the one blocker code it
    # raises (migrator/blockers.py), so a rule's name and its code cannot drift apart.
    name: ClassVar[str]
    summary: ClassVar[str]  # one sentence for the catalogue
    produces: ClassVar[str]  # "effect" or "blocker"
    match: ClassVar[tuple[str, ...]] = ()
    no_match: ClassVar[tuple[str, ...]] = ()

    def check(self, ctx: MethodContext) -> Iterable[Effect | Blocker]:
        raise NotImplementedError

    def blocker(self, message: str, node=None) -> Blocker:
        """A blocker with this rule's code; `message` says what in this method, in one sentence."""
        return Blocker(code=self.name, message=message, rule=self.name, line=getattr(node, "lineno", None))
