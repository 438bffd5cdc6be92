"""Differences between what the module did (run A) and what the actions did (run B)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from migrator.verify.observe import MAIL_SIDE, Observation

ABSENT = "(no such record)"


@dataclass(frozen=True)
class Difference:
    model: str  # "" for an operation's outcome
    record: str  # label, or "step N"
    field: str  # "" when the whole record differs
    module: Any  # value with the module
    actions: Any  # value with the actions
    stage: str = ""  # "install": a starting record once the data module is installed over it (--fields data)
    renamed: str = ""  # the model or field as run B names it, where it differs (--fields data)

    def as_dict(self) -> dict[str, Any]:
        found = {"model": self.model, "record": self.record, "field": self.field,
                 "module": self.module, "actions": self.actions}
        return {**found, "stage": self.stage, "renamed": self.renamed} if self.stage or self.renamed else found


def compare(a: Observation, b: Observation) -> list[Difference]:
    diffs = [Difference("", f"step {i + 1}", "outcome", x, y)
             for i, (x, y) in enumerate(zip(a.outcomes, b.outcomes, strict=True)) if x != y]
    if a.start is not None and b.start is not None:
        for model in sorted(set(a.start) | set(b.start)):
            diffs += [dataclasses.replace(d, stage="install")
                      for d in _records(model, a.start.get(model, {}), b.start.get(model, {}))]
    for model in sorted(set(a.records) | set(b.records)):
        diffs += _records(model, a.records.get(model, {}), b.records.get(model, {}))
    for model in sorted(set(a.mail) | set(b.mail)):
        diffs += _mail(model, a.mail.get(model, []), b.mail.get(model, []))
    for model in sorted(set(a.deleted) | set(b.deleted)):
        x, y = a.deleted.get(model, 0), b.deleted.get(model, 0)
        if x != y:
            diffs.append(Difference(model, "existing records", "deleted", x, y))
    # mail-side rows made and deleted again within the scenario (a mail queued for a record that
    # is then deleted, with its messages): what the logic did, though nothing of it is left. Not
    # where an operation failed: the rows of its rolled-back part count as made, the error says it
    failed = any(o.startswith("error") for o in (*a.outcomes, *b.outcomes))
    for model in sorted((set(a.vanished) | set(b.vanished)) & set(MAIL_SIDE) if not failed else ()):
        x, y = a.vanished.get(model, 0), b.vanished.get(model, 0)
        if x != y:
            diffs.append(Difference(model, "rows made and deleted again", "vanished", x, y))
    return diffs


def _records(model: str, a: dict[str, dict], b: dict[str, dict]) -> list[Difference]:
    diffs = []
    for label in sorted(set(a) | set(b), key=_label_order):
        if label not in b or label not in a:
            diffs.append(Difference(model, label, "", _summary(a.get(label)), _summary(b.get(label))))
            continue
        diffs += [Difference(model, label, name, a[label].get(name), b[label].get(name))
                  for name in sorted(set(a[label]) | set(b[label]))
                  if a[label].get(name) != b[label].get(name)]
    return diffs


def _mail(model: str, a: list[dict], b: list[dict]) -> list[Difference]:
    """Rows matched by what they are attached to; unmatched rows are reported whole."""
    key_fields = MAIL_SIDE[model]
    groups: dict[tuple, tuple[list[dict], list[dict]]] = {}
    for side, rows in ((0, a), (1, b)):
        for row in rows:
            key = tuple(str(row.get(k)) for k in key_fields)
            groups.setdefault(key, ([], []))[side].append(row)
    diffs = []
    for key, (xs, ys) in sorted(groups.items()):
        label = " ".join(key)
        xs, ys = _unpaired(xs, ys)
        for x, y in zip(xs, ys, strict=False):  # the rest are reported whole below
            diffs += [Difference(model, label, name, x.get(name), y.get(name))
                      for name in sorted(set(x) | set(y)) if x.get(name) != y.get(name)]
        for x in xs[len(ys):]:
            diffs.append(Difference(model, label, "", _summary(x), ABSENT))
        for y in ys[len(xs):]:
            diffs.append(Difference(model, label, "", ABSENT, _summary(y)))
    return diffs


def _unpaired(xs: list[dict], ys: list[dict]) -> tuple[list[dict], list[dict]]:
    """The rows left once equal rows of both sides pair off."""
    left = list(ys)
    only_x = []
    for x in xs:
        if x in left:
            left.remove(x)
        else:
            only_x.append(x)
    return only_x, left


def _summary(values: dict | None) -> Any:
    if values is None:
        return ABSENT
    return {k: v for k, v in values.items() if v not in (None, False, "", [])}


def _label_order(label: str) -> tuple[int, str]:
    head, _, number = label.rpartition("#")
    return (int(number), head) if number.isdigit() else (0, label)
