"""Which real Odoo the `odoo` engine runs, and with which Python (docs/verify.md#real-odoo).

In order: `--odoo PATH` (with `--odoo-python`), the environment variable
`MIGRATOR_ODOO_<series>` (`MIGRATOR_ODOO_18_0` for 18.0; `MIGRATOR_ODOO_PYTHON_18_0` for its
interpreter), then `[tool.migrator.odoo."18.0"]` (`path`, `python`, `addons_path`) in the
pyproject.toml of the current folder or the nearest parent. PATH is a source tree (the folder
holding `odoo-bin` and the `odoo` package) or an installed `odoo` package. Without an
interpreter given, a virtualenv beside or inside the tree (`venv`, `.venv`), or the one the
installed package sits in, else `python3`.

The series is read off `odoo/release.py` (never imported here): an Odoo of another series
is refused.
"""

from __future__ import annotations

import ast
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from migrator.errors import UsageError

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


@dataclass(frozen=True)
class OdooInstall:
    package: Path  # the `odoo` package folder
    python: Path
    series: str
    addons_path: tuple[Path, ...] = ()  # the user's, for the addon's dependencies
    source: str = ""  # where it was found: "--odoo", "MIGRATOR_ODOO_18_0", a pyproject.toml

    @property
    def root(self) -> Path:
        """What goes on sys.path for `import odoo`."""
        return self.package.parent

    def core_addons(self) -> list[Path]:
        """Odoo's own addons folders: the tree's `addons` and the package's."""
        return [p for p in (self.root / "addons", self.package / "addons") if p.is_dir()]

    def describe(self) -> str:
        return f"Odoo {self.series} at {self.root} ({self.python})"


@dataclass
class Wanted:
    """What the command line gave."""

    odoo: Path | None = None
    python: Path | None = None
    addons_path: list[Path] = field(default_factory=list)


def env_name(series: str, python: bool = False) -> str:
    return f"MIGRATOR_ODOO_{'PYTHON_' if python else ''}{series.replace('.', '_')}"


def locate(series: str, wanted: Wanted, cwd: Path | None = None) -> OdooInstall | None:
    """The Odoo to use for `series`, or None when none is given anywhere."""
    path, python, addons, source = wanted.odoo, wanted.python, list(wanted.addons_path), "--odoo"
    config = _config(series, cwd or Path.cwd())
    if path is None and os.environ.get(env_name(series)):
        path, source = Path(os.environ[env_name(series)]), env_name(series)
        given = os.environ.get(env_name(series, python=True))
        python = python or (Path(given) if given else None)
    if path is None and config.get("path"):
        path, source = config["path"], str(config["file"])
        python = python or config.get("python")
    if path is None:
        return None
    addons = addons or config.get("addons_path", [])
    package = _package(path.expanduser(), source)
    found = _series(package)
    if found != series:
        raise UsageError(f"{path}: this is Odoo {found}, not {series} ({source})")
    interpreter = (python.expanduser() if python else None) or _interpreter(package)
    if not interpreter or not os.access(interpreter, os.X_OK):
        raise UsageError(f"{path}: no Python to run it found; give --odoo-python ({source})")
    for folder in addons:
        if not folder.is_dir():
            raise UsageError(f"{folder}: --addons-path folder not found")
    return OdooInstall(package.resolve(), Path(interpreter), found, tuple(p.resolve() for p in addons), source)


def _package(path: Path, source: str) -> Path:
    for candidate in (path / "odoo", path):
        if (candidate / "release.py").is_file() and (candidate / "__init__.py").is_file():
            return candidate
    raise UsageError(f"{path}: not an Odoo source tree or odoo package (no odoo/release.py) ({source})")


def _series(package: Path) -> str:
    """`version_info = (18, 0, 0, FINAL, 0, '')` -> "18.0"."""
    tree = ast.parse((package / "release.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "version_info" for t in node.targets) \
                and isinstance(node.value, ast.Tuple) and len(node.value.elts) >= 2:
            major, minor = node.value.elts[:2]
            if isinstance(major, ast.Constant) and isinstance(minor, ast.Constant):
                return f"{major.value}.{minor.value}"
    raise UsageError(f"{package / 'release.py'}: no version_info")


def _interpreter(package: Path) -> Path | None:
    root = package.parent
    candidates = [root / "venv", root / ".venv", root.parent / "venv", root.parent / ".venv"]
    if root.name == "site-packages":  # an installed package: venv/lib/pythonX.Y/site-packages/odoo
        candidates.insert(0, root.parents[2])
    for venv in candidates:
        python = venv / "bin" / "python"
        if python.is_file():
            return python
    found = shutil.which("python3")
    return Path(found) if found else None


def _config(series: str, cwd: Path) -> dict:
    """`[tool.migrator.odoo."18.0"]` of the nearest pyproject.toml; paths relative to it."""
    for folder in (cwd, *cwd.parents):
        file = folder / "pyproject.toml"
        if not file.is_file():
            continue
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise UsageError(f"{file}: cannot read it: {exc}") from None
        tool = data.get("tool", {}).get("migrator")
        if tool is None:
            continue
        entry = tool.get("odoo", {}).get(series, {})
        if not isinstance(entry, dict):
            raise UsageError(f"{file}: [tool.migrator.odoo.\"{series}\"] is a table (path, python, addons_path)")
        unknown = sorted(set(entry) - {"path", "python", "addons_path"})
        if unknown:
            raise UsageError(f"{file}: [tool.migrator.odoo.\"{series}\"]: unknown key {unknown[0]!r}")
        found: dict = {"file": file}
        for key in ("path", "python"):
            if entry.get(key):
                found[key] = folder / str(entry[key])
        found["addons_path"] = [folder / str(p) for p in entry.get("addons_path", [])]
        return found
    return {}
