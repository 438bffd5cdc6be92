"""What importing a data module into a database would do, and what stops it.

`read_target` asks the server (XML-RPC reads only); `plan_deploy` decides from what it said,
without the network, so the decision is the same for `--dry-run` and for the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from migrator.deploy.data_module import DataModule
from migrator.deploy.odoo_client import OdooClient
from migrator.series import SUPPORTED_SERIES, series_facts

_INSTALLED = frozenset({"installed", "to upgrade", "to remove"})


@dataclass(frozen=True)
class Target:
    """What the database holds that the import depends on."""

    url: str
    db: str
    login: str
    series: str
    is_admin: bool | None  # None: not asked (the server runs another series)
    modules: dict[str, dict]  # name -> {state, to_buy} for the module, its depends, the original
    xmlids: dict[str, dict[str, dict]]  # module -> name -> {model, noupdate}, ids the files name


@dataclass(frozen=True)
class ModelCounts:
    model: str
    new: int = 0
    updated: int = 0
    kept: int = 0  # exist with noupdate: an import in update mode leaves them as they are


@dataclass(frozen=True)
class DeployPlan:
    module: DataModule
    target: Target
    state: str | None  # the data module's in the database, None when it has never been there
    to_install: tuple[str, ...]  # dependencies the import installs first (17+)
    original_state: str | None
    records: tuple[ModelCounts, ...]
    problems: tuple[str, ...] = field(default=())  # each one stops the import


def read_target(client: OdooClient, module: DataModule) -> Target:
    target = Target(url=client.url, db=client.db, login=client.login, series=client.series,
                    is_admin=None, modules={}, xmlids={})
    if client.series != module.series:
        return target  # refused as it is; how to ask the rest depends on the series
    names = [module.name, "base_import_module", *module.depends, *([module.original] if module.original else [])]
    ids: dict[str, list[str]] = {}
    for record in module.records:
        if record.xmlid:
            owner, name = _split(record.xmlid, module.name)
            ids.setdefault(owner, []).append(name)
    target = replace(target, is_admin=client.is_admin(series_facts(module.series).has_group_per_record))
    if not target.is_admin:
        return target  # nothing else is readable to the user, and it stops the import anyway
    return replace(target, modules=client.modules(names),
                   xmlids={owner: client.xmlids(owner, names) for owner, names in ids.items()})


def plan_deploy(module: DataModule, target: Target, force: bool = False, force_init: bool = False) -> DeployPlan:
    problems = []
    where = f"database {target.db}"
    if target.series != module.series:
        problems.append(f"{module.name} is for Odoo {module.series}; {target.url} runs {target.series or 'an unknown series'}: "
                        f"convert the addon with --series {target.series or '<its series>'}")
    elif not target.is_admin:
        problems.append(f"{target.login} is not an administrator of {where} (Administration: Access Rights): "
                        "Odoo lets only administrators import modules")
    if problems:  # nothing more was read
        return DeployPlan(module=module, target=target, state=None, to_install=(), original_state=None,
                          records=(), problems=tuple(problems))
    if _state(target, "base_import_module") != "installed":
        problems.append(f"base_import_module is not installed in {where}: install it (Apps: Base import module); "
                        "Odoo imports data modules only through it")
    unknown = [d for d in module.depends if d not in target.modules or target.modules[d].get("to_buy")]
    if unknown:
        problems.append(f"unknown dependencies in {where}: {', '.join(unknown)} (no such module on the "
                        "server's addons path)")
    missing = tuple(d for d in module.depends if d not in unknown and _state(target, d) not in _INSTALLED)
    if missing and target.series in SUPPORTED_SERIES and not series_facts(target.series).import_installs_depends:
        problems.append(f"dependencies not installed in {where}: {', '.join(missing)} (Odoo {target.series} "
                        "imports a module only once they are: install them first)")
    original = _state(target, module.original) if module.original else None
    if original in _INSTALLED and not force:
        problems.append(_original_installed(module, where))
    return DeployPlan(module=module, target=target, state=_state(target, module.name), to_install=missing,
                      original_state=original, records=_counts(module, target, force_init),
                      problems=tuple(problems))


def _original_installed(module: DataModule, where: str) -> str:
    if module.original_stays:
        return (f"{module.original} is installed in {where}: until its residual version (without the moved "
                "methods) replaces it, its code and these actions would both run; replace it first, or pass "
                "--force if it already is the residual")
    return (f"{module.original} is still installed in {where}: its code and these actions would both run; "
            f"uninstall it first, or pass --force and uninstall it right after the import")


def _counts(module: DataModule, target: Target, force_init: bool) -> tuple[ModelCounts, ...]:
    counts: dict[str, dict[str, int]] = {}
    for record in module.records:
        row = counts.setdefault(record.model, {"new": 0, "updated": 0, "kept": 0})
        existing = None
        if record.xmlid:
            owner, name = _split(record.xmlid, module.name)
            existing = target.xmlids.get(owner, {}).get(name)
        if existing is None:
            row["new"] += 1
        elif existing.get("noupdate") and not force_init:
            row["kept"] += 1
        else:
            row["updated"] += 1
    return tuple(ModelCounts(model, **row) for model, row in counts.items())


def plan_lines(plan: DeployPlan) -> list[str]:
    """The plan as the user reads it, one fact a line."""
    m, t = plan.module, plan.target
    lines = [f"{m.name} (Odoo {m.series}) -> {t.url}, database {t.db} (Odoo {t.series or '?'}), as {t.login}"]
    if not t.is_admin:
        return lines  # nothing more was read
    if plan.state is None:
        lines.append("  module: not in the database: imported as a new module")
    else:
        lines.append(f"  module: already in the database ({plan.state}): imported again, in update mode")
    installed = [d for d in m.depends if d not in plan.to_install and d in t.modules]
    unknown = [d for d in m.depends if d not in t.modules]
    parts = [f"{label} {', '.join(names)}" for label, names in
             (("installed:", installed), ("not installed:", plan.to_install), ("unknown:", unknown)) if names]
    if plan.to_install and t.series in SUPPORTED_SERIES and series_facts(t.series).import_installs_depends:
        parts[-1 if not unknown else -2] += f" (the import installs {'it' if len(plan.to_install) == 1 else 'them'} first)"
    lines.append(f"  depends: {'; '.join(parts)}")
    if m.original:
        lines.append(f"  replaces: {m.original} ({_said(plan.original_state)})")
    for c in plan.records:
        parts = [f"{n} {word}" for n, word in ((c.new, "new"), (c.updated, "updated"),
                                                 (c.kept, "kept as they are (noupdate; --force-init rewrites them)"))
                 if n]
        lines.append(f"  {c.model}: {', '.join(parts)}")
    return lines


def _said(state: str | None) -> str:
    return "not in the database" if state is None else state


def _state(target: Target, name: str) -> str | None:
    row = target.modules.get(name)
    return row.get("state") if row else None


def _split(xmlid: str, module: str) -> tuple[str, str]:
    owner, _, name = xmlid.rpartition(".")
    return (owner or module), name

