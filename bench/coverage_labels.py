"""The hand labels of bench/coverage_labels.tsv: reading them and finding the method each names.

A label names a method by addon, series, file and method name; the model column (an Odoo model
or a Python class name) and the line decide between methods of the same name in one file. The
line must fall inside the method found, so that a label cannot silently drift to other code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from coverage_measure import MethodOutcome

COLUMNS = ("addon", "series", "file", "model", "method", "line", "label", "category", "reason")
LABELS = ("convertible", "not")
CATEGORIES = ("field_setter", "mail_reaction", "search_write_cron", "activity", "followers", "other")
SIMPLE = CATEGORIES[:5]  # a reviewer's "simple" kinds (issue 8's target)
SERIES = ("16.0", "17.0", "18.0", "19.0")


class LabelError(ValueError):
    """A bad label file: the message names file and line."""


@dataclass(frozen=True)
class Label:
    addon: str
    series: str
    file: str
    model: str
    method: str
    line: int
    label: str
    category: str
    reason: str
    where: str  # "coverage_labels.tsv:12", for messages

    @property
    def convertible(self) -> bool:
        return self.label == "convertible"

    @property
    def simple(self) -> bool:
        return self.category in SIMPLE

    def name(self) -> str:
        return f"{self.series}/{self.addon}/{self.file}:{self.line} {self.model}.{self.method}"


def read_labels(path: Path) -> list[Label]:
    """Every label of the file; LabelError on the first bad line. `#` lines are comments."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelError(f"{path}: cannot read: {exc}") from None
    labels: list[Label] = []
    seen: dict[tuple, str] = {}
    header = False
    for number, raw in enumerate(text.splitlines(), 1):
        where = f"{path.name}:{number}"
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if not header:
            if tuple(c.strip() for c in cells) != COLUMNS:
                raise LabelError(f"{where}: the header must be the columns {', '.join(COLUMNS)} (tab-separated)")
            header = True
            continue
        if len(cells) != len(COLUMNS):
            raise LabelError(f"{where}: {len(cells)} columns, expected {len(COLUMNS)} (tab-separated)")
        row = dict(zip(COLUMNS, (c.strip() for c in cells)))
        empty = [c for c in COLUMNS if not row[c]]
        if empty:
            raise LabelError(f"{where}: empty {', '.join(empty)}")
        if row["series"] not in SERIES:
            raise LabelError(f"{where}: series {row['series']!r} is not one of {', '.join(SERIES)}")
        if row["label"] not in LABELS:
            raise LabelError(f"{where}: label {row['label']!r} is not one of {', '.join(LABELS)}")
        if row["category"] not in CATEGORIES:
            raise LabelError(f"{where}: category {row['category']!r} is not one of {', '.join(CATEGORIES)}")
        if not row["line"].isdigit() or int(row["line"]) < 1:
            raise LabelError(f"{where}: line {row['line']!r} is not a line number")
        key = (row["series"], row["addon"], row["file"], row["model"], row["method"])
        if key in seen:
            raise LabelError(f"{where}: {row['model']}.{row['method']} is labelled twice (first at {seen[key]})")
        seen[key] = where
        labels.append(Label(**{**row, "line": int(row["line"])}, where=where))
    if not header:
        raise LabelError(f"{path.name}: no header line")
    return labels


def match_labels(labels: Iterable[Label], methods: Iterable[MethodOutcome],
                 measured: set[tuple[str, str]]) -> tuple[list[tuple[Label, MethodOutcome]], list[str], list[Label]]:
    """Each label with its method; the labels that match none or several (one message each);
    the labels of addons that were not measured (`measured`: (series, addon) pairs)."""
    index: dict[tuple, list[MethodOutcome]] = {}
    for m in methods:
        index.setdefault((m.series, m.addon, m.file, m.method), []).append(m)
    matched: list[tuple[Label, MethodOutcome]] = []
    errors: list[str] = []
    skipped: list[Label] = []
    for label in labels:
        if (label.series, label.addon) not in measured:
            skipped.append(label)
            continue
        found = index.get((label.series, label.addon, label.file, label.method), [])
        if len(found) > 1:
            found = [m for m in found if label.model in (m.model, m.class_name)] or found
        if len(found) > 1:
            found = [m for m in found if m.line_start <= label.line <= m.line_end]
        if not found:
            errors.append(f"{label.where}: no method {label.method} in {label.series}/{label.addon}/{label.file}"
                          + (f" for {label.model}" if label.model else ""))
        elif len(found) > 1:
            errors.append(f"{label.where}: {len(found)} methods {label.method} in {label.file}; "
                          "the model or line does not tell them apart")
        elif not found[0].line_start <= label.line <= found[0].line_end:
            m = found[0]
            errors.append(f"{label.where}: line {label.line} is not inside {m.model}.{m.method} "
                          f"(lines {m.line_start}-{m.line_end})")
        elif label.model not in (found[0].model, found[0].class_name):
            errors.append(f"{label.where}: {label.method} at line {label.line} belongs to "
                          f"{found[0].model} ({found[0].class_name}), not {label.model}")
        else:
            matched.append((label, found[0]))
    return matched, errors, skipped
