"""BaseModel: the ORM of the replay runtime. Records live in PostgreSQL; writes go through
at once, so raw SQL in the replayed code sees them, and reads go through the transaction's
record cache (cache.py), which every write and every raw statement keeps coherent."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from psycopg import sql

from migrator.runtime import commands, compute, core_computes, core_data, sequences, uncomputed
from migrator.runtime.decorators import model, model_create_multi
from migrator.runtime.domain import compile_domain, normalize
from migrator.runtime.domain_eval import matcher
from migrator.runtime.errors import RuntimeMissing
from migrator.runtime.exceptions import MissingError
from migrator.runtime.fields import Field, plain
from migrator.runtime.recordset import RecordSet

if TYPE_CHECKING:
    from migrator.runtime.types import Registry

X2MANY = ("one2many", "many2many")
PREFETCH_MAX = 1000  # records read in one query along with the one asked for
_ORDER_ITEM = re.compile(r"^\s*(\w+)(?:\s+(asc|desc))?(?:\s+nulls\s+(first|last))?\s*$", re.I)

# Model classes defined while an addon loads (see loader.py); a stack for nested loads.
_collectors: list[list[type]] = []


class BaseModel(RecordSet):
    _name: ClassVar[str] = ""  # type: ignore[misc]
    _inherit: ClassVar[Any] = None
    _description: ClassVar[str | None] = None
    _order: ClassVar[str] = "id"
    _rec_name: ClassVar[str | None] = None
    _inherits: ClassVar[dict[str, str]] = {}
    _table: ClassVar[str | None] = None
    _abstract: ClassVar[bool] = False
    _transient: ClassVar[bool] = False
    _auto: ClassVar[bool] = True
    _sql_constraints: ClassVar[list] = []
    # set on the classes the registry builds
    _registry: ClassVar[Registry]
    _fields: ClassVar[dict[str, Field]] = {}
    _constraint_methods: ClassVar[list[tuple[str, frozenset[str]]]] = []
    _ondelete_methods: ClassVar[list[str]] = []
    _default_names: ClassVar[tuple[str, ...]] = ()  # fields with a default of their own

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if _collectors and "_registry" not in cls.__dict__:
            _collectors[-1].append(cls)

    # --------------------------------------------------------------- set-up
    @classmethod
    def _setup_methods(cls) -> None:
        constraints, ondelete = [], []
        for name, member in inspect.getmembers(cls, inspect.isfunction):
            if getattr(member, "_constrains", None):
                for fname in member._constrains:
                    if fname not in cls._fields:
                        raise ValueError(f"{cls._name}.{name}: constraint on unknown field {fname!r}")
                constraints.append((name, frozenset(member._constrains)))
            if hasattr(member, "_ondelete"):
                ondelete.append(name)
        cls._constraint_methods = constraints
        cls._ondelete_methods = ondelete
        core = core_data.DEFAULTS.get(cls._name, {})
        cls._default_names = tuple(
            name for name, f in cls._fields.items()
            if "default" in f.args or (f.get("core") and f.store and (
                name in core or (name in core_data.ANY_MODEL and f.type == "boolean"))))

    @classmethod
    def _depends_of(cls, field: Field) -> tuple[str, ...]:
        if field.related and not field.compute:
            return (field.related,)
        method = field.compute if callable(field.compute) else getattr(cls, field.compute)
        return tuple(getattr(method, "_depends", ()))

    @classmethod
    def _install_constraints(cls, conn: Any) -> None:
        """`_sql_constraints` and 19.0's `models.Constraint` become table constraints."""
        table = cls._registry.table(cls._name)
        declared = list(cls._sql_constraints)
        for klass in reversed(cls.__mro__):
            for attr, value in vars(klass).items():
                if type(value).__name__ == "Constraint" and hasattr(value, "definition"):
                    declared.append((attr.lstrip("_"), value.definition, value.message))
        for name, definition, _message in dict((c[0], c) for c in declared).values():
            if not re.match(r"^\s*(unique|check)\s*\(", definition, re.I):
                raise RuntimeMissing(f"SQL constraint {definition!r} on {cls._name}")
            conn.execute(sql.SQL("ALTER TABLE {} ADD CONSTRAINT {} {}").format(
                sql.Identifier(table), sql.Identifier(f"{table}_{name}"), sql.SQL(definition)))

    @classmethod
    def _table_name(cls) -> str:
        return cls._registry.table(cls._name)

    # ---------------------------------------------------------- field values
    def _get_value(self, field: Field) -> Any:
        if field.name == "id":  # no read: Odoo answers from the recordset, even for a deleted record
            return self.ensure_one()._ids[0] if self._ids else False
        if not self._ids:
            return field.null(self.env)
        if field.comodel_name and len(self._ids) > 1:  # Odoo's _Relational.__get__: mapped, no singleton
            return self._mapped_field(field.name)
        id_ = self.ensure_one()._ids[0]
        scope = self._registry.computing.get((self._name, field.name))
        if scope is not None and id_ in scope.values:
            return scope.values[id_]
        if not field.store:
            if compute.is_computed(field):
                return compute.run(self, field)[field.name][id_]
            if field.related:
                return compute.related_value(self, field.related)
            if (core := core_computes.COMPUTES.get((self._name, field.name))) is not None:
                return core(self)
            raise RuntimeMissing(f"computed field {self._name}.{field.name}")
        if field.type in X2MANY:
            comodel = self.env[field.comodel_name]
            active_test = self.env.context.get("active_test", True)
            tables = [comodel._table_name()]
            if field.type == "many2many":
                tables.append(field.get("relation"))
            ids = self.env.cr.cache.derived(
                ("x2many", self._name, field.name, id_, bool(active_test)), tables,
                lambda: self._x2many_ids(field, id_))
            return comodel.browse(ids)
        if field.get("core"):
            uncomputed.check_read(self, field)
        row = self.env.cr.cache.table_rows(self._table_name()).get(id_)
        if row is not None and field.name in row:  # the common case, without building a dict
            value = row[field.name]
        else:
            value = self._column_values(field.name).get(id_, _MISSING)
        if value is _MISSING:
            raise MissingError(f"Record does not exist or has been deleted. ({self._name}({id_},))")
        return field.to_record(plain(value), self.env)

    def _set_value(self, field: Field, value: Any) -> None:
        scope = self._registry.computing.get((self._name, field.name))
        if scope is not None and set(self._ids) <= scope.ids:
            for id_ in self._ids:
                scope.values[id_] = _record_form(field, value, self.env)
            return
        self.write({field.name: value})

    def _column_values(self, fname: str) -> dict[int, Any]:
        """One column of every record of the set, by id (absent ids are deleted records)."""
        if self._fields[fname].type == "binary" and self._fields[fname].get("attachment", True):
            raise RuntimeMissing(f"binary field {self._name}.{fname} stored as attachment")
        rows = self.env.cr.cache.table_rows(self._table_name())
        missing = [id_ for id_ in self._ids if fname not in rows.get(id_, ())]
        if missing:
            self._fetch(rows, missing, fname)
        return {id_: rows[id_][fname] for id_ in self._ids if id_ in rows}

    def _fetch(self, rows: dict[int, dict[str, Any]], ids: list[int], fname: str) -> None:
        """Read the columns of `ids` and of the records prefetched with them into `rows`."""
        wanted = dict.fromkeys(ids)
        for id_ in self._prefetch_ids or ():
            if len(wanted) >= PREFETCH_MAX:
                break
            if id_ not in rows:
                wanted[id_] = None
        columns = self._registry.columns(self._name)
        if fname not in columns:
            columns = (*columns, fname)
        self.env.cr.execute(self._query("select", columns, lambda: sql.SQL(
            "SELECT id, {} FROM {} WHERE id = ANY(%s)").format(
            sql.SQL(", ").join(map(sql.Identifier, columns)), sql.Identifier(self._table_name()))),
            (list(wanted),))
        for id_, *values in self.env.cr.fetchall():
            row = rows.get(id_)
            if row is None:
                row = rows[id_] = {}
            row.update(zip(columns, values))

    def _query(self, kind: str, columns: tuple[str, ...], build: Callable[[], sql.Composable]) -> bytes:
        """The text of a statement of the ORM's, composed once per model and columns."""
        key = (kind, self._name, columns)
        query = self._registry.queries.get(key)
        if query is None:
            query = self._registry.queries[key] = self.env.cr.as_bytes(build())
        return query

    def _insert_query(self, columns: tuple[str, ...]) -> bytes:
        table = sql.Identifier(self._table_name())
        return self._query("insert", columns, lambda: sql.SQL("INSERT INTO {} ({}) VALUES ({}){}").format(
            table, sql.SQL(", ").join(map(sql.Identifier, columns)),
            sql.SQL(", ").join(sql.Placeholder() * len(columns)), self._returning(columns)) if columns else
            sql.SQL("INSERT INTO {} DEFAULT VALUES{}").format(table, self._returning(columns)))

    def _update_query(self, columns: tuple[str, ...]) -> bytes:
        return self._query("update", columns, lambda: sql.SQL("UPDATE {} SET {} WHERE id = ANY(%s){}").format(
            sql.Identifier(self._table_name()),
            sql.SQL(", ").join(sql.SQL("{} = %s").format(sql.Identifier(n)) for n in columns),
            self._returning(columns)))

    @staticmethod
    def _returning(columns: tuple[str, ...]) -> sql.Composable:
        """`RETURNING` the written columns: their values as the database stores them
        (a date given as text comes back a date) go into the cache."""
        return sql.SQL(" RETURNING {}").format(sql.SQL(", ").join(map(sql.Identifier, ("id", *columns))))

    def _cache_returned(self, columns: tuple[str, ...], created: bool) -> list[int]:
        """Put the values a write returned (`_returning(columns)`) into the cached rows; their
        ids. A created row is whole: its other columns are empty, as the tables have no
        column defaults. A row written before it was read stays unread."""
        rows = self.env.cr.cache.table_rows(self._table_name())
        ids = []
        for id_, *values in self.env.cr.fetchall():
            ids.append(id_)
            if created:
                rows[id_] = row = dict.fromkeys(self._registry.columns(self._name))
            elif (row := rows.get(id_)) is None:
                continue
            row.update(zip(columns, values))
        return ids

    def _x2many_ids(self, field: Field, id_: int) -> tuple[int, ...]:
        comodel = self.env[field.comodel_name]
        if field.type == "one2many":
            inverse = comodel._fields[field.get("inverse_name")]
            domain = [(inverse.name, "=", id_)]
            if inverse.type == "many2one_reference":  # Odoo adds the model, as ids collide
                if not inverse.get("model_field"):
                    raise RuntimeMissing(f"{inverse} without a model field")
                domain.append((inverse.get("model_field"), "=", self._name))
            return comodel.search(domain)._ids
        self._registry.table(field.comodel_name)
        # "IS NOT NULL": a relation table other fields share has rows that are not links of this one
        self.env.cr.execute(sql.SQL("SELECT {0} FROM {1} WHERE {2} = %s AND {0} IS NOT NULL").format(
            sql.Identifier(field.get("column2")), sql.Identifier(field.get("relation")),
            sql.Identifier(field.get("column1"))), (id_,))
        ids = [row[0] for row in self.env.cr.fetchall()]
        return comodel.search([("id", "in", ids)])._ids if ids else ()

    def _compute_display_name(self) -> None:
        rec_name = self._rec_name or ("name" if "name" in self._fields else None)
        description = self._description or self._name
        for record in self:
            value = record[rec_name] if rec_name else False
            record.display_name = value or f"{description},{record.id}"

    # -------------------------------------------------------------- browse
    def exists(self) -> Any:
        if not self._ids:
            return self
        rows = self.env.cr.cache.table_rows(self._table_name())  # rows read and not deleted since
        unknown = [i for i in self._ids if i not in rows]
        found = set()
        if unknown:
            self.env.cr.execute(sql.SQL("SELECT id FROM {} WHERE id = ANY(%s)").format(
                sql.Identifier(self._table_name())), (unknown,))
            found = {row[0] for row in self.env.cr.fetchall()}
        return self.browse(i for i in self._ids if i in rows or i in found)

    # -------------------------------------------------------------- create
    def _defaulted(self) -> list[str]:
        """The fields a new record may take a default for: their own or the context's."""
        context = [key[8:] for key in self.env.context if key.startswith("default_")]
        if not context:
            return list(self._default_names)
        return [n for n in self._fields if n in self._default_names or n in context]

    @model
    def default_get(self, fields_list: Iterable[str]) -> dict:
        return {name: value for name, value in self._defaults(fields_list).items()}

    def _defaults(self, names: Iterable[str]) -> dict:
        """Context `default_*` keys, then the field's own default, then the core data table."""
        core = core_data.DEFAULTS.get(self._name, {})
        result = {}
        for name in names:
            field = self._fields.get(name)
            if field is None:
                continue
            if f"default_{name}" in self.env.context:
                result[name] = self.env.context[f"default_{name}"]
            elif "default" in field.args:
                default = field.args["default"]
                result[name] = default(self) if callable(default) else default
            elif field.get("core") and field.store and (
                    name in core or (name in core_data.ANY_MODEL and field.type == "boolean")):
                result[name] = (core.get(name) or core_data.ANY_MODEL[name])(self.env)
        return result

    @model_create_multi
    def create(self, vals_list: list[dict]) -> Any:
        ids: list[int] = []
        written: set[str] = set()
        for vals in vals_list:
            vals = {**self._defaults(n for n in self._defaulted() if n not in vals), **vals}
            sequences.number(self, vals)
            for (model, name), computed_at_create in core_computes.AT_CREATE.items():
                if model == self._name and name in self._fields and name not in vals \
                        and not self._fields[name].related:
                    value = computed_at_create(self, vals)
                    if value is not None:
                        vals[name] = value
            self._check_vals(vals)
            vals, later = self._create_parents(vals)
            written.update(vals)
            columns, relations, delegated = self._split(vals)
            now, uid = self.env.clock.now(), self.env.uid
            for name, value in (("create_uid", uid), ("create_date", now), ("write_uid", uid),
                                ("write_date", now)):
                if name in self._fields and self._fields[name].store:
                    columns.setdefault(name, value)
            names = tuple(columns)
            self.env.cr.write_rows(self._insert_query(names), tuple(columns.values()), self._table_name(), ())
            record = self.browse(self._cache_returned(names, created=True))
            left = [n for n, f in self._fields.items() if n not in vals and uncomputed.watched(self._name, f)]
            uncomputed.check_required(record, left)
            uncomputed.note(record, left)
            self._create_versions(record, later)
            self._write_relations(record, relations, delegated)
            ids.append(record.id)
        records = self.browse(ids)
        computed = self._registry.stored_computes(self._name) - written
        compute.recompute(records, computed)
        compute.modified(records, written, skip_self=True)
        records._validate(written | computed)
        return records

    def _create_parents(self, vals: dict) -> tuple[dict, dict[str, dict]]:
        """`_inherits`: create the parent record from the values of its fields. A link
        Odoo computes instead of storing (19.0 hr.employee.version_id) cannot be set
        first: those values are returned, by link, for `_create_versions`."""
        later = {}
        for parent_model, link in self._inherits.items():
            if vals.get(link):
                continue
            parent_fields = self.env[parent_model]._fields
            parent_vals = {}
            for name in list(vals):
                field = self._fields[name]
                if field.related and not field.store and field.related == f"{link}.{name}" \
                        and name in parent_fields:
                    parent_vals[name] = vals.pop(name)
            if self._fields[link].store:
                vals = {**vals, link: self.env[parent_model].create(parent_vals).id}
            else:
                later[link] = parent_vals
        return vals, later

    def _create_versions(self, record: Any, later: dict[str, dict]) -> None:
        """19.0 hr.employee: its first version, created after it and pointing to it (the
        employee's one2many to the parent model names the link), then made its current one."""
        for link, parent_vals in later.items():
            parent_model = self._fields[link].comodel_name
            inverses = [f.get("inverse_name") for f in self._fields.values()
                        if f.type == "one2many" and f.comodel_name == parent_model]
            if not inverses:
                raise RuntimeMissing(f"creating {self._name}: its computed link {link} to {parent_model}")
            inverse = inverses[0]
            parent = self.env[parent_model].create({**parent_vals, inverse: record.id})
            current = f"current_{link}"
            if current in self._fields and self._fields[current].store:
                record.write({current: parent.id})

    # --------------------------------------------------------------- write
    def write(self, vals: dict) -> bool:
        if not self._ids:
            return True
        self._check_vals(vals)
        columns, relations, delegated = self._split(vals)
        for name, value in (("write_uid", self.env.uid), ("write_date", self.env.clock.now())):
            if name in self._fields and self._fields[name].store:
                columns.setdefault(name, value)
        if columns:
            names = tuple(columns)
            # the rows stay cached: the statement returns what changed in them
            self.env.cr.write_rows(self._update_query(names), (*columns.values(), list(self._ids)),
                                   self._table_name(), ())
            self._cache_returned(names, created=False)
        for record in self:
            self._write_relations(record, relations, delegated)
        uncomputed.written(self, [n for n in vals if n in self._fields])
        self._modified(set(vals))
        self._validate(set(vals))
        return True

    def _check_vals(self, vals: Mapping) -> None:
        for name in vals:
            if name not in self._fields:
                raise ValueError(f"Invalid field {name!r} on model {self._name!r}")

    def _split(self, vals: Mapping) -> tuple[dict, dict, dict]:
        """Column values, x2many values and values of non-stored related fields."""
        columns, relations, delegated = {}, {}, {}
        for name, value in vals.items():
            field = self._fields[name]
            if field.type in X2MANY:
                relations[name] = value
            elif field.store:
                columns[name] = field.to_column(value)
            elif field.related:
                prefix, _, last = field.related.rpartition(".")
                if field.get("readonly", True) and prefix not in self._inherits.values():
                    continue  # no inverse in Odoo: the value stays in its cache, nothing is written
                delegated.setdefault(prefix, {})[last] = value
            elif (inverse := core_computes.INVERSES.get((self._name, name))) is not None:
                more = self._split(inverse(value))  # Odoo's inverse writes stored fields
                for mine, theirs in zip((columns, relations, delegated), more, strict=True):
                    mine.update(theirs)
            else:
                raise RuntimeMissing(f"writing computed field {self._name}.{name}")
        return columns, relations, delegated

    def _write_relations(self, record: Any, relations: dict, delegated: dict) -> None:
        for name, value in relations.items():
            commands.apply(record, self._fields[name], value)
        for prefix, sub in delegated.items():
            target = record.mapped(prefix) if prefix else record
            target.write(sub)

    def _modified(self, names: set[str]) -> None:
        compute.modified(self, names)

    def _validate(self, names: set[str]) -> None:
        for method, fields in self._constraint_methods:
            if fields & names:
                getattr(self, method)()

    # -------------------------------------------------------------- unlink
    def unlink(self) -> bool:
        if not self._ids:
            return True
        for method in self._ondelete_methods:
            getattr(self, method)()
        stored = {n for n, f in self._fields.items() if f.store}
        index = self._registry.dependents()
        affected = []
        for name in stored:
            for model_, cfield, prefix in index.get((self._name, name), ()):
                if prefix:
                    found = self.env[model_].with_context(active_test=False).search(
                        [(prefix, "in", self.ids)])
                    affected.append((found, cfield))
        self.env.cr.execute(sql.SQL("DELETE FROM {} WHERE id = ANY(%s)").format(
            sql.Identifier(self._table_name())), (list(self._ids),))
        if "ir.model.data" in self._registry.tables:
            self.env.cr.execute("DELETE FROM ir_model_data WHERE model = %s AND res_id = ANY(%s)",
                                (self._name, list(self._ids)))
        for records, cfield in affected:
            compute.recompute(records, {cfield})
        return True

    # -------------------------------------------------------------- search
    @model
    def search(self, domain: list | None = None, offset: int = 0, limit: int | None = None,
               order: str | None = None) -> Any:
        self.env.cr.execute(self._search_query(domain, offset, limit, order), None)
        return self.browse(row[0] for row in self.env.cr.fetchall())

    @model
    def search_count(self, domain: list | None = None, limit: int | None = None) -> int:
        query = self._search_query(domain, 0, limit, None, count=True)
        self.env.cr.execute(query, None)
        return self.env.cr.fetchone()[0]

    @model
    def search_read(self, domain: list | None = None, fields: list[str] | None = None,
                    offset: int = 0, limit: int | None = None, order: str | None = None) -> list[dict]:
        return self.search(domain, offset, limit, order).read(fields)

    @model
    def search_fetch(self, domain: list, field_names: list[str], offset: int = 0,
                     limit: int | None = None, order: str | None = None) -> Any:
        return self.search(domain, offset, limit, order)

    def _search_query(self, domain: list | None, offset: int, limit: int | None,
                      order: str | None, count: bool = False) -> sql.Composable:
        domain = list(domain or [])
        if self.env.context.get("active_test", True) and "active" in self._fields \
                and self._fields["active"].store \
                and not any(isinstance(leaf, (list, tuple)) and leaf[0] == "active" for leaf in domain):
            domain = [("active", "=", True), *domain]
        specs = self._registry.specs()
        table = self._table_name()
        try:
            # 16.0/17.0 search a related field along its plain path; 18.0+ also match broken paths
            reading = "path" if int(self._registry.series.split(".")[0]) < 18 else "search"
            tree = normalize(domain, self._name, specs, reading)
            self._check_tables(tree, self._name)
            where = compile_domain(domain, self._name, specs, company_id=self.env.company.id, reading=reading)
        except NotImplementedError as exc:
            raise RuntimeMissing(f"domain: {exc}") from None
        if count:
            inner = sql.SQL("SELECT id FROM {} WHERE {}{}").format(
                sql.Identifier(table), where, sql.SQL(f" LIMIT {int(limit)}") if limit else sql.SQL(""))
            return sql.SQL("SELECT count(*) FROM ({}) AS c").format(inner)
        query = sql.SQL("SELECT id FROM {} WHERE {} ORDER BY {}").format(
            sql.Identifier(table), where, self._order_by(order or self._order))
        if limit:
            query = sql.SQL("{} LIMIT {}").format(query, sql.Literal(int(limit)))
        if offset:
            query = sql.SQL("{} OFFSET {}").format(query, sql.Literal(int(offset)))
        return query

    def _check_tables(self, tree: tuple, model_: str) -> None:
        """Refuse, before any SQL runs, a domain that reaches a model without a table, or a
        computed field Odoo would have filled and the runtime left empty."""
        if tree[0] in ("&", "|", "!"):
            for child in tree[1:]:
                self._check_tables(child, model_)
            return
        if tree[0] == "?":
            return
        field = self._registry.model_class(model_)._fields.get(tree[1])
        if field is not None and uncomputed.watched(model_, field):
            uncomputed.check_search(self.env, model_, [tree[1]])
        if field is not None and field.comodel_name and (
                field.type in X2MANY or tree[0] in ("any", "not any")):
            self._registry.table(field.comodel_name)
            if tree[0] in ("any", "not any"):
                self._check_tables(tree[2], field.comodel_name)

    def _order_by(self, order: str) -> sql.Composable:
        items = []
        for part in order.split(","):
            match = _ORDER_ITEM.match(part)
            if not match:
                raise ValueError(f"Invalid order {order!r} for model {self._name!r}")
            name, direction, nulls = match.groups()
            field = self._fields.get(name)
            if field is None:
                raise ValueError(f"Invalid order {order!r} for model {self._name!r}")
            if not field.store or field.type in X2MANY:
                raise RuntimeMissing(f"ordering {self._name} by non-stored field {name}")
            items.append(sql.SQL("{}{}{}").format(
                sql.Identifier(name), sql.SQL(" DESC" if (direction or "").lower() == "desc" else " ASC"),
                sql.SQL(f" NULLS {nulls.upper()}") if nulls else sql.SQL("")))
        # ties fall back on creation order, so both replay runs see the same order
        items.append(sql.SQL("id"))
        return sql.SQL(", ").join(items)

    def _sorted_by_order(self, order: str | None) -> Any:
        if len(self._ids) <= 1:
            return self.exists()
        found = self.with_context(active_test=False).search([("id", "in", list(self._ids))],
                                                            order=order)
        return self.browse(found._ids)

    def filtered_domain(self, domain: list) -> Any:
        if not domain:
            return self
        specs = self._registry.specs()

        def resolve(model_: str, id_: int) -> Any:
            return _DomainValues(self.env[model_].browse(id_))

        keep = matcher(domain, resolve, self._name, specs)
        return self.browse(record.id for record in self if keep(_DomainValues(record)))

    # ---------------------------------------------------------------- read
    def read(self, fields: list[str] | None = None, load: str = "_classic_read") -> list[dict]:
        names = fields or [n for n, f in self._fields.items() if f.store and n != "id"
                           and not (f.type == "binary" and f.get("attachment", True))]
        result = []
        for record in self:
            row: dict[str, Any] = {"id": record.id}
            for name in names:
                if name == "id":
                    continue
                field = self._fields.get(name)
                if field is None:
                    raise ValueError(f"Invalid field {name!r} on model {self._name!r}")
                value = record[name]
                row[name] = value.id if load is None and field.type == "many2one" else field.to_read(value)
            result.append(row)
        return result

    @model
    def name_create(self, name: str) -> tuple[int, str]:
        rec_name = self._rec_name or "name"
        record = self.create({rec_name: name})
        return record.id, record.display_name

    # -------------- the cache follows every write itself: nothing to flush or invalidate
    def flush_model(self, fnames: Any = None) -> None:
        pass

    def flush_recordset(self, fnames: Any = None) -> None:
        pass

    def invalidate_model(self, fnames: Any = None, flush: bool = True) -> None:
        pass

    def invalidate_recordset(self, fnames: Any = None, flush: bool = True) -> None:
        pass


_MISSING = object()


def _record_form(field: Field, value: Any, env: Any) -> Any:
    """A value assigned in a compute method, as reading the field returns it."""
    if field.type in X2MANY:
        if isinstance(value, RecordSet):
            return value
        if not value:
            return env[field.comodel_name]
        raise RuntimeMissing(f"assigning commands to computed x2many field {field}")
    return field.to_record(field.to_column(value), env)


class _DomainValues:
    """A record's values as domain_eval reads them: column values, ids for relations."""

    def __init__(self, record: BaseModel) -> None:
        self.record = record

    def get(self, fname: str) -> Any:
        field = self.record._fields[fname]
        if fname == "id":
            return self.record.id
        if field.type in X2MANY:
            return list(self.record[fname]._ids)
        if not field.store:  # Odoo's filtered_domain reads computed values as well
            return plain(field.to_column(self.record[fname]))
        value = self.record._column_values(fname).get(self.record.id)
        return plain(value)
