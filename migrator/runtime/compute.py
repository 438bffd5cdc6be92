"""Computed fields declared by the loaded module (and by the runtime's own classes, which
compute some of Odoo's as its code does: runtime/partner_computes.py): running their methods,
storing the values, and finding what a change must recompute (api.depends paths, any depth).

Odoo's other computes (core fields marked computed in the catalogue) are not run: the
runtime lacks their code. Stored ones hold what was written; reading a non-stored one
is refused.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from psycopg import sql

from migrator.runtime.errors import RuntimeMissing

if TYPE_CHECKING:
    from migrator.runtime.types import BaseModel, Field, Registry

# A compute chain longer than this is a cycle (Odoo would loop or fail as well).
MAX_DEPTH = 32


class Scope:
    """The values a compute method assigns, by record id, while it runs."""

    def __init__(self, ids: tuple[int, ...]) -> None:
        self.ids = set(ids)
        self.values: dict[int, Any] = {}


def is_computed(field: Field) -> bool:
    """Computed by the runtime: a module compute method or a module related field."""
    return bool(field.compute or (field.related and not field.get("core")))


def is_stored_computed(field: Field, registry: Registry) -> bool:
    """Stored, and kept up to date by the runtime: a module compute, or a core related field
    whose path the replay database can follow (Odoo's own related fields are plain paths, so
    the runtime computes them as Odoo does; 19.0 hr.employee.name is resource_id.name)."""
    if not field.store:
        return False
    return is_computed(field) or bool(field.get("core") and field.related
                                      and _followable(registry, field.model_name, field.related))


def _followable(registry: Registry, model: str, path: str) -> bool:
    """Every step of the path is a field of a model with a table, through many2ones only,
    ending on a field that is not an x2many."""
    *hops, last = path.split(".")
    for name in hops:
        target = registry.model_class(model)._fields.get(name) if model in registry.tables else None
        if target is None or target.type != "many2one":
            return False
        model = target.comodel_name
    target = registry.model_class(model)._fields.get(last) if model in registry.tables else None
    return target is not None and target.type not in ("one2many", "many2many")


def run(records: BaseModel, field: Field) -> dict[str, dict[int, Any]]:
    """Run the compute of `field` (and of the fields sharing its method) on `records`;
    the assigned values in record form, by field name then record id."""
    registry = records._registry
    group = [f for f in records._fields.values()
             if f is field or (f.compute and f.compute == field.compute)]
    keys = [(records._name, f.name) for f in group]
    saved = {key: registry.computing.get(key) for key in keys}
    for key in keys:
        registry.computing[key] = Scope(records._ids)
    try:
        if field.related and not field.compute:
            for record in records:
                record[field.name] = related_value(record, field.related)
        elif callable(field.compute):
            field.compute(records)
        else:
            getattr(records, field.compute)()
        result = {name: registry.computing[(model, name)].values for model, name in keys}
    finally:
        for key, scope in saved.items():
            if scope is None:
                registry.computing.pop(key, None)
            else:
                registry.computing[key] = scope
    # Odoo reads a stored field a compute left unassigned from its column (it keeps the value it
    # had); only a field without a column has nowhere to fall back to.
    for name, values in result.items():
        missing = [i for i in records._ids if i not in values]
        if missing and not records._fields[name].store:
            raise ValueError(f"Compute method failed to assign {records._name}{tuple(missing)!r}.{name}")
    return result


def related_value(record: BaseModel, path: str) -> Any:
    value: Any = record
    for name in path.split("."):
        value = value[:1][name] if len(value) > 1 else value[name]
    return value


def recompute(records: BaseModel, names: set[str], depth: int = 0) -> None:
    """Recompute and store the stored computed fields `names` of `records`, then what
    depends on them."""
    records = records.with_context(active_test=False).exists()
    if not records or not names:
        return
    done: set[str] = set()
    stored: dict[int, dict[str, Any]] = defaultdict(dict)
    for name in sorted(names):
        if name in done:
            continue
        result = run(records, records._fields[name])
        done.update(result)
        for fname, values in result.items():
            for id_, value in values.items():
                stored[id_][fname] = value
    store(records, stored)
    modified(records, done, depth + 1)


def store(records: BaseModel, values: dict[int, dict[str, Any]]) -> None:
    """Write computed values straight to the columns: Odoo never calls write() for them. The
    cached row takes what the statement returns, as after a write."""
    for id_, fields in values.items():
        columns = {}
        for name, value in fields.items():
            field = records._fields[name]
            if field.type in ("one2many", "many2many"):
                raise RuntimeMissing(f"stored computed x2many field {field}")
            columns[name] = field.to_column(value)
        if columns:
            names = tuple(columns)
            record = records.browse(id_)
            records.env.cr.write_rows(record._update_query(names), (*columns.values(), [id_]),
                                      records._table_name(), ())
            record._cache_returned(names, created=False)


def modified(records: BaseModel, names: set[str], depth: int = 0, skip_self: bool = False) -> None:
    """Recompute the stored fields that depend on `names` of `records` (`skip_self`: not the
    records' own fields)."""
    if depth > MAX_DEPTH:
        raise RecursionError(f"compute dependencies of {records._name} loop")
    index = records._registry.dependents()
    targets: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    pointing: dict[tuple[str, str], tuple[int, ...]] = {}  # one search per model and path
    for name in names:
        for model, cfield, prefix in index.get((records._name, name), ()):
            if not prefix:
                if not skip_self:
                    targets[model][cfield].update(records._ids)
                continue
            if not _has_rows(records.env[model]):
                continue
            if (model, prefix) not in pointing:
                pointing[model, prefix] = records.env[model].with_context(active_test=False).search(
                    [(prefix, "in", records.ids)])._ids
            targets[model][cfield].update(pointing[model, prefix])
    for model, fields in targets.items():
        by_ids: dict[frozenset[int], set[str]] = defaultdict(set)
        for cfield, ids in fields.items():
            by_ids[frozenset(ids)].add(cfield)
        for ids, cfields in by_ids.items():
            recompute(records.env[model].browse(sorted(ids)), cfields, depth)


def _has_rows(model: BaseModel) -> bool:
    """Whether the model's table has any row: kept until the table changes, it spares the
    search for records pointing to a changed one when there can be none (no order lines yet)."""
    table = model._table_name()

    def read() -> bool:
        model.env.cr.execute(sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(table)))
        return model.env.cr.fetchone()[0]
    return model.env.cr.cache.derived(("has rows", table), (table,), read)


def dependents(registry: Registry) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
    """(model, field) -> [(model, stored computed field, path from it to the changed records)]."""
    index: dict[tuple[str, str], list[tuple[str, str, str]]] = defaultdict(list)
    for model, cls in list(registry.built_classes()):
        for field in cls._fields.values():
            if not is_stored_computed(field, registry):
                continue
            for path in cls._depends_of(field):
                current = model
                segments = path.split(".")
                for i, segment in enumerate(segments):
                    target = registry.model_class(current)._fields.get(segment)
                    if target is None:
                        raise ValueError(f"{field}: invalid dependency {path!r}")
                    index[(current, segment)].append((model, field.name, ".".join(segments[:i])))
                    if target.type == "one2many":
                        # a line changing its many2one changes the one2many it belongs to
                        index[(target.comodel_name, target.get("inverse_name"))].append(
                            (model, field.name, ".".join(segments[:i + 1])))
                    if not target.comodel_name:
                        break
                    current = target.comodel_name
    return index
