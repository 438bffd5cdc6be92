"""`migrator deploy` from folder to imported module: check, plan, zip, import, confirm."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from migrator.check import check_module
from migrator.deploy.archive import zipped
from migrator.deploy.data_module import DataModule, read_data_module
from migrator.deploy.odoo_client import CredentialsRefused, OdooClient
from migrator.deploy.plan import DeployPlan, plan_deploy, plan_lines, read_target
from migrator.errors import DeployError


class Refused(DeployError):
    """What stops the import, one line each."""

    def __init__(self, problems: tuple[str, ...]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Options:
    url: str
    db: str
    login: str
    dry_run: bool = False
    force: bool = False  # import although the original module is installed
    force_init: bool = False  # Odoo's own `force`: init mode, noupdate records rewritten
    timeout: float = 300.0


def checked_module(path: Path, say: Callable[[str], None]) -> DataModule:
    """The data module at `path`, once `migrator check` passes it for its manifest's series."""
    module = read_data_module(path)
    findings = check_module(str(path), module.series)
    for f in findings:
        say(f"{module.name}/{f.location()}: {f.code}: {f.message}" if f.location() else f"{module.name}: {f.code}: {f.message}")
    if findings:
        raise DeployError(f"{module.name}: `migrator check --series {module.series}` finds {len(findings)} "
                          "problem(s) above: nothing imported")
    return module


def run_deploy(path: Path, options: Options, password: Callable[[], str], say: Callable[[str], None]) -> DeployPlan:
    """Import the data module at `path`, or with `dry_run` only say what the import would do.
    `password` is asked only once the folder passed. Raises UsageError (the folder) or
    DeployError (the server, or what the plan refuses)."""
    module = checked_module(path, say)
    client = OdooClient.connect(options.url, options.db, options.login, password(), options.timeout)
    plan = plan_deploy(module, read_target(client, module), force=options.force, force_init=options.force_init)
    for line in plan_lines(plan):
        say(line)
    if plan.problems:
        raise Refused(plan.problems)
    if options.dry_run:
        say("dry run: nothing imported")
        return plan
    with zipped(module.path, module.name) as archive:
        try:
            client.upload(archive, module.name, options.force_init)
        except CredentialsRefused:
            # an API key: XML-RPC took it, the login page's authentication does not
            say("login_upload refused the credentials XML-RPC accepted (an API key): importing through "
                "the Import Module wizard over XML-RPC")
            client.import_with_wizard(archive, module.name, options.force_init)
    _confirm(client, module, say)
    return plan


def _confirm(client: OdooClient, module: DataModule, say: Callable[[str], None]) -> None:
    """Read back what the import made: the module installed and every record it names."""
    state = client.modules([module.name]).get(module.name, {}).get("state")
    if state != "installed":
        raise DeployError(f"{module.name}: Odoo answered without an error, but the module is "
                          f"{state or 'not in the database'} in {client.db}")
    ids = client.xmlids(module.name)
    expected = {r.xmlid.rpartition(".")[2] for r in module.records
                if r.xmlid and r.xmlid.rpartition(".")[0] in ("", module.name)}
    missing = sorted(expected - set(ids))
    if missing:
        raise DeployError(f"{module.name}: imported, but {len(missing)} record(s) are not in {client.db}: "
                          f"{', '.join(missing[:5])}")
    say(f"imported {module.name} into {client.db}: installed, {len(expected)} record(s) of its files in place")
