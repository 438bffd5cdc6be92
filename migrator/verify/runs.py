"""The two runs of a verification and their databases.

One database gets the tables (the addon's own fields included: both versions need them, the
data module may use fields that stay) and the seed, and is copied once: the original is run
A's ("module"), which loads the addon's Python and its own templates and crons; the copy is
run B's ("actions"), which loads the addon without the moved methods (the residual module)
and the data module. Each version's registry is built once: run A's registry is the module's;
the residual's serves run B, the starting records of both runs (without automation rules),
and the replay without the logic under test (`Run.without`). Each scenario runs in one
transaction per database, rolled back afterwards, so every scenario starts from the same data.
The custom addons the addon depends on stay installed in both runs: both registries load their
Python first, and their records that behave are in the database both runs copy.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg

from migrator.pg import Harness
from migrator.runtime.actions import action_models, install_actions
from migrator.runtime.clock import Clock
from migrator.runtime.core_buttons import install_core_buttons
from migrator.runtime.data_loader import load_data_module, load_records
from migrator.runtime.loader import load_addons
from migrator.runtime.mail import install_mail, mail_models
from migrator.runtime.manifest import read_manifest
from migrator.runtime.manual import TABLE_MODELS, install_manual
from migrator.runtime.registry import Registry
from migrator.verify.errors import CannotVerify, cannot_verify
from migrator.verify.renames import Renames

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
    # "model.method" -> server action xml id ("": Odoo's own button, a rule following its write)
    buttons: dict[str, str] = field(default_factory=dict)
    time_rule_methods: frozenset[str] = frozenset()  # methods that became time rules
    # --fields data: run B names the addon's fields and models by their custom names, and
    # installs the data module over the starting records (its <function> calls run again)
    names: Renames | None = None
    install: list[Callable[[], Any]] = field(default_factory=list)
    starting: bool = False  # the starting records are compared too (the values copied at install)

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
    buttons: dict[str, str]  # "model.method" -> the data module's bound server action ("": Odoo's own button)
    time_rule_methods: frozenset[str]
    # the custom addons it depends on, dependencies first: installed in both runs
    dependency_paths: tuple[Path, ...] = ()
    # --fields data: the custom names, and the addon without its moved methods but with its
    # fields (it makes the starting records of both runs; run B's residual lacks those fields)
    names: Renames | None = None
    keeping_path: Path | None = None


# What both runs have installed besides the addon's dependencies (the data module's, and mail
# for the runtime's chatter), as the real-Odoo engine's template does.
RUN_MODULES = ("base_automation", "mail", "base_import_module")


def build_registry(series: str, addon: str, path: Path, dependencies: tuple[Path, ...] = ()) -> Registry:
    """The registry of `addon` at `path`, on top of the custom addons it depends on: only the
    core models and fields of the Odoo modules they all depend on."""
    registry = Registry(series, clock=Clock(), module=addon)
    with cannot_verify(f"loading {path.name}"):
        depends = [d for p in (*dependencies, path) for d in read_manifest(p).get("depends", [])]
        registry.restrict_to([*depends, *RUN_MODULES])
    install_mail(registry)
    install_actions(registry)
    install_manual(registry)
    install_core_buttons(registry)
    named = f" with {', '.join(d.name for d in dependencies)}, which it depends on" if dependencies else ""
    with cannot_verify(f"loading {path.name}{named}"):
        load_addons([*dependencies, path], registry)
    return registry


@contextmanager
def open_runs(harness: Harness, sources: Sources, models: set[str], module: Registry | None = None,
              residual: Registry | None = None) -> Iterator[tuple[Run, Run]]:
    """Run A's database and its copy for run B, both loaded and committed; the connections
    close on exit. `module` and `residual` are the two versions' registries when the caller
    built them already (not yet attached to a database)."""
    deps = sources.dependency_paths
    module = module or build_registry(sources.series, sources.addon, sources.addon_path, deps)
    residual = residual or build_registry(sources.series, sources.addon, sources.residual_path, deps)
    # --fields data: the starting records have the addon's fields, which run B's residual lacks
    keeping = build_registry(sources.series, sources.addon, sources.keeping_path, deps) \
        if sources.keeping_path else residual
    extra = [*mail_models(module), *action_models(module), *sorted(models),
             *(TABLE_MODELS if sources.names is not None else ())]
    with cannot_verify("creating the tables"):
        tables = module.table_models(extra)
    first = harness.create_database()
    with harness.connect(first) as conn:
        with cannot_verify("creating the tables"):
            module.install(conn, extra)
        _load_dependencies(sources, conn, tables)
        conn.commit()
    copy = harness.create_from_template(first)  # before run A's records: both start identical
    conns = [harness.connect(first), harness.connect(copy)]
    try:
        module.attach(conns[0], tables)
        residual.attach(conns[1], [m for m in tables if residual.has_model(m)])
        if keeping is not residual:
            keeping.attach(conns[1], tables)
        starting = sources.names is not None
        run_a = Run("module", module, keeping, conns[0], {}, crons=sources.addon_crons, starting=starting)
        with cannot_verify(f"the addon's data files ({sources.addon})"):
            run_a.loaded = load_records(sources.addon_path, run_a.environment(), _behaviour_records(module))
        run_b = Run("actions", residual, keeping, conns[1], {}, crons=sources.action_crons,
                    buttons=sources.buttons, time_rule_methods=sources.time_rule_methods,
                    names=sources.names, starting=starting)
        with cannot_verify(f"the data module {sources.actions_path.name}"):
            run_b.loaded = load_data_module(sources.actions_path, run_b.environment(), _behaviour_elements,
                                            run_b.install)
        for conn in conns:
            conn.commit()
        yield run_a, run_b
    finally:
        for conn in conns:
            conn.close()


def _load_dependencies(sources: Sources, conn: psycopg.Connection, tables: list[str]) -> None:
    """The custom addons the addon depends on were installed before it, in both runs: their
    records that behave are loaded into the database both runs copy, by their own classes."""
    if not sources.dependency_paths:
        return
    *below, last = sources.dependency_paths
    registry = build_registry(sources.series, last.name, last, tuple(below))
    registry.attach(conn, [m for m in tables if registry.has_model(m)])
    for path in sources.dependency_paths:
        with cannot_verify(f"the data files of {path.name}, which {sources.addon} depends on"):
            load_records(path, registry.environment(), _behaviour_records(registry))


def _behaviour_elements(node: Any) -> bool:
    """The elements of a data module run B loads: all but its user interface and access
    records (`--fields data` re-creates the addon's), which run A does not load either."""
    return node.tag not in PRESENTATION_TAGS and node.get("model") not in PRESENTATION


def _behaviour_records(registry: Registry) -> Any:
    """The records of an addon's data that behave (templates, crons, activity types...): what
    run A, and both runs for the dependencies, load."""
    tables = registry.tables

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
