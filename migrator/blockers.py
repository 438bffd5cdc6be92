"""Every reason a behaviour cannot become an action: one table, asked by every stage.

A `Blocker` (migrator/model.py) carries one of these codes and a sentence about the case at
hand; the table gives each code its one meaning, for the reports, the rule catalogue and the
docs. Each code is decided in exactly one place, named by `decided_by`:

- `rule`: a classification rule of the same name (migrator/classify/rules/<name>.py), on the
  `ast` of the method, for every unit the audit finds;
- `rewrite`: the libcst rewrite that turns the method into action code
  (migrator/generate/transforms/), only for units that need code;
- `decide`: the planning step that writes the records (migrator/decide/).

The planning step runs for the audit and for `convert` alike, so both report the same codes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BlockerSpec:
    code: str
    decided_by: str  # "rule" | "rewrite" | "decide"
    meaning: str  # one sentence: what the code says about a method


_SPECS = (
    # -- classification rules (one rule per code, named like it)
    BlockerSpec("uses-super-return-value", "rule",
                "The value `super()` returned is used other than returned (or, for create, as the new records), "
                "or super() is called twice, for another method, or inside an expression."),
    BlockerSpec("context-dependent", "rule",
                "The body reads the context (`self.env.context`, `self._context`, a `context` parameter): "
                "callers steer it, an automation rule cannot see that."),
    BlockerSpec("raw-sql", "rule", "The body runs SQL through the cursor, which bypasses the ORM."),
    BlockerSpec("calls-custom-method", "rule",
                "The body calls a method, function or class that only this module defines and that cannot be "
                "inlined into the action (another method that stays uses it too, it is on another model, "
                "its returns or its call's place do not allow it): it goes away with the module."),
    BlockerSpec("super-create-in-loop", "rule",
                "`super().create(vals)` is called inside a loop over the values: one query per record, "
                "flagged rather than copied or silently fixed."),
    BlockerSpec("new-field-needed", "rule",
                "The body fills fields this module declares on records of another model, or makes records of a "
                "model it defines through one of its relational fields: not the records the rule acts on "
                "(a field on the model the logic acts on does not block: it stays, or becomes a custom field)."),
    BlockerSpec("imports-module", "rewrite",
                "The body uses a module or name the server-action sandbox does not provide (`requests`, `os`, "
                "`re`, ...), or imports."),
    BlockerSpec("sandbox-forbidden", "rewrite",
                "The body uses what Odoo's safe_eval refuses in action code (builtins such as `getattr`, `with`, "
                "`class`, `global`, dunder names, ...)."),
    BlockerSpec("overrides-button", "rule",
                "An `action_*`/`button_*` override calls `super()`: a click has no automation trigger."),
    BlockerSpec("copy-override", "rule", "`copy()` is overridden: an automation rule cannot tell a copy from a create."),
    BlockerSpec("missing-super", "rule",
                "A create/write/unlink override never calls `super()`: it replaces the ORM method."),
    # -- the rewrite into action code
    BlockerSpec("module-variable", "rewrite",
                "The body reads a module-level variable that is not a literal (`PATTERN = re.compile(...)`)."),
    BlockerSpec("uses-vals", "rewrite",
                "The body uses the values given to create/write in a way the records after the operation "
                "cannot stand for."),
    BlockerSpec("code-before-super", "rewrite",
                "write: code before `super().write()` reads the records (their values before the write) in a way "
                "neither `filter_pre_domain` nor the rule's old values can hold."),
    BlockerSpec("code-after-super", "rewrite",
                "unlink: code after `super().unlink()` (the rule runs before the deletion)."),
    BlockerSpec("early-return", "rewrite",
                "A `return` in the middle of the body that cannot be turned into a test around the rest."),
    BlockerSpec("overrides-method", "rewrite", "A method other than create/write/unlink calls `super()`."),
    BlockerSpec("shadowed-name", "rewrite", "A name is both local somewhere in the method and module-level elsewhere in it."),
    BlockerSpec("unbound-parameter", "rewrite",
                "A scheduled action's or a button's code would read a parameter of the method it cannot bind: "
                "the cron's code passes no literal for it (a button passes nothing) and its default is none "
                "or not a literal."),
    BlockerSpec("empty-body", "rewrite", "Nothing is left to run once `super()` and the returns are removed."),
    # -- the planning step
    BlockerSpec("no-cron", "decide", "The method is not called by a scheduled action of the module."),
    BlockerSpec("track-template", "decide",
                "A `_track_template` override does more than add a template for a tracked field that changed, "
                "for a field the model does not track, or for one Odoo's own override of the model already "
                "posts a template for: no rule on that field's change says it."),
    BlockerSpec("unknown-model", "decide",
                "The model has no xml id in the schema catalogue of the series nor in the audited addons."),
    BlockerSpec("unknown-field", "decide",
                "A field the records need has no xml id in the schema catalogue of the series nor in the "
                "audited addons."),
    BlockerSpec("button-view-stays", "decide",
                "A view of the module with a button calling the method stays in it (a record that stays refers "
                "to the view): its button cannot call the data module's server action (Odoo loads no module "
                "that depends on an imported one)."),
)

BLOCKERS: dict[str, BlockerSpec] = {spec.code: spec for spec in _SPECS}


def spec(code: str) -> BlockerSpec:
    """The table's entry; a code outside the table is a programming error."""
    try:
        return BLOCKERS[code]
    except KeyError:
        raise ValueError(f"unknown blocker code {code!r}: add it to migrator/blockers.py") from None
