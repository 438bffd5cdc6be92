"""`env`: the registry, a cursor, a user and a context, as Odoo's api.Environment."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from migrator.runtime.clock import Clock, activate
from migrator.runtime.cursor import Cursor

if TYPE_CHECKING:
    from migrator.runtime.types import BaseModel, Registry

SUPERUSER_ID = 1


class frozendict(dict):
    """An immutable dict, as Odoo's env.context is."""

    def _refuse(self, *args: Any, **kwargs: Any) -> None:
        raise TypeError("'frozendict' object is immutable")

    __setitem__ = __delitem__ = _refuse  # type: ignore[assignment]
    clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(frozenset((k, repr(v)) for k, v in self.items()))


class Environment(Mapping):
    def __init__(self, registry: Registry, cr: Cursor, uid: int, context: Mapping | None = None,
                 su: bool = False) -> None:
        self.registry = registry
        self.cr = cr
        self.uid = uid
        self.context = frozendict(context or {})
        self.su = su or uid == SUPERUSER_ID
        activate(registry.clock)

    # ------------------------------------------------------------------ models
    def __getitem__(self, model: str) -> BaseModel:
        return self.registry.model_class(model)(self, ())

    def __contains__(self, model: object) -> bool:
        return isinstance(model, str) and self.registry.has_model(model)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.registry.model_names())

    def __len__(self) -> int:
        return len(self.registry.model_names())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Environment) and (self.registry, self.cr, self.uid, self.su,
                                                    self.context) == (other.registry, other.cr, other.uid,
                                                                      other.su, other.context)

    def __hash__(self) -> int:
        return hash((id(self.registry), id(self.cr), self.uid, self.su, hash(self.context)))

    def __call__(self, cr: Cursor | None = None, user: Any = None, context: Mapping | None = None,
                 su: bool | None = None) -> Environment:
        uid = self.uid if user is None else int(user.id if hasattr(user, "_ids") else user)
        su = self.su if su is None and user is None else bool(su)
        if uid == self.uid and context is None and (cr is None or cr is self.cr) and (su or uid == SUPERUSER_ID) == self.su:
            return self  # nothing changes (env.user, env.company ask for the superuser one often)
        return Environment(self.registry, cr or self.cr, uid,
                           self.context if context is None else context, su)

    # ------------------------------------------------------------------ lookups
    def ref(self, xmlid: str, raise_if_not_found: bool = True) -> BaseModel | None:
        module, _, name = xmlid.partition(".")
        if not name:
            raise ValueError(f"External ID must be fully qualified: {xmlid}")
        self.cr.execute("SELECT model, res_id FROM ir_model_data WHERE module = %s AND name = %s",
                        (module, name))
        row = self.cr.fetchone()
        if row is None:
            if raise_if_not_found:
                raise ValueError(f"External ID not found in the system: {xmlid}")
            return None
        record = self[row[0]].browse(row[1])
        if not record.exists():
            if raise_if_not_found:
                raise ValueError(f"External ID not found in the system: {xmlid}")
            return None
        return record

    @property
    def user(self) -> BaseModel:
        return self(su=True)["res.users"].browse(self.uid)

    @property
    def company(self) -> BaseModel:
        allowed = self.context.get("allowed_company_ids")
        companies = self(su=True)["res.company"]
        return companies.browse(allowed[0]) if allowed else self.user.company_id

    @property
    def companies(self) -> BaseModel:
        allowed = self.context.get("allowed_company_ids")
        return self(su=True)["res.company"].browse(allowed) if allowed else self.company

    def _(self, source: str, *args: Any, **kwargs: Any) -> str:
        """18.0's `env._()`: the replay language is en_US, so the source text, formatted."""
        if int(self.registry.series.split(".")[0]) < 18:
            raise AttributeError("'Environment' object has no attribute '_'")  # as in 16.0 and 17.0
        from migrator.runtime.odoo_shim.translate import _
        return _(source, *args, **kwargs)

    @property
    def lang(self) -> str | None:
        return self.context.get("lang")

    @property
    def clock(self) -> Clock:
        return self.registry.clock

    def is_superuser(self) -> bool:
        return self.su

    def is_admin(self) -> bool:
        # replay users are the seeded admin and OdooBot; the runtime has no groups
        return self.su or self.uid in (SUPERUSER_ID, 2)

    def is_system(self) -> bool:
        return self.is_admin()

    # the runtime keeps no cache: reads always see the database
    def flush_all(self) -> None:
        pass

    def invalidate_all(self, flush: bool = True) -> None:
        pass


def series_major(env: Any) -> int:
    """The replayed series' major version (16 for 16.0): what differs between series reads it."""
    return int(env.registry.series.split(".")[0])
