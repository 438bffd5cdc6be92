"""Executing an addon's model files against the `odoo` shim.

While `load_addons` runs, `odoo` and its known submodules resolve to migrator.runtime.odoo_shim
and each addon is the package `odoo.addons.<name>` (an addon may import from the ones loaded
with it: its dependencies); any other `odoo.*` import raises RuntimeMissing naming it.
Afterwards sys.modules is restored, so the same addons can be loaded again into another
registry.
"""

from __future__ import annotations

import importlib
import importlib.abc
import sys
import traceback
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from migrator.runtime import orm
from migrator.runtime.errors import NotInstallable, RuntimeMissing
from migrator.runtime.manifest import check_installable
from migrator.runtime.odoo_shim import api, exceptions, fields, models, tools
from migrator.runtime.registry import Registry

import migrator.runtime.odoo_shim as shim

SHIM_MODULES: dict[str, types.ModuleType] = {
    "odoo": shim, "odoo.api": api, "odoo.fields": fields, "odoo.models": models,
    "odoo.exceptions": exceptions, "odoo.tools": tools, "odoo.tools.float_utils": tools,
}
# Python packages of an addon that hold model classes.
MODEL_PACKAGES = ("models", "wizard", "wizards")


class _Refuser(importlib.abc.MetaPathFinder):
    """Refuses every `odoo.*` module that is neither the shim nor the loaded addon."""

    def __init__(self, addons: list[str]) -> None:
        self.allowed = tuple(f"odoo.addons.{addon}." for addon in addons)

    def find_spec(self, fullname: str, path: object, target: object = None) -> None:
        if (fullname == "odoo" or fullname.startswith("odoo.")) and fullname not in sys.modules \
                and not fullname.startswith(self.allowed):
            raise RuntimeMissing(f"import {fullname}")
        return None


def load_addon(addon_path: str | Path, registry: Registry) -> list[type]:
    """Execute the addon's model packages; register and return the model classes defined.
    An addon the series' Odoo would not install (its manifest version names another series)
    raises NotInstallable, as Odoo leaves it uninstalled."""
    return load_addons([addon_path], registry)


def load_addons(addon_paths: list[str | Path], registry: Registry) -> list[type]:
    """`load_addon` for several addons in load order (dependencies first), each class
    registered as its addon's (`Registry.add_classes`)."""
    paths = [Path(p).resolve() for p in addon_paths]
    for path in paths:
        check_installable(path, registry.series)
    loaded: list[type] = []
    with _odoo_importer(paths):
        for path in paths:
            packages = [sub for sub in MODEL_PACKAGES if (path / sub / "__init__.py").is_file()
                        or (path / f"{sub}.py").is_file()]
            with _unsupported(path), _collecting() as classes:
                for sub in packages:
                    importlib.import_module(f"odoo.addons.{path.name}.{sub}")
                registry.add_classes(classes, module=path.name)
            loaded += classes
    return loaded


@contextmanager
def _unsupported(path: Path) -> Iterator[None]:
    """The addon's code failing on what the shim lacks (`fields.Properties`, `odoo.tools.misc`, a
    model of a module it does not load): a refusal naming the addon's line, not a traceback."""
    try:
        yield
    except (RuntimeMissing, NotInstallable):
        raise
    except Exception as exc:  # noqa: BLE001 - any failure of code the runtime does not own
        where = next((f"{Path(frame.filename).relative_to(path)}:{frame.lineno}"
                      for frame in reversed(traceback.extract_tb(exc.__traceback__))
                      if Path(frame.filename).is_relative_to(path)), None)
        raise RuntimeMissing(f"what {path.name}'s code needs{f' ({where})' if where else ''}: "
                             f"{type(exc).__name__}: {exc}") from exc


@contextmanager
def _collecting() -> Iterator[list[type]]:
    classes: list[type] = []
    orm._collectors.append(classes)
    try:
        yield classes
    finally:
        orm._collectors.pop()


@contextmanager
def _odoo_importer(paths: list[Path]) -> Iterator[None]:
    saved = {name: mod for name, mod in sys.modules.items() if name == "odoo" or name.startswith("odoo.")}
    for name in saved:
        del sys.modules[name]
    addons = types.ModuleType("odoo.addons")
    addons.__path__ = []
    sys.modules.update(SHIM_MODULES)
    sys.modules["odoo.addons"] = addons
    for path in paths:
        package = types.ModuleType(f"odoo.addons.{path.name}")
        package.__path__ = [str(path)]
        package.__file__ = str(path / "__init__.py")
        setattr(addons, path.name, package)
        sys.modules[f"odoo.addons.{path.name}"] = package
    finder = _Refuser([path.name for path in paths])
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        for name in [n for n in sys.modules if n == "odoo" or n.startswith("odoo.")]:
            del sys.modules[name]
        sys.modules.update(saved)
