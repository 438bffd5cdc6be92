"""A one-file addon extending sale.order, written for a test and discovered."""

from __future__ import annotations

import textwrap
from pathlib import Path

from migrator.discover import discover
from migrator.model import Addon


def sale_order_addon(root: Path, body: str, series: str, name: str = "x_mod") -> Addon:
    """`body`: the source of models/sale_order.py (dedented); the addon depends on sale."""
    folder = root / name
    (folder / "models").mkdir(parents=True)
    (folder / "__manifest__.py").write_text(
        f"{{'name': 'X', 'version': '{series}.1.0.0', 'depends': ['sale'], 'data': []}}\n")
    (folder / "__init__.py").write_text("from . import models\n")
    (folder / "models" / "__init__.py").write_text("from . import sale_order\n")
    (folder / "models" / "sale_order.py").write_text(textwrap.dedent(body))
    (addon,) = discover([str(folder)], series=series)
    return addon
