"""The registry: model classes (core models from the schema catalogue, extended and defined
by the loaded module), their field specs, the replay database's tables and seed data."""

from __future__ import annotations

import copy
from contextlib import contextmanager
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import psycopg

from migrator.catalogue import Catalogue, load_catalogue, module_closure
from migrator.runtime import compute, core_data
from migrator.runtime.clock import Clock
from migrator.runtime.compute import Scope
from migrator.runtime.cursor import cursor_for
from migrator.runtime.environment import Environment
from migrator.runtime.errors import ModelMissing, RuntimeMissing
from migrator.runtime.fields import Field, from_spec, merge
from migrator.runtime.orm import BaseModel
from migrator.runtime.partner_computes import partner_classes
from migrator.runtime.seed import seed
from migrator.runtime import sequences, uncomputed
from migrator.runtime.cache import forget
from migrator.runtime.tables import add_columns, add_core_constraints, column_type, create_tables, table_name
from migrator.xmlids import field_xmlid, model_xmlid

# Models every replay database has, whatever the module touches.
BASE_MODELS = (
    "res.partner", "res.users", "res.company", "res.currency", "ir.model", "ir.model.fields",
    "ir.model.data", "mail.message", "mail.followers", "mail.activity", "mail.activity.type",
    "mail.mail", "mail.template",
)
# Fields every table-backed model has (Odoo's MAGIC_COLUMNS and LOG_ACCESS_COLUMNS).
MAGIC_FIELDS: dict[str, dict] = {
    "id": {"type": "integer", "store": True},
    "create_uid": {"type": "many2one", "relation": "res.users", "store": True},
    "create_date": {"type": "datetime", "store": True},
    "write_uid": {"type": "many2one", "relation": "res.users", "store": True},
    "write_date": {"type": "datetime", "store": True},
    "display_name": {"type": "char", "store": False, "compute": True},
}
# Required core fields that keep NOT NULL without a known default: values a caller supplies.
_CALLER_SUPPLIED = ("many2one", "char")

MixinTest = Callable[[str, dict], bool]


class Registry:
    """Model classes and specs for one replay; `install(conn)` makes the database."""

    def __init__(self, series: str = "18.0", clock: Clock | None = None, module: str = "replay") -> None:
        self.series = series
        self.catalogue: Catalogue = load_catalogue(series)
        self.clock = clock or Clock()
        self.module = module  # the loaded addon: owner of the xml ids of its models and fields
        self._core: dict = self.catalogue.raw_specs()  # read-only; normalized per model on use
        self.definitions: dict[str, list[type]] = {}
        self.class_modules: dict[type, str] = {}  # model class -> the addon that defines it
        self.mixins: list[tuple[type, MixinTest]] = []
        self.outer_mixins: list[tuple[type, MixinTest]] = []
        self.seeders: list[Callable[[Environment], None]] = []
        self._classes: dict[str, type] = {}
        self.models: dict[str, dict] = {}  # model -> catalogue-shaped spec, for built models
        self.tables: set[str] = set()  # models whose table exists
        self.conn: psycopg.Connection | None = None
        # (model, field) -> {record id: value} while a compute method runs
        self.computing: dict[tuple[str, str], Scope] = {}
        self._dependents: dict | None = None
        self._columns: dict[str, tuple[str, ...]] = {}
        self._stored_computes: dict[str, frozenset[str]] = {}  # depends on the tables: see _set_tables
        self.queries: dict[tuple, bytes] = {}  # statements of the ORM's, composed once
        self.run_rules = True  # automation rules run on create, write and unlink (without_rules)
        self.manual: set[type] = set()  # the classes of custom models and fields (runtime/manual.py)
        self.add_classes(partner_classes(series), module="base")  # base's own stored computes

    # --------------------------------------------------------------- extension
    def add_classes(self, classes: Iterable[type], module: str | None = None) -> None:
        """Register model classes (`_name` / `_inherit`), in definition order, as `module`'s
        (default: the loaded addon's): the owner of the xml ids of what they declare."""
        if self._classes:
            raise RuntimeError("classes must be added before the registry builds its models")
        for cls in classes:
            inherit = _as_list(cls.__dict__.get("_inherit"))
            name = cls.__dict__.get("_name") or (inherit[0] if len(inherit) == 1 else None)
            if not name:
                raise TypeError(f"model class {cls.__name__} has neither _name nor a single _inherit")
            self.definitions.setdefault(name, []).append(cls)
            self.class_modules[cls] = module or self.module

    def set_manual(self, classes: Iterable[type], conn: psycopg.Connection) -> list[str]:
        """The custom models and fields (runtime/manual.py) are now those of `classes`, as
        after Odoo sets its registry up again: the models they change are built anew, their
        tables and columns created. Returns the models that changed."""
        changed: set[str] = set()
        for model, classes_of in list(self.definitions.items()):
            kept = [cls for cls in classes_of if cls not in self.manual]
            if len(kept) != len(classes_of):
                changed.add(model)
                if kept:
                    self.definitions[model] = kept
                else:
                    del self.definitions[model]
        self.manual = set(classes)
        for cls in classes:
            name = cls.__dict__.get("_name") or cls.__dict__["_inherit"]
            self.definitions.setdefault(name, []).append(cls)
            changed.add(name)
        self._rebuild(changed)
        new = sorted(m for m in changed if self.has_model(m) and not self.model_class(m)._abstract)
        specs = {m: self.table_spec(m) for m in {*self.tables, *new}}
        create_tables(conn, specs, only={m for m in new if m not in self.tables})
        for model in new:
            if model in self.tables:
                add_columns(conn, specs, model)
        forget(conn)  # the statements above went round the runtime's cursor
        self._set_tables([*self.tables, *new])
        return sorted(changed)

    def _rebuild(self, changed: set[str]) -> None:
        """Drop the built classes of `changed` and of the models built on them."""
        old = tuple(self._classes[m] for m in changed if m in self._classes)
        for model, cls in list(self._classes.items()):
            if model in changed or any(base in cls.__mro__ for base in old):
                del self._classes[model]
                self.models.pop(model, None)
                self._columns.pop(model, None)
        self._stored_computes.clear()
        self._dependents = None

    def model_xmlid(self, model: str) -> str:
        """ir.model's xml id of `model`: the catalogue's, else of the module declaring it."""
        declaring = next((cls for cls in self.definitions.get(model, ()) if cls.__dict__.get("_name") == model
                          and model not in _as_list(cls.__dict__.get("_inherit"))), None)
        return self.catalogue.model_xmlid(model) or model_xmlid(self._module_of(declaring), model)

    def field_xmlid(self, model: str, name: str) -> str:
        """ir.model.fields' xml id: the catalogue's for a core field, else of the first module
        declaring the field on the model, else of the module declaring the model (Odoo gives
        that module every field the model has when it is installed: magic, inherited)."""
        cls = self.model_class(model)
        if cls._fields[name].get("core"):
            xmlid = self.catalogue.field_xmlid(model, name)
            if xmlid:
                return xmlid
        classes = self.definitions.get(model, ())
        declaring = next((c for c in classes if name in c.__dict__), None)
        if declaring is None and not self.catalogue.has_model(model):  # it came with the model
            return field_xmlid(self.model_xmlid(model).split(".", 1)[0], model, name)
        if declaring is None:  # a core model given a parent: the module that gave it
            declaring = next((c for c in classes if len(_as_list(c.__dict__.get("_inherit"))) > 1), None)
        return field_xmlid(self._module_of(declaring), model, name)

    def _module_of(self, cls: type | None) -> str:
        return self.class_modules.get(cls, self.module) if cls is not None else self.module

    def add_mixin(self, cls: type, applies: MixinTest, outermost: bool = False) -> None:
        """Put a plain class (methods calling `super()`) under every model whose spec
        satisfies `applies(model, spec)`, e.g. mail.thread methods for models with
        `message_ids`. Module overrides come before it, the ORM after it; an `outermost`
        mixin comes before the module overrides instead, as Odoo's base_automation
        patches the final model class."""
        if self._classes:
            raise RuntimeError("mixins must be added before the registry builds its models")
        (self.outer_mixins if outermost else self.mixins).append((cls, applies))

    def restrict_to(self, depends: Iterable[str]) -> None:
        """Only the core models and fields of the Odoo modules installed with `depends`, as
        Odoo installs a module with its dependencies and nothing else: an addon depending on
        `purchase` has no stock.picking.type, and its purchase.order no `picking_type_id`
        (which purchase_stock adds). Call before the models are built."""
        if self._classes:
            raise RuntimeError("restrict_to must be called before the registry builds its models")
        modules = module_closure(self.series, list(depends))

        def installed(spec: dict) -> bool:
            return not spec.get("modules") or bool(modules & set(spec["modules"]))

        self._core = {model: {**spec, "fields": {n: f for n, f in spec["fields"].items() if installed(f)}}
                      for model, spec in self._core.items() if installed(spec)}

    def add_seeder(self, seeder: Callable[[Environment], None]) -> None:
        """Run `seeder(env)` (superuser) after the base seed, e.g. mail's subtypes and
        activity types."""
        self.seeders.append(seeder)

    # ------------------------------------------------------------------ models
    def has_model(self, model: str) -> bool:
        return model in self.definitions or model in self._core

    def model_names(self) -> list[str]:
        return sorted(set(self.definitions) | set(self._core))

    def model_class(self, model: str) -> type:
        cls = self._classes.get(model)
        if cls is None:
            if not self.has_model(model):
                raise ModelMissing(model)
            cls = self._build(model)
        return cls

    def specs(self) -> Mapping[str, dict]:
        """Field specs of every model, built on first use (what domain.py reads)."""
        return _Specs(self)

    def built_classes(self) -> list[tuple[str, type]]:
        return list(self._classes.items())

    def stored_computes(self, model: str) -> frozenset[str]:
        """The stored fields of `model` the runtime computes (what create() fills in)."""
        names = self._stored_computes.get(model)
        if names is None:
            names = self._stored_computes[model] = frozenset(
                name for name, f in self.model_class(model)._fields.items() if compute.is_stored_computed(f, self))
        return names

    def dependents(self) -> dict[tuple[str, str], list[tuple[str, str, str]]]:
        """Which stored computes a change of (model, field) triggers (see compute.py)."""
        if self._dependents is None:
            self._dependents = compute.dependents(self)
        return self._dependents

    def _build(self, model: str) -> type:
        """The model's class, in Odoo's order of stages: what defines it, its fields as every
        definition declares them, merged, the spec the database follows, then the class."""
        contributions, core, parents, abstract = self._definitions_of(model)
        declared = self._declared_fields(model, contributions, core, parents, abstract, self.manual)
        namespace = self._namespace(model, contributions, core, abstract)
        fields = _merged(model, declared)
        spec = self._spec(model, fields, namespace)
        for name, field in fields.items():
            namespace[name] = field
        namespace["_fields"] = fields
        cls = self._class(model, contributions, parents, spec, namespace)
        self._classes[model] = cls
        self.models[model] = spec
        self._dependents = None
        cls._setup_methods()
        return cls

    def _definitions_of(self, model: str) -> tuple[list[type], dict | None, list[type], bool]:
        """The module's classes for `model`, its catalogue entry, the models it inherits
        from (built first), and whether it is abstract."""
        contributions = self.definitions.get(model, [])
        core = self._core.get(model)
        first = contributions[0] if contributions else None
        if core is None and (first is None or first.__dict__.get("_name") != model):
            raise RuntimeMissing(f"model {model}")
        parents = [self.model_class(parent) for cls in contributions
                   for parent in _as_list(cls.__dict__.get("_inherit")) if parent != model]
        abstract = core is None and bool(first and getattr(first, "_abstract", False))
        return contributions, core, parents, abstract

    @staticmethod
    def _declared_fields(model: str, contributions: list[type], core: dict | None, parents: list[type],
                         abstract: bool, manual: set[type] = frozenset()) -> dict[str, list[Field]]:
        """Each field's versions, in the order they override one another: the parents', the
        catalogue's (or the magic columns of a model of the module's own), the module's."""
        declared: dict[str, list[Field]] = {}
        for parent in parents:
            for name, field in parent._fields.items():
                declared.setdefault(name, []).append(field)
        if core is not None:
            for name, spec in core["fields"].items():
                model_field = core_data.REFERENCE_MODEL_FIELDS.get((model, name))
                spec = {**spec, "model_field": model_field} if model_field else spec
                declared.setdefault(name, []).append(from_spec(name, _normalized(spec)))
        elif not abstract:
            for name, spec in MAGIC_FIELDS.items():
                declared.setdefault(name, []).append(from_spec(name, spec))
        for cls in contributions:
            for name, value in cls.__dict__.items():
                if isinstance(value, Field):
                    if cls in manual and name in declared:
                        continue  # Odoo adds a custom field only where the model has none of that name
                    value.check_supported()
                    declared.setdefault(name, []).append(value)
        return declared

    def _namespace(self, model: str, contributions: list[type], core: dict | None, abstract: bool) -> dict[str, Any]:
        """The class attributes besides the fields: the last definition giving one wins."""
        namespace: dict[str, Any] = {"_name": model, "_registry": self, "_abstract": abstract,
                                     "_inherits": dict(core["inherits"]) if core else {}}
        for attr in ("_description", "_order", "_rec_name", "_inherits", "_table", "_transient"):
            for cls in contributions:
                if attr in cls.__dict__:
                    namespace[attr] = cls.__dict__[attr]
        namespace.setdefault("_order", core_data.ORDERS.get(model, "id"))
        return namespace

    def _spec(self, model: str, fields: dict[str, Field], namespace: dict[str, Any]) -> dict:
        """The catalogue-shaped spec of the model (what the tables are made from); many2many
        fields learn their relation table from it. The fields are frozen afterwards."""
        spec = {"fields": {name: field.spec() for name, field in fields.items()},
                "inherits": namespace["_inherits"], "abstract": namespace["_abstract"],
                "table": namespace.get("_table") or model.replace(".", "_")}
        self._default_relations(model, spec)
        for name, field in fields.items():
            if field.type == "many2many":
                field.args.setdefault("relation", spec["fields"][name]["relation_table"])
                field.args.setdefault("column1", spec["fields"][name]["column1"])
                field.args.setdefault("column2", spec["fields"][name]["column2"])
        for field in fields.values():
            field.freeze()
        return spec

    def _class(self, model: str, contributions: list[type], parents: list[type], spec: dict,
               namespace: dict[str, Any]) -> type:
        """The final class: outermost mixins, the module's classes (last defined first), the
        parents, the mixins that apply, then the ORM."""
        mixins = tuple(cls for cls, applies in self.mixins if applies(model, spec))
        outer = tuple(cls for cls, applies in self.outer_mixins if applies(model, spec))
        bases = (*outer, *reversed(contributions), *parents, *mixins, BaseModel)
        return type(model.replace(".", "_"), _unique(bases), namespace)

    def _default_relations(self, model: str, spec: dict) -> None:
        """Odoo's default relation table and columns of a declared many2many."""
        table = spec["table"]
        for name, field in spec["fields"].items():
            if field["type"] != "many2many" or field.get("relation_table"):
                continue
            target = field["relation"].replace(".", "_")
            field["relation_table"] = "{}_{}_rel".format(*sorted((table, target)))
            field["column1"] = field.get("column1") or f"{table}_id"
            field["column2"] = field.get("column2") or f"{target}_id"

    # ---------------------------------------------------------------- database
    def table_models(self, extra: Iterable[str] = ()) -> list[str]:
        """The models that get a table: the module's and `extra` (what a scenario touches),
        one relational level around them, and the base models."""
        touched = [m for m in dict.fromkeys([*self.definitions, *extra])
                   if not self.model_class(m)._abstract]
        chosen = dict.fromkeys([*touched, *BASE_MODELS])
        for model in touched:
            for field in self.model_class(model)._fields.values():
                if field.comodel_name and self.has_model(field.comodel_name):
                    chosen[field.comodel_name] = None
        return [m for m in chosen if not self.model_class(m)._abstract]

    def install(self, conn: psycopg.Connection, extra_models: Iterable[str] = ()) -> None:
        """Create the tables and the seed data in an empty database (left uncommitted)."""
        self.conn = conn
        models = self.table_models(extra_models)
        specs = {m: self.table_spec(m) for m in models}
        create_tables(conn, specs)
        uncomputed.create_table(conn)
        sequences.create_sequences(conn)
        self._set_tables(models)
        for model, cls in ((m, self.model_class(m)) for m in models):
            cls._install_constraints(conn)
        add_core_constraints(conn, self.series, {self.table(m): set(self.columns(m)) | {"id"} for m in models
                                                  if not self.definitions.get(m) or self._core.get(m)})
        seed(self.environment(uid=1, su=True))
        for seeder in self.seeders:
            seeder(self.environment(uid=1, su=True))

    def attach(self, conn: psycopg.Connection, models: Iterable[str]) -> None:
        """Use a database another registry of the same models installed (a copy of its
        template): the tables of `models` and the seed are there already."""
        models = list(models)
        for model in models:
            self.model_class(model)
        self.conn = conn
        self._set_tables(models)

    def _set_tables(self, models: Iterable[str]) -> None:
        # which core related fields the runtime can follow depends on the tables
        self.tables = set(models)
        self._stored_computes.clear()
        self._dependents = None

    def table_spec(self, model: str) -> dict:
        """The spec tables.py creates from: NOT NULL only where the runtime can fill it."""
        cls = self.model_class(model)
        spec = copy.deepcopy(self.models[model])
        defaults = core_data.DEFAULTS.get(model, {})
        for name, field in spec["fields"].items():
            if (model, name) in core_data.CASCADE:
                field["ondelete"] = "cascade"
            core = bool(cls._fields[name].get("core"))
            keep = not field.get("compute") and (
                name in defaults or not core or field["type"] in _CALLER_SUPPLIED)
            if field.get("required") and not keep:
                field["required"] = False
        return spec

    def environment(self, uid: int = 2, context: dict | None = None, su: bool = False,
                    conn: psycopg.Connection | None = None) -> Environment:
        """An environment on `conn`, else on the database the registry was installed in or
        attached to; any copy of that database holds the same tables."""
        conn = conn or self.conn
        if conn is None:
            raise RuntimeError("the registry is not installed in a database")
        return Environment(self, cursor_for(conn), uid, context or {"lang": "en_US", "tz": "UTC"}, su)

    @contextmanager
    def without_rules(self) -> Iterator[None]:
        """Automation rules do not run inside (records made as starting data, or replayed
        without the logic under test)."""
        saved, self.run_rules = self.run_rules, False
        try:
            yield
        finally:
            self.run_rules = saved

    def columns(self, model: str) -> tuple[str, ...]:
        """The columns of the model's table but `id`: what reading a record fetches."""
        columns = self._columns.get(model)
        if columns is None:
            self.model_class(model)
            columns = self._columns[model] = tuple(
                name for name, spec in self.models[model]["fields"].items()
                if name != "id" and column_type(spec) is not None)
        return columns

    def table(self, model: str) -> str:
        if model not in self.tables:
            raise RuntimeMissing(f"model {model} (no table in the replay database)")
        return table_name(model, self.models[model])


def _as_list(value: Any) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def _unique(bases: tuple[type, ...]) -> tuple[type, ...]:
    return tuple(dict.fromkeys(bases))


def _merged(model: str, declared: dict[str, list[Field]]) -> dict[str, Field]:
    """One field per name, merged from its versions (a copy: parents' fields stay theirs)."""
    fields: dict[str, Field] = {}
    for name, versions in declared.items():
        field = merge(versions)
        field.model_name = model
        if name == "display_name":
            field.args.setdefault("compute", "_compute_display_name")
        fields[name] = field
    return fields


def _normalized(spec: dict) -> dict:
    """A catalogue field spec with its selection as (key, label) pairs."""
    selection = spec.get("selection")
    if selection and not isinstance(selection[0], (list, tuple)):
        return {**spec, "selection": [[key, key] for key in selection]}
    return spec


class _Specs(Mapping):
    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def __getitem__(self, model: str) -> dict:
        if not self.registry.has_model(model):
            raise KeyError(model)
        self.registry.model_class(model)
        return self.registry.models[model]

    def __iter__(self) -> Iterator[str]:
        return iter(self.registry.model_names())

    def __len__(self) -> int:
        return len(self.registry.model_names())
