"""The two runs in real Odoo: the template database (the dependencies installed) cloned
twice; run A installs the addon, run B the residual addon and imports the data module
through base_import_module (as it is deployed: proof that it imports). Each run is one Odoo
process (driver.py) on its database, asked to replay one scenario at a time; its answer is
read into an Observation exactly as the embedded runtime's is (observe.py)."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from migrator.pg import Harness
from migrator.runtime.clock import DEFAULT_INSTANT
from migrator.runtime.manifest import read_manifest
from migrator.verify.observe import Observation, Scope, compared, normalise
from migrator.verify.odoo_engine.locate import OdooInstall
from migrator.verify.odoo_engine.process import Driver, DriverError
from migrator.verify.odoo_engine.template import (
    copy_of,
    data_dir,
    ensure_template,
    filestore,
    odoo_connection,
)
from migrator.verify.errors import CannotVerify
from migrator.verify.runs import Sources
from migrator.verify.scenario import Scenario

# Installed in the template for run B's import of the data module (both runs: they start alike).
IMPORTER = "base_import_module"


@dataclass
class OdooRun:
    label: str  # "module", "actions", or "without" (run B's database, no rule, cron or button at work)
    driver: Driver
    scope: Scope
    xmlids: list  # (module, name, model, res_id) existing before any scenario
    odoo: OdooInstall

    @property
    def logic(self) -> bool:
        return self.label != "without"

    def without(self) -> OdooRun:
        return dataclasses.replace(self, label="without")

    def replay(self, scenario: Scenario) -> Observation:
        try:
            answer = self.driver.ask("replay", scenario=scenario_data(scenario), logic=self.logic,
                                     compared=self.scope.compared)
        except DriverError as exc:
            raise CannotVerify(f"cannot verify: {exc}") from None
        ids = {ref: (model, record_id) for ref, (model, record_id) in answer["ids"].items()}
        return normalise(answer["raw"], self.scope, answer["base"], ids, answer["outcomes"], self.xmlids)


def scenario_data(scenario: Scenario) -> dict[str, Any]:
    """The scenario as the driver reads it (JSON: dates as ISO text)."""
    data = dataclasses.asdict(scenario)
    data["start"] = scenario.start.isoformat(sep=" ")
    return _plain(data)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def template_modules(sources: Sources) -> list[str]:
    """What both runs start with: the addon's and the data module's dependencies."""
    depends = {*read_manifest(sources.addon_path).get("depends", []),
               *read_manifest(sources.actions_path).get("depends", []), IMPORTER}
    return sorted(str(d) for d in depends if d != sources.addon)


@contextmanager
def open_odoo_runs(harness: Harness, sources: Sources, odoo: OdooInstall,
                   moved: list[tuple[str, str]]) -> Iterator[tuple[OdooRun, OdooRun]]:
    """Run A's and run B's Odoo processes on their copies of the template, both installed.
    `moved`: (model, method) of each moved unit (run A makes starting records without them)."""
    connection = odoo_connection(harness.dsn)
    with tempfile.TemporaryDirectory(prefix="migrator-odoo-") as scratch, ExitStack() as stack:
        work = Path(scratch)
        template = ensure_template(harness, odoo, connection, template_modules(sources), work)
        copies = []
        stack.callback(lambda: [shutil.rmtree(filestore(c), ignore_errors=True) for c in copies])
        runs = []
        for label, module in (("module", sources.addon_path), ("actions", sources.residual_path)):
            database = copy_of(harness, template, connection)
            copies.append(database)
            folder = work / f"{label}-addons"
            folder.mkdir()
            (folder / sources.addon).symlink_to(module.resolve(), target_is_directory=True)
            config = {"odoo_root": str(odoo.root), "database": database, "data_dir": str(data_dir()),
                      "addons_path": [str(f) for f in (folder, *odoo.addons_path, *odoo.core_addons())],
                      "instant": DEFAULT_INSTANT.isoformat(sep=" "), **connection.options()}
            driver = Driver(odoo.python, work, label, config)
            stack.callback(driver.close)
            runs.append((label, driver))
        (_, driver_a), (_, driver_b) = runs
        # both install at once: one Odoo process per core
        driver_a.send("install", modules=[sources.addon], zips=[], label="module", crons=sources.addon_crons,
                      buttons={}, time_rule_methods=[], subjects=[sources.addon], addon=sources.addon, moved=moved)
        driver_b.send("install", modules=[sources.addon], zips=[str(sources.actions_path)], label="actions",
                      crons=sources.action_crons, buttons=sources.buttons,
                      time_rule_methods=sorted(sources.time_rule_methods),
                      subjects=[sources.addon, sources.actions_path.name], addon=sources.addon, moved=moved)
        installed = [_installed(driver, odoo) for driver in (driver_a, driver_b)]
        yield tuple(OdooRun(label, driver, _scope(info, sources, label), info["xmlids"], odoo)  # type: ignore[misc]
                    for (label, driver), info in zip(runs, installed, strict=True))


def _installed(driver: Driver, odoo: OdooInstall) -> dict:
    try:
        return driver.receive()
    except DriverError as exc:
        raise CannotVerify(f"cannot verify: installing in {odoo.describe()}: {exc}") from None


def _scope(info: dict, sources: Sources, label: str) -> Scope:
    schema = info["schema"]
    data_modules = frozenset({sources.actions_path.name}) if label == "actions" else frozenset()
    return Scope(schema, compared(schema), sources.addon, data_modules)
