"""A module's manifest as the runtime's loaders read it (a literal, never executed), and
whether the replayed series' Odoo would install the module at all."""

from __future__ import annotations

import ast
from pathlib import Path

from migrator.discover.series import version_refusal
from migrator.runtime.errors import DataLoadError, NotInstallable
from migrator.runtime.installable import data_refusal


def read_manifest(module: Path) -> dict:
    path = module / "__manifest__.py"
    if not path.is_file() and (module / "__openerp__.py").is_file():
        path = module / "__openerp__.py"  # addons of older series
    try:
        manifest = ast.literal_eval(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, SyntaxError) as exc:
        raise DataLoadError(f"{path}: not a literal manifest ({exc})") from None
    if not isinstance(manifest, dict):
        raise DataLoadError(f"{path}: the manifest is not a dict")
    return manifest


def check_installable(module: Path, series: str, manifest: dict | None = None, data: bool = True) -> dict:
    """The manifest, or NotInstallable when Odoo `series` would not install the module
    (`data`: its data files read too; a loader that reports each record itself says False)."""
    manifest = read_manifest(module) if manifest is None else manifest
    if manifest.get("installable", True) is False:
        raise NotInstallable(f"{module.name} is not installable: its manifest says installable False")
    reason = version_refusal(manifest.get("version"), series) or (data and data_refusal(module, series, manifest))
    if reason:
        raise NotInstallable(f"{module.name} is not installable on {series}: {reason}")
    return manifest
