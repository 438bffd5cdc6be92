"""`--fields data --residual`: what the residual module no longer holds once the fields,
models, views and security of the addon are records of the data module.

The residual keeps everything that stays (fields, models and records listed in CONVERSION.md
with why); it loses the field declarations and model classes that became custom ones, the
compute methods that became their compute code, the views, menus, actions, groups and rules the
data module re-creates, and the access rules of the models that moved.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from migrator.analyze import analyze
from migrator.generate.data_fields import names_model


@dataclass(frozen=True)
class MovedXml:
    ids: set[str]
    files: set[str]


def moved_python(conversion, by_file: dict, attributes: dict, classes: dict) -> None:
    """Fill, per file: methods (compute methods), attributes (fields) and classes (models) to remove."""
    data = conversion.data.fields
    facts = analyze(conversion.addon)
    for c in facts.model_classes:
        if c.model in data.models:
            classes.setdefault(c.file, set()).add(c.name)
            continue
        for decl in c.fields:
            spec = data.moving.get((c.model, decl.name))
            if spec is not None and spec.decl.span == decl.span:
                attributes.setdefault(c.file, set()).add((c.name, decl.name))
                if decl.compute:
                    by_file.setdefault(c.file, set()).add((c.name, decl.compute))


def moved_xml(conversion) -> MovedXml:
    """The records the data module re-creates (views, menus...; without --fields data, the views
    whose buttons call moved methods) and the files holding them."""
    moved = set(conversion.views.moved)
    facts = analyze(conversion.addon)
    files = {r.span.file for r in facts.records if r.xmlid in moved}
    return MovedXml(moved, files)


def drop_access_rows(conversion, folder: Path) -> None:
    """The rows of ir.model.access.csv files for the models that moved."""
    data = conversion.data.fields
    module = conversion.addon.name

    for path in folder.rglob("ir.model.access.csv"):
        text = path.read_text(encoding="utf-8")
        rows = list(csv.reader(io.StringIO(text)))
        if not rows or "model_id:id" not in rows[0]:
            continue
        column = rows[0].index("model_id:id")
        kept = [rows[0]] + [r for r in rows[1:] if len(r) <= column
                            or not any(names_model(r[column].strip(), module, m) for m in data.models)]
        if len(kept) != len(rows):
            out = io.StringIO()
            csv.writer(out, lineterminator="\n").writerows(kept)
            path.write_text(out.getvalue(), encoding="utf-8")
