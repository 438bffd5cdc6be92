"""A one-file addon extending a model, written for a test (and, for sale.order, discovered)."""

from __future__ import annotations

import textwrap
from pathlib import Path

from migrator.discover import discover
from migrator.model import Addon


def model_addon(root: Path, name: str, source: str, *, depends: str, series: str, model_file: str) -> Path:
    """The addon `name` under `root`: a manifest of `series` depending on `depends`, and
    `source` (dedented) as models/`model_file`."""
    folder = root / name
    (folder / "models").mkdir(parents=True)
    (folder / "__manifest__.py").write_text(
        f"{{'name': 'X', 'version': '{series}.1.0.0', 'depends': ['{depends}'], 'data': []}}\n")
    (folder / "__init__.py").write_text("from . import models\n")
    (folder / "models" / "__init__.py").write_text(f"from . import {model_file.removesuffix('.py')}\n")
    (folder / "models" / model_file).write_text(textwrap.dedent(source))
    return folder


def sale_order_addon(root: Path, body: str, series: str, name: str = "x_mod") -> Addon:
    """`body`: the source of models/sale_order.py (dedented); the addon depends on sale."""
    folder = model_addon(root, name, body, depends="sale", series=series, model_file="sale_order.py")
    (addon,) = discover([str(folder)], series=series)
    return addon
