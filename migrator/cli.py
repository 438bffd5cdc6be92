"""Command line: a thin layer over the pipeline functions.

Exit codes: 0 clean, 1 findings or errors in modules (or units not converted), 2 usage error.
User errors print one line on stderr, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from migrator.discover.series import check_series
from migrator.errors import UsageError
from migrator.model import AuditResult, Rates
from migrator.report import FORMATS, print_table

if TYPE_CHECKING:
    from migrator.verify.odoo_engine.locate import OdooInstall

# Each command imports its own stages inside its function: `audit` never pays for libcst,
# jinja2, psycopg, hypothesis or the replay runtime (tests/test_cli_imports.py holds it).

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Audit custom Odoo addons and turn their small logic into server actions.")
err = Console(stderr=True)

# Progress bars only help on long runs.
_PROGRESS_FROM = 20


def _fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


_ADDONS_PATH_HELP = ("Folders of addons the given ones depend on (repeatable, or comma-separated as in "
                     "odoo.conf): their models and fields are read, they are not audited or converted.")


def _dependency_addons(addons_path: list[str]) -> list:
    """The addons found on --addons-path, Odoo's own included (the catalogue may lack some)."""
    from migrator.discover import discover

    folders = [p.strip() for entry in addons_path for p in entry.split(",") if p.strip()]
    return discover(folders, include_core=True) if folders else []


def _exit_code(result: AuditResult) -> int:
    return 1 if any(m.errors or m.verdict == "error" for m in result.modules) else 0


@app.command()
def audit(
    paths: list[Path] = typer.Argument(None, help="Addon folders, or folders of addons."),
    series: Optional[str] = typer.Option(None, "--series", help="Odoo series (16.0-19.0) for addons whose manifest has none."),
    fmt: str = typer.Option("table", "--format", "-f", help=f"Output format: {'|'.join(FORMATS)}."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically)."),
    odoo_conf: Optional[Path] = typer.Option(None, "--odoo-conf", help="Also audit the addons_path of this odoo.conf."),
    include_core: bool = typer.Option(False, "--include-core", help="Audit Odoo's own addons too."),
    disable: list[str] = typer.Option([], "--disable", help="Disable a rule by name (repeatable); see `migrator rules`."),
    hours_per_kloc: Optional[float] = typer.Option(None, "--hours-per-kloc", min=0,
                                                   help="Upgrade/maintenance hours per 1000 lines, for the hours estimate."),
    hourly_rate: Optional[float] = typer.Option(None, "--hourly-rate", min=0, help="Money per hour, for the cost estimate."),
    currency: str = typer.Option("EUR", "--currency", help="Currency label for --hourly-rate."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes (default: all cores)."),
    addons_path: list[str] = typer.Option([], "--addons-path", help=_ADDONS_PATH_HELP),
) -> None:
    """Say per module what can become server actions, automation rules and scheduled actions."""
    from migrator.atomic import write_atomic
    from migrator.discover import discover
    from migrator.report import render

    if fmt not in FORMATS:
        _fail(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if not paths and not odoo_conf:
        _fail("give at least one addons folder, or --odoo-conf")
    if hourly_rate is not None and hours_per_kloc is None:
        _fail("--hourly-rate needs --hours-per-kloc (money is computed from hours)")
    rates = Rates(hours_per_kloc=hours_per_kloc, hourly_rate=hourly_rate, currency=currency)
    try:
        addons = discover([str(p) for p in paths or []], odoo_conf=str(odoo_conf) if odoo_conf else None,
                          series=series, include_core=include_core)
        if not addons:
            _fail("no addon found under the given paths")
        result = _run_with_progress(addons, disable, rates, series, jobs, _dependency_addons(addons_path))
    except UsageError as exc:
        _fail(str(exc))
        return
    if fmt == "table" and output is None:
        # a pipe or a file has no width: give the table room instead of rich's 80 columns
        print_table(result, Console(width=None if sys.stdout.isatty() else 120))
    else:
        text = render(result, fmt)
        if output is None:
            sys.stdout.write(text)
        else:
            write_atomic(output, text)
            err.print(f"wrote {output}", highlight=False)
    raise typer.Exit(_exit_code(result))


def _run_with_progress(addons, disable, rates, series, jobs, dependencies) -> AuditResult:
    from migrator.audit import run_audit

    if len(addons) < _PROGRESS_FROM or not err.is_terminal:
        return run_audit(addons, disabled_rules=disable, rates=rates, series=series, jobs=jobs,
                         dependencies=dependencies)
    columns = (TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task("audit", total=len(addons))
        return run_audit(addons, disabled_rules=disable, rates=rates, series=series, jobs=jobs,
                         progress=lambda _m: progress.advance(task), dependencies=dependencies)


@app.command()
def check(
    path: Path = typer.Argument(..., help="A generated data module folder."),
    series: str = typer.Option(..., "--series", help="Odoo series the module must load in (16.0-19.0)."),
) -> None:
    """Check a generated data module: XML, fields per series, refs, and action code in the sandbox."""
    from migrator.check import check_module

    try:
        check_series(series)
        if not (path / "__manifest__.py").is_file():
            raise UsageError(f"{path}: not a module folder (no __manifest__.py)")
    except UsageError as exc:
        _fail(str(exc))
    findings = check_module(str(path), series)
    out = Console(width=None if sys.stdout.isatty() else 200)
    for f in findings:
        where = f"{path.name}/{f.location()}" if f.location() else path.name
        out.print(f"{where}: {f.code}: {f.message}", highlight=False, markup=False, soft_wrap=True)
    if not findings:
        out.print(f"{path.name}: loads in {series} as far as the check can tell.", highlight=False)
    raise typer.Exit(1 if findings else 0)


@app.command()
def convert(
    paths: list[Path] = typer.Argument(..., help="Addon folders, or folders of addons."),
    series: str = typer.Option(..., "--series", help="Odoo series the data module is for (16.0-19.0)."),
    output: Path = typer.Option(..., "--output", "-o", help="Folder that receives <module>_actions/."),
    residual: Optional[Path] = typer.Option(None, "--residual",
                                            help="Also write each addon without the moved methods into this folder."),
    name: Optional[str] = typer.Option(None, "--name", help="Name of the data module (one addon only)."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text|json (per unit: converted, why not, records)."),
    fields: str = typer.Option("residual", "--fields",
                               help="The fields the addon declares: residual (they stay in the addon) or data "
                                    "(custom x_ fields and models, views and security as records, values copied)."),
    addons_path: list[str] = typer.Option([], "--addons-path", help=_ADDONS_PATH_HELP),
) -> None:
    """Turn each addon's convertible units into an importable data module of actions.

    The addons given together, and those on --addons-path, are the ones each may depend on:
    the models and fields they declare get their own xml ids."""
    from migrator.discover import discover
    from migrator.discover.dependencies import addons_by_name
    from migrator.generate import convert_addon, default_name, write_module, write_residual
    from migrator.generate.convert_report import conversion_dict
    from migrator.generate.convert_report import to_json as conversion_json

    if fmt not in ("text", "json"):
        _fail(f"unknown format {fmt!r}; choose text or json")
    if fields not in ("residual", "data"):
        _fail(f"unknown --fields {fields!r}; choose residual or data")
    try:
        check_series(series)
        for path in paths:
            if not path.exists():
                raise UsageError(f"{path}: no such file or folder")
        addons = [a for a in discover([str(p) for p in paths], series=series) if not a.core]
        if not addons:
            raise UsageError("no addon found under the given paths")
        given = addons_by_name([*addons, *_dependency_addons(addons_path)])
        if name is not None and len(addons) > 1:
            raise UsageError("--name names one data module: give a single addon")
        for folder in (output, residual):
            for addon in addons:
                if folder is not None and folder.resolve().is_relative_to(Path(addon.path).resolve()):
                    raise UsageError(f"{folder}: inside the audited addon {addon.name}; choose another folder")
    except UsageError as exc:
        _fail(str(exc))
        return
    failed = False
    # with --format json, stdout carries only the JSON document; the lines go to stderr
    out = err if fmt == "json" else Console(width=None if sys.stdout.isatty() else 200)
    report = []
    for addon in addons:
        conversion = convert_addon(addon, series, name or default_name(addon), fields, given)
        for item in conversion.not_converted:
            failed = True
            where = f"{addon.name}/{item.evidence.file}:{item.evidence.line_start}"
            for b in item.blockers:
                line = f" (line {b.line})" if b.line else ""
                err.print(f"{where}: {item.model}.{item.method} not converted: {b.code}: {b.message}{line}",
                          highlight=False, markup=False, soft_wrap=True)
        findings, written = [], None
        if conversion.files:
            findings = write_module(conversion, output)
            for f in findings:
                failed = True
                err.print(f"{conversion.name}/{f.location()}: {f.code}: {f.message} (nothing written)",
                          highlight=False, markup=False, soft_wrap=True)
            if not findings:
                written = str(output / conversion.name)
                out.print(f"wrote {written}", highlight=False, markup=False)
                if residual is not None:
                    write_residual(conversion, residual)
                    out.print(f"wrote {residual / addon.name}", highlight=False, markup=False)
        report.append(conversion_dict(conversion, written, findings))
    if fmt == "json":
        sys.stdout.write(conversion_json(report))
    raise typer.Exit(1 if failed else 0)


@app.command()
def verify(
    path: Path = typer.Argument(..., help="The addon folder."),
    series: str = typer.Option(..., "--series", help="Odoo series to replay in (16.0-19.0)."),
    actions: Optional[Path] = typer.Option(None, "--actions",
                                           help="A data module to verify instead of the generated one (e.g. edited)."),
    scenario: Optional[Path] = typer.Option(None, "--scenario", help="A YAML scenario file (docs/scenarios.md)."),
    dsn: Optional[str] = typer.Option(None, "--dsn", help="PostgreSQL server (default: $MIGRATOR_DSN, else embedded)."),
    fmt: str = typer.Option("text", "--format", "-f", help="Output format: text|json."),
    keep_db: bool = typer.Option(False, "--keep-db", help="Keep the replay databases and print their names."),
    engine: str = typer.Option("", "--engine",
                               help="embedded (the replay runtime, the default) or odoo (a real Odoo: --odoo, "
                                    "$MIGRATOR_ODOO_<series> or [tool.migrator] in pyproject.toml)."),
    odoo: Optional[Path] = typer.Option(None, "--odoo", help="A real Odoo of the series: its source tree or "
                                        "installed odoo package (implies --engine odoo)."),
    odoo_python: Optional[Path] = typer.Option(None, "--odoo-python", help="The Python that runs that Odoo."),
    addons_path: list[str] = typer.Option([], "--addons-path", help="Folders of the custom addons it depends on "
                                          "(repeatable, or comma-separated): installed in both runs."),
    fields: str = typer.Option("residual", "--fields",
                               help="As given to convert: data verifies the custom x_ fields and models, the values "
                                    "copied at install, the names mapped between the runs."),
) -> None:
    """Replay the same records through the addon and through its actions; say equivalent or show each difference."""
    from migrator.verify import CannotVerify, to_json, to_text, verify_addon

    if fmt not in ("text", "json"):
        _fail(f"unknown format {fmt!r}; choose text or json")
    try:
        check_series(series)
        if fields not in ("residual", "data"):
            raise UsageError(f"unknown --fields {fields!r}; choose residual or data")
        folders = [Path(p.strip()) for entry in addons_path for p in entry.split(",") if p.strip()]
        install = _odoo_engine(series, engine, odoo, odoo_python, folders)
        result = verify_addon(path, series, actions=actions, scenario_file=scenario, dsn=dsn, keep_db=keep_db,
                              odoo=install, addons_path=folders, fields=fields)
    except (UsageError, CannotVerify) as exc:
        _fail(str(exc))
        return
    sys.stdout.write(to_json(result) if fmt == "json" else to_text(result))
    raise typer.Exit(result.exit_code)


def _odoo_engine(series: str, engine: str, odoo: Path | None, python: Path | None,
                 addons: list[Path]) -> OdooInstall | None:
    """The real Odoo to replay in, or None for the embedded runtime."""
    if engine not in ("", "embedded", "odoo"):
        raise UsageError(f"unknown engine {engine!r}; choose embedded or odoo")
    if engine == "embedded" or (not engine and odoo is None):
        if odoo or python:
            raise UsageError("--odoo and --odoo-python are for --engine odoo")
        return None
    from migrator.verify.odoo_engine.locate import Wanted, env_name, locate

    found = locate(series, Wanted(odoo, python, addons))
    if found is None:
        raise UsageError(f"--engine odoo needs an Odoo {series}: give --odoo PATH, set {env_name(series)}, "
                         f"or [tool.migrator.odoo.\"{series}\"] path in pyproject.toml")
    return found


@app.command()
def deploy(
    path: Path = typer.Argument(..., help="The data module folder `migrator convert` wrote."),
    url: str = typer.Option(..., "--url", help="The Odoo server, e.g. https://odoo.example.com."),
    db: str = typer.Option(..., "--db", help="The database to import into."),
    login: str = typer.Option(..., "--login", help="An administrator's login. Password or API key: "
                              "$MIGRATOR_ODOO_PASSWORD, else asked."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Say what the import would create; import nothing."),
    force: bool = typer.Option(False, "--force", help="Import although the module it replaces is still installed."),
    force_init: bool = typer.Option(False, "--force-init",
                                    help="Odoo's own force: init mode, records marked noupdate rewritten too."),
    timeout: float = typer.Option(300.0, "--timeout", min=1, help="Seconds to wait for each answer of the server."),
) -> None:
    """Import a data module into a running Odoo, as `odoo-bin deploy` does (base_import_module)."""
    from migrator.deploy.credentials import read_password
    from migrator.deploy.run import Options, Refused, run_deploy
    from migrator.errors import DeployError

    out = Console(width=None if sys.stdout.isatty() else 200)

    def say(line: str) -> None:
        out.print(line, highlight=False, markup=False, soft_wrap=True)

    options = Options(url=url, db=db, login=login, dry_run=dry_run, force=force, force_init=force_init,
                      timeout=timeout)
    try:
        run_deploy(path, options, lambda: read_password(login, url), say)
    except Refused as exc:
        for problem in exc.problems:
            err.print(f"[bold red]refused:[/] {escape(problem)}", highlight=False, soft_wrap=True)
        raise typer.Exit(exc.exit_code)
    except (UsageError, DeployError) as exc:
        _fail(str(exc), exc.exit_code)


@app.command()
def rules() -> None:
    """List the classification rules (names for --disable)."""
    from migrator.classify.registry import all_rules

    console = Console()
    for rule in all_rules():
        console.print(f"[bold]{rule.name}[/] ({rule.produces}): {rule.summary}", highlight=False)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
