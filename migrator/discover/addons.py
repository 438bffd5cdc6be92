"""Finding the addon folders under the given paths."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Iterator, Sequence

from manifestoo_core.core_addons import is_core_addon
from manifestoo_core.odoo_series import OdooSeries

from migrator.discover.manifest import find_manifest, read_manifest
from migrator.discover.odoo_conf import addons_path_from_conf
from migrator.discover.series import DEFAULT_CORE_SERIES, check_series, series_from_version
from migrator.errors import UsageError
from migrator.model import Addon, Finding
from migrator.series import SUPPORTED_SERIES


def discover(paths: Sequence[str], odoo_conf: str | None = None, series: str | None = None,
             include_core: bool = False) -> list[Addon]:
    """The addons under `paths` (and the conf's addons_path), sorted by name then path.

    Each path is an addon folder or a folder of addons. Odoo core addons found in a folder of
    addons are left out unless `include_core`; an addon folder given itself as a path is always
    audited, and not marked core: core is told by name only, and a third-party addon may share
    its name with an Odoo (Enterprise) one. `series` applies to addons whose manifest version
    does not name one.
    """
    check_series(series)
    roots = [_existing_folder(p, "path") for p in paths]
    if odoo_conf is not None:
        roots += [_existing_folder(p, f"{odoo_conf}: addons_path entry")
                  for p in addons_path_from_conf(odoo_conf)]
    addons = []
    named = {os.path.realpath(r) for r in roots if find_manifest(r)}
    for folder in _addon_folders(roots):
        addon = _read_addon(folder, series, os.path.realpath(folder) in named)
        if addon.core and not include_core:
            continue
        addons.append(addon)
    return sorted(_mark_duplicates(addons), key=lambda a: (a.name, a.path))


def _existing_folder(path: str, what: str) -> str:
    if not os.path.exists(path):
        raise UsageError(f"{what} {path} does not exist")
    if not os.path.isdir(path):
        raise UsageError(f"{what} {path} is not a folder")
    return os.path.abspath(path)


def _addon_folders(roots: list[str]) -> Iterator[str]:
    """Addon-looking folders in addons_path order; each real folder once (symlinks, repeats)."""
    seen: set[str] = set()
    for root in roots:
        for folder in _candidates(root):
            real = os.path.realpath(folder)
            if real not in seen and _looks_like_addon(folder):
                seen.add(real)
                yield folder


def _candidates(root: str) -> list[str]:
    """The root itself when it is an addon, else its subfolders."""
    if find_manifest(root):
        return [root]
    subfolders = _subfolders(root)
    # Odoo's own odoo/addons has an __init__.py: it is an addon only if nothing below is.
    if _looks_like_addon(root) and not any(find_manifest(f) for f in subfolders):
        return [root]
    return subfolders


def _subfolders(root: str) -> list[str]:
    try:
        names = sorted(os.listdir(root))
    except OSError as exc:
        raise UsageError(f"{root} cannot be listed: {exc.strerror}") from None
    return [os.path.join(root, name) for name in names
            if not name.startswith((".", "__")) and os.path.isdir(os.path.join(root, name))]


def _looks_like_addon(folder: str) -> bool:
    return (find_manifest(folder) is not None
            or os.path.isfile(os.path.join(folder, "__init__.py"))
            or os.path.isdir(os.path.join(folder, "models")))


def _read_addon(folder: str, default_series: str | None, named: bool = False) -> Addon:
    name = os.path.basename(folder)
    manifest_file = find_manifest(folder)
    findings: list[Finding] = []
    manifest: dict = {}
    if manifest_file is None:
        findings.append(Finding(
            "no-manifest", f"{name} looks like an addon (__init__.py or models/) "
            "but has no __manifest__.py"))
    else:
        manifest, finding = read_manifest(folder, manifest_file)
        findings += [finding] if finding else []
    series = series_from_version(manifest.get("version"))
    if series is None:
        series = default_series
    elif series not in SUPPORTED_SERIES:
        findings.append(Finding(
            "unsupported-series", f"version {manifest['version']} is for Odoo {series}; "
            f"supported: {', '.join(SUPPORTED_SERIES)}", manifest_file))
        series = None
    core = not named and is_core_addon(name, OdooSeries(series or DEFAULT_CORE_SERIES))
    return Addon(name, folder, manifest_file, manifest, series, core, tuple(findings))


def _mark_duplicates(addons: list[Addon]) -> list[Addon]:
    """Later addons with an earlier one's name get a finding: Odoo loads only the first."""
    first: dict[str, str] = {}
    result = []
    for addon in addons:
        if addon.name in first:
            addon = replace(addon, findings=addon.findings + (Finding(
                "duplicate-addon", f"{addon.name} is also in {first[addon.name]}, "
                "which comes first and is the one Odoo loads"),))
        else:
            first[addon.name] = addon.path
        result.append(addon)
    return result
