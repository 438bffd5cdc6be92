"""The two runs of a verification and their databases.

One database gets the tables (the addon's own fields included: both versions need them, the
data module may use fields that stay) and the seed, and is copied once: the original is run
A's ("module"), which loads the addon's Python and its own templates and crons; the copy is
run B's ("actions"), which loads the addon without the moved methods (the residual module)
and the data module. Each version's registry is built once: run A's registry is the module's;
the residual's serves run B, the starting records of both runs (without automation rules),
and the replay without the logic under test (`Run.without`). Each scenario runs in one
transaction per database, rolled back afterwards, so every scenario starts from the same data.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from migrator.pg import Harness
from migrator.runtime.actions import action_models, install_actions
from migrator.runtime.clock import Clock
from migrator.runtime.data_loader import load_data_module, load_records
from migrator.runtime.loader import load_addon
from migrator.runtime.mail import install_mail, mail_models
from migrator.runtime.manifest import read_manifest
from migrator.runtime.registry import Registry
from migrator.verify.errors import CannotVerify, cannot_verify

# Records of an addon that shape its user interface or access, not its behaviour: run A
# does not load them (the runtime renders no views and enforces no access rights).
PRESENTATION = frozenset({
    "ir.ui.view", "ir.ui.menu", "ir.actions.act_window", "ir.actions.act_window.view",
    "ir.actions.report", "ir.actions.client", "ir.actions.act_url", "ir.model.access",
    "ir.rule", "res.groups", "report.paperformat",
})
PRESENTATION_TAGS = frozenset({"menuitem", "template", "report"})


@dataclass
class Run:
    label: str  # "module", "actions", or "without" (the residual alone: the logic under test absent)
    registry: Registry  # the version under test
    plain: Registry  # residual classes: makes the starting records, without automation rules
    conn: psycopg.Connection
    loaded: dict[str, Any]  # xml id -> record loaded from data files
    crons: dict[str, str] = field(default_factory=dict)  # method -> xml id of its cron
    buttons: dict[str, str] = field(default_factory=dict)  # "model.method" -> server action xml id
    time_rule_methods: frozenset[str] = frozenset()  # methods that became time rules

    def set_clock(self, now: datetime.datetime) -> None:
        self.registry.clock.set(now)
        self.plain.clock.set(now)

    def environment(self, **kwargs: Any) -> Any:
        """The version under test's environment on this run's database."""
        return self.registry.environment(conn=self.conn, **kwargs)

    def starting_environment(self) -> Any:
        """Where the starting records are made (call inside `plain.without_rules()`)."""
        return self.plain.environment(conn=self.conn)

    @property
    def logic(self) -> bool:
        """Whether the run has the logic under test: "without" runs no cron, rule or button."""
        return self.label != "without"

    def without(self) -> Run:
        """The same database and residual classes, no data module at work: what the
        scenario does when neither the moved methods nor their actions exist."""
        return Run("without", self.plain, self.plain, self.conn, self.loaded)


@dataclass(frozen=True)
class Sources:
    """What the runs load."""

    addon: str  # name
    addon_path: Path
    residual_path: Path
    actions_path: Path
    series: str
    addon_crons: dict[str, str]  # method -> the addon's cron xml id
    action_crons: dict[str, str]  # method -> the data module's cron xml id
    buttons: dict[str, str]  # "model.method" -> the data module's bound server action
    time_rule_methods: frozenset[str]


# What both runs have installed besides the addon's dependencies (the data module's, and mail
# for the runtime's chatter), as the real-Odoo engine's template does.
RUN_MODULES = ("base_automation", "mail", "base_import_module")


def build_registry(series: str, addon: str, path: Path) -> Registry:
    registry = Registry(series, clock=Clock(), module=addon)
    with cannot_verify(f"loading {path.name}"):
        registry.restrict_to([*read_manifest(path).get("depends", []), *RUN_MODULES])
    install_mail(registry)
    install_actions(registry)
    with cannot_verify(f"loading {path.name}"):
        load_addon(path, registry)
    return registry


@contextmanager
def open_runs(harness: Harness, sources: Sources, models: set[str], module: Registry | None = None,
              residual: Registry | None = None) -> Iterator[tuple[Run, Run]]:
    """Run A's database and its copy for run B, both loaded and committed; the connections
    close on exit. `module` and `residual` are the two versions' registries when the caller
    built them already (not yet attached to a database)."""
    module = module or build_registry(sources.series, sources.addon, sources.addon_path)
    residual = residual or build_registry(sources.series, sources.addon, sources.residual_path)
    extra = [*mail_models(module), *action_models(module), *sorted(models)]
    with cannot_verify("creating the tables"):
        tables = module.table_models(extra)
    first = harness.create_database()
    with harness.connect(first) as conn:
        with cannot_verify("creating the tables"):
            module.install(conn, extra)
        conn.commit()
    copy = harness.create_from_template(first)  # before run A's records: both start identical
    conns = [harness.connect(first), harness.connect(copy)]
    try:
        module.attach(conns[0], tables)
        residual.attach(conns[1], tables)
        run_a = Run("module", module, residual, conns[0], {}, crons=sources.addon_crons)
        with cannot_verify(f"the addon's data files ({sources.addon})"):
            run_a.loaded = load_records(sources.addon_path, run_a.environment(), _addon_record(run_a))
        run_b = Run("actions", residual, residual, conns[1], {}, crons=sources.action_crons,
                    buttons=sources.buttons, time_rule_methods=sources.time_rule_methods)
        with cannot_verify(f"the data module {sources.actions_path.name}"):
            run_b.loaded = load_data_module(sources.actions_path, run_b.environment())
        for conn in conns:
            conn.commit()
        yield run_a, run_b
    finally:
        for conn in conns:
            conn.close()


def _addon_record(run: Run) -> Any:
    """Run A loads the addon's records that behave (templates, crons, activity types...)."""
    tables = run.registry.tables

    def select(node: Any) -> bool:
        if node.tag in PRESENTATION_TAGS:
            return False
        if node.tag != "record":
            raise CannotVerify(f"cannot replay: uses <{node.tag}> in the addon's data (line {node.sourceline})")
        model = node.get("model")
        if model in PRESENTATION:
            return False
        if model not in tables:
            raise CannotVerify(f"cannot replay: uses a {model} record ({node.get('id')}), "
                               "a model the replay database has no table for")
        return True

    return select
