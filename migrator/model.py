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
    "followers", "activity", "sms", "message",
]
Trigger = Literal[
    "on_create", "on_write", "on_create_or_write", "on_unlink", "on_time", "cron", "manual",
]
Convertible = Literal["no_code", "code", "no"]
Verdict = Literal["replaceable", "partial", "keep", "error"]

KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
TRIGGERS: tuple[str, ...] = Trigger.__args__  # type: ignore[attr-defined]
CONVERTIBLES: tuple[str, ...] = Convertible.__args__  # type: ignore[attr-defined]
VERDICTS: tuple[str, ...] = Verdict.__args__  # type: ignore[attr-defined]


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


@dataclass(frozen=True)
class Rates:
    """Explicit, user-given conversion rates. Nothing is estimated without them."""

    hours_per_kloc: float | None = None  # upgrade/maintenance hours per 1000 lines
    hourly_rate: float | None = None
    currency: str = "EUR"


@dataclass(frozen=True)
class AuditResult:
    modules: tuple[ModuleResult, ...]
    rates: Rates
    series: str | None = None  # --series, when given
    disabled_rules: tuple[str, ...] = ()
