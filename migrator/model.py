"""The plain data that flows through the pipeline (see docs/architecture.md).

discover -> Addon; analyze -> ModuleFacts; classify -> Unit; plan -> ModuleResult;
audit -> AuditResult; reports read AuditResult. Every stage returns new objects of
these types and never mutates what it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from migrator.blockers import spec

Kind = Literal[
    "field_write", "mail_send", "cron_job", "record_create",
    "followers", "activity", "sms", "message", "helper",
]
Trigger = Literal[
    "on_create", "on_write", "on_create_or_write", "on_unlink", "on_time", "cron", "manual",
]
Convertible = Literal["no_code", "code", "no"]
Verdict = Literal["replaceable", "partial", "keep", "error"]
OnlineAnswer = Literal["yes", "partial", "no", "unknown"]
RemovalStatus = Literal["remove", "held", "shrink", "stay"]

KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
TRIGGERS: tuple[str, ...] = Trigger.__args__  # type: ignore[attr-defined]
CONVERTIBLES: tuple[str, ...] = Convertible.__args__  # type: ignore[attr-defined]
VERDICTS: tuple[str, ...] = Verdict.__args__  # type: ignore[attr-defined]
ONLINE_ANSWERS: tuple[str, ...] = OnlineAnswer.__args__  # type: ignore[attr-defined]
REMOVAL_STATUSES: tuple[str, ...] = RemovalStatus.__args__  # type: ignore[attr-defined]


# --------------------------------------------------------------------- discovery

@dataclass(frozen=True)
class Finding:
    """A problem with the audited input: a file that cannot be read, parsed, trusted.

    `code` is stable (documented in docs/rules.md); `message` is one sentence.
    """

    code: str
    message: str
    file: str | None = None  # relative to the addon folder
    line: int | None = None

    def location(self) -> str:
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class Addon:
    name: str
    path: str  # absolute path of the addon folder
    manifest_file: str | None  # "__manifest__.py" / "__openerp__.py"
    manifest: dict  # literal manifest, {} when unreadable
    series: str | None  # "16.0" .. "19.0", None when unknown
    core: bool = False
    findings: tuple[Finding, ...] = ()


# ---------------------------------------------------------------------- analysis

@dataclass(frozen=True)
class Span:
    file: str  # relative to the addon folder, '/' separated
    line_start: int
    line_end: int


@dataclass(frozen=True)
class FieldDecl:
    name: str
    type: str  # "Char", "Many2one", ...
    span: Span
    compute: str | None = None
    related: str | None = None
    # `selection_add=[...]`: extends a selection defined elsewhere (core); the field itself
    # stays when the module goes, only the added values vanish
    selection_add: bool = False
    inverse: str | None = None  # method name
    search: str | None = None  # method name
    # None: no default; "value": a literal; else what computes it as written
    # ("_default_stage", "lambda", "fields.Date.context_today"): a name may be a constant
    default: str | None = None
    # None: no selection or a literal list; else the method or name giving it, as `default`
    selection: str | None = None
    # only changes attributes of a field declared elsewhere: `selection_add`, or a relational
    # field without its comodel
    redefines: bool = False
    tracking: bool = False  # `tracking=`: mail.thread logs its changes
    comodel: str | None = None  # relational fields: the comodel as written
    selection_values: tuple[str, ...] = ()  # a literal selection's (or selection_add's) keys


@dataclass(frozen=True)
class XmlRecord:
    """A <record> (or shortcut tag such as <menuitem>) in a data file."""

    xmlid: str  # as written: "tpl_x" or "module.tpl_x"
    model: str
    span: Span
    fields: dict[str, str] = field(default_factory=dict)  # name -> text, ref or eval
    noupdate: bool = False


@dataclass(frozen=True)
class Cron:
    xmlid: str
    model: str  # model the cron runs on
    method: str | None  # method called by the cron's code, if one
    code: str | None
    interval_number: int | None
    interval_type: str | None
    active: bool
    user_ref: str | None
    span: Span


# ---------------------------------------------------------------- classification

@dataclass(frozen=True)
class Blocker:
    code: str  # stable, e.g. "raw-sql"
    message: str  # one sentence
    rule: str = ""  # name of the rule that raised it
    line: int | None = None

    def __post_init__(self) -> None:
        spec(self.code)  # every code is one of migrator/blockers.py


@dataclass(frozen=True)
class Effect:
    """One thing a unit does, in source order."""

    kind: str  # one of KINDS
    description: str  # human-readable, e.g. "write state = 'done'"
    span: Span
    no_code: bool  # expressible by a no-code action type
    # What an action needs, read by the rule (docs/classification.md); complete when no_code.
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Unit:
    model: str
    method: str
    kind: str
    trigger: str
    trigger_fields: tuple[str, ...]
    convertible: str
    blockers: tuple[Blocker, ...]
    evidence: Span
    effects: tuple[Effect, ...] = ()
    condition: str | None = None  # a domain when one could be written, as text
    cron: Cron | None = None
    date_field: str | None = None  # on_time: the date the delay counts from
    # on_time: (amount, base.automation trg_date_range_type), negative = before the date;
    # None when the search's offset from now is not literal
    date_delay: tuple[int, str] | None = None
    # a cron job the plan replaces by a time-based automation rule: "on_time"; an override of an
    # Odoo button replaced by a rule on the state the button sets: "on_write" (docs/classification.md)
    replaced_by: str | None = None


@dataclass(frozen=True)
class Savings:
    lines_before: int
    lines_after: int
    hours: float | None = None
    money: float | None = None

    @property
    def lines_saved(self) -> int:
        return self.lines_before - self.lines_after


@dataclass(frozen=True)
class PythonPart:
    """Python an importable data module cannot hold (docs/classification.md, Odoo Online)."""

    code: str  # stable: "controller", "onchange", ...
    name: str  # what it is: "sale.order._onchange_partner", "MarginPortal", ...
    message: str  # one sentence
    file: str | None = None  # relative to the addon folder
    line: int | None = None


@dataclass(frozen=True)
class Readiness:
    """Can an importable data module (base_import_module, no Python) replace the module?"""

    answer: str  # one of ONLINE_ANSWERS
    python: tuple[PythonPart, ...] = ()  # what must stay Python, in source order
    summary: str = ""
    # set across modules: dependencies an Odoo Online database cannot have yet (audited ones
    # whose answer is not "yes", or addons that are neither audited nor Odoo's own)
    needs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Removal:
    """The module's place in the plan across modules (docs/classification.md)."""

    status: str  # one of REMOVAL_STATUSES
    round: int | None = None  # "remove": switch in this round (1 first); dependants go first
    blocked_by: tuple[str, ...] = ()  # "held": the staying modules that depend on it
    changes: tuple[str, ...] = ()  # "held": what to change so that it can go
    summary: str = ""


@dataclass(frozen=True)
class ModuleResult:
    name: str
    path: str
    series: str | None
    verdict: str
    units: tuple[Unit, ...]
    errors: tuple[Finding, ...]
    savings: Savings
    stays: dict[str, list[str]] = field(default_factory=dict)  # "fields"/"models"/... -> names
    summary: str = ""  # one sentence explaining the verdict
    depends: tuple[str, ...] = ()  # the manifest's `depends`, as written
    required_by: tuple[str, ...] = ()  # audited modules depending on it directly (set across modules)
    # other modules' xml ids its XML data refers to: module -> ids (what a dependant uses)
    refs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    online: Readiness | None = None
    removal: Removal | None = None  # None until planned across modules, or for a duplicate


@dataclass(frozen=True)
class Rates:
    """Explicit, user-given conversion rates. Nothing is estimated without them."""

    hours_per_kloc: float | None = None  # upgrade/maintenance hours per 1000 lines
    hourly_rate: float | None = None
    currency: str = "EUR"


@dataclass(frozen=True)
class SwitchPlan:
    """Across the audited modules: in which rounds the removable ones are switched."""

    rounds: tuple[tuple[str, ...], ...] = ()  # names per round, sorted; round 1 first
    cycles: tuple[tuple[str, ...], ...] = ()  # modules depending on each other in a loop


@dataclass(frozen=True)
class AuditResult:
    modules: tuple[ModuleResult, ...]
    rates: Rates
    series: str | None = None  # --series, when given
    disabled_rules: tuple[str, ...] = ()
    plan: SwitchPlan = SwitchPlan()
