"""The benchmark's wheel cache, outside the repository: pip downloads and unpacked addons."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import platformdirs

PREFIX = "odoo-addon-"


def cache_root() -> Path:
    return Path(platformdirs.user_cache_dir("odoo-migrator")) / "bench"


def wheel_dir() -> Path:
    path = cache_root() / "wheels"
    path.mkdir(parents=True, exist_ok=True)
    return path


def addons_dir() -> Path:
    return cache_root() / "addons"


def pip_download(requirements: list[str], dest: Path) -> bool:
    """One pip call for many requirements; False when pip fails (e.g. one name has no wheel)."""
    cmd = [
        sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
        "--no-deps", "--only-binary=:all:", "-d", str(dest), *requirements,
    ]
    return subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode == 0


def wheels_in(directory: Path) -> Iterator[tuple[str, str, Path]]:
    """(addon name, version, file) of every odoo-addon wheel in the folder."""
    for path in sorted(directory.glob("odoo_addon_*.whl")):
        dist, version = path.name.split("-")[:2]
        yield dist[len("odoo_addon_"):].lower(), version, path


def unpack(wheel: Path, addon: str, dest: Path) -> None:
    """Extract the wheel's odoo/addons/<addon>/ tree to dest, unless already done."""
    # The marker sits beside the addon, not in it, so the audit never sees it.
    marker = dest.with_name(f".{dest.name}.wheel")
    if dest.is_dir() and marker.is_file() and marker.read_text(encoding="utf-8") == wheel.name:
        return
    prefix = f"odoo/addons/{addon}/"
    tmp = dest.with_name(dest.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    with zipfile.ZipFile(wheel) as zf:
        members = [m for m in zf.namelist() if m.startswith(prefix) and not m.endswith("/")]
        if not members:
            raise ValueError(f"{wheel.name} holds no {prefix}")
        for member in members:
            target = tmp / member[len(prefix):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(zf.read(member))
    # Replace as a whole, so an interrupted run never leaves a half-unpacked addon behind.
    marker.unlink(missing_ok=True)
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    marker.write_text(wheel.name, encoding="utf-8")
