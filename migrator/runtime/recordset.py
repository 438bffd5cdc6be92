"""Recordset behaviour that needs no database: identity, iteration, set operations,
environment switches, mapped/filtered/sorted."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from migrator.runtime.errors import RuntimeMissing

if TYPE_CHECKING:
    from migrator.runtime.types import Environment


class RecordSet:
    _name = ""

    def __init__(self, env: Environment, ids: Iterable[int] = (),
                 prefetch: tuple[int, ...] | None = None) -> None:
        # straight into the instance dict: __setattr__ is the field-assignment path
        attrs = self.__dict__
        attrs["env"] = env
        attrs["_ids"] = ids if type(ids) is tuple else tuple(ids)
        attrs["_prefetch_ids"] = prefetch

    env: Environment
    _ids: tuple[int, ...]
    # the records read along with these ones (the set a record was iterated from), as Odoo
    # prefetches: a loop over a search result reads each table once, not once per record
    _prefetch_ids: tuple[int, ...] | None

    # ------------------------------------------------------------ identity
    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    @property
    def _context(self) -> Any:
        return self.env.context

    @property
    def _uid(self) -> int:
        return self.env.uid

    @property
    def _cr(self) -> Any:
        return self.env.cr

    def __repr__(self) -> str:
        return f"{self._name}{self._ids!r}"

    def __len__(self) -> int:
        return len(self._ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def __iter__(self) -> Iterator[Any]:
        prefetch = self._prefetch_ids or self._ids
        for id_ in self._ids:
            yield self.__class__(self.env, (id_,), prefetch)

    def __reversed__(self) -> Iterator[Any]:
        prefetch = self._prefetch_ids or self._ids
        for id_ in reversed(self._ids):
            yield self.__class__(self.env, (id_,), prefetch)

    def __contains__(self, item: Any) -> bool:
        if isinstance(item, RecordSet):
            self._same_model(item, "in")
            return len(item) == 1 and item._ids[0] in self._ids
        if isinstance(item, str):
            return item in self._fields  # type: ignore[attr-defined]
        raise TypeError(f"unsupported operand type for 'in': {type(item).__name__}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RecordSet):
            return NotImplemented if other is not None and other is not False else False
        return self._name == other._name and set(self._ids) == set(other._ids)

    def __hash__(self) -> int:
        return hash((self._name, frozenset(self._ids)))

    def _same_model(self, other: Any, op: str) -> None:
        if not isinstance(other, RecordSet) or other._name != self._name:
            raise TypeError(f"inconsistent models in: {self} {op} {other}")

    def __or__(self, other: Any) -> Any:
        self._same_model(other, "|")
        return self.browse(dict.fromkeys(self._ids + other._ids))

    def __and__(self, other: Any) -> Any:
        self._same_model(other, "&")
        keep = set(other._ids)
        return self.browse(dict.fromkeys(i for i in self._ids if i in keep))

    def __sub__(self, other: Any) -> Any:
        self._same_model(other, "-")
        drop = set(other._ids)
        return self.browse(i for i in self._ids if i not in drop)

    def __add__(self, other: Any) -> Any:
        self._same_model(other, "+")
        return self.browse(self._ids + other._ids)

    def __lt__(self, other: Any) -> bool:
        self._same_model(other, "<")
        return set(self._ids) < set(other._ids)

    def __le__(self, other: Any) -> bool:
        self._same_model(other, "<=")
        return set(self._ids) <= set(other._ids)

    def __getitem__(self, key: int | slice | str) -> Any:
        if isinstance(key, str):
            field = self._fields.get(key)  # type: ignore[attr-defined]
            if field is None:
                raise KeyError(f"Invalid field {key!r} on model {self._name!r}")
            return field.__get__(self, type(self))
        if isinstance(key, slice):
            return self.browse(self._ids[key])
        return self.browse((self._ids[key],))

    def __setitem__(self, key: str, value: Any) -> None:
        field = self._fields.get(key)  # type: ignore[attr-defined]
        if field is None:
            raise KeyError(f"Invalid field {key!r} on model {self._name!r}")
        field.__set__(self, value)

    def __setattr__(self, name: str, value: Any) -> None:
        field = self._fields.get(name)  # type: ignore[attr-defined]
        if field is not None:
            field.__set__(self, value)
        else:
            object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> Any:
        # only reached for names the class does not define: Odoo methods the runtime lacks
        if name.startswith("__") or name in ("_fields",):
            raise AttributeError(name)
        raise RuntimeMissing(f"{self._name}.{name}")

    # ------------------------------------------------------------- records
    def browse(self, ids: Any = ()) -> Any:
        if not ids:
            ids = ()
        elif isinstance(ids, int):
            ids = (ids,)
        elif isinstance(ids, RecordSet):
            ids = ids._ids
        return self.__class__(self.env, (int(i) for i in ids))

    def ensure_one(self) -> Any:
        if len(self._ids) != 1:
            raise ValueError(f"Expected singleton: {self}")
        return self

    @property
    def id(self) -> int | bool:
        if not self._ids:
            return False
        return self.ensure_one()._ids[0]

    def concat(self, *others: Any) -> Any:
        ids = list(self._ids)
        for other in others:
            self._same_model(other, "concat")
            ids.extend(other._ids)
        return self.browse(ids)

    def union(self, *others: Any) -> Any:
        return self.concat(*others).browse(dict.fromkeys(self.concat(*others)._ids))

    # ---------------------------------------------------------- environment
    def with_env(self, env: Environment) -> Any:
        return self.__class__(env, self._ids, self._prefetch_ids)

    def with_context(self, *args: Any, **kwargs: Any) -> Any:
        context = dict(args[0] if args else self.env.context, **kwargs)
        if "allowed_company_ids" not in context and "allowed_company_ids" in self.env.context:
            context["allowed_company_ids"] = self.env.context["allowed_company_ids"]
        return self.with_env(self.env(context=context))

    def with_user(self, user: Any) -> Any:
        return self.with_env(self.env(user=user, su=False))

    def sudo(self, flag: bool = True) -> Any:
        return self.with_env(self.env(su=flag))

    def with_company(self, company: Any) -> Any:
        cid = company.id if isinstance(company, RecordSet) else int(company)
        allowed = [cid, *(c for c in self.env.context.get("allowed_company_ids", []) if c != cid)]
        return self.with_context(allowed_company_ids=allowed)

    # ------------------------------------------------------ functional API
    def mapped(self, func: str | Callable) -> Any:
        if isinstance(func, str):
            records: Any = self
            names = func.split(".")
            for name in names[:-1]:
                records = records._mapped_field(name)
            return records._mapped_field(names[-1])
        values = [func(record) for record in self]
        if values and isinstance(values[0], RecordSet):
            return values[0].union(*values[1:])
        return values

    def _mapped_field(self, name: str) -> Any:
        field = self._fields.get(name)  # type: ignore[attr-defined]
        if field is None:
            raise KeyError(f"Invalid field {name!r} on model {self._name!r}")
        if field.comodel_name:
            result = self.env[field.comodel_name]
            ids: list[int] = []
            for record in self:
                ids.extend(field.__get__(record, type(record))._ids)
            return result.browse(dict.fromkeys(ids))
        return [field.__get__(record, type(record)) for record in self]

    def filtered(self, func: str | Callable) -> Any:
        if isinstance(func, str):
            return self.browse(r.id for r in self if any(r.mapped(func)))
        return self.browse(r.id for r in self if func(r))

    def sorted(self, key: str | Callable | None = None, reverse: bool = False) -> Any:
        if key is None or isinstance(key, str):
            ordered = self._sorted_by_order(key)
            return self.browse(reversed(ordered._ids)) if reverse else ordered
        return self.browse(r.id for r in sorted(self, key=key, reverse=reverse))

    def _sorted_by_order(self, order: str | None) -> Any:
        raise NotImplementedError

