"""Generation: behaviour units -> an importable data module of action records (docs/generate.md).

`convert_addon` plans and renders (nothing written); `write_module` checks the result in a
temporary folder and moves it into place; `write_residual` copies the addon without the
moved methods. The names are loaded on first use: the audit imports the planning modules of
this package (plan, records, carried) without the writers and libcst.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Conversion": "migrator.generate.convert",
    "convert_addon": "migrator.generate.convert",
    "default_name": "migrator.decide",
    "write_module": "migrator.generate.module_writer",
    "write_residual": "migrator.generate.module_writer",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
