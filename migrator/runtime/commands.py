"""x2many values on create/write: Odoo's Command tuples, recordsets and id lists."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from psycopg import sql

from migrator.runtime import core_data

if TYPE_CHECKING:
    from migrator.runtime.types import BaseModel, Field

CREATE, UPDATE, DELETE, UNLINK, LINK, CLEAR, SET = range(7)


def commands_of(value: Any) -> list[tuple]:
    """Command tuples for any accepted x2many value."""
    if value is False or value is None:
        return [(CLEAR,)]
    if hasattr(value, "_ids"):
        return [(SET, 0, list(value._ids))]
    commands = []
    ids = []
    for item in value:
        if isinstance(item, (list, tuple)):
            commands.append(tuple(item))
        elif isinstance(item, int):
            ids.append(item)  # a plain id list replaces the relation, as in Odoo
        else:
            raise ValueError(f"invalid x2many command {item!r}")
    if ids:
        commands.insert(0, (SET, 0, ids))
    return commands


def apply(record: BaseModel, field: Field, value: Any) -> None:
    """Apply an x2many value to one record."""
    comodel = record.env[field.comodel_name]
    for command in commands_of(value):
        code = command[0]
        if code == CREATE:
            if field.type == "one2many":
                comodel.create({**command[2], field.get("inverse_name"): record.id})
            else:
                _link(record, field, comodel.create(command[2])._ids)
        elif code == UPDATE:
            comodel.browse(command[1]).write(command[2])
        elif code == DELETE:
            comodel.browse(command[1]).unlink()
        elif code == UNLINK:
            _remove(record, field, comodel.browse(command[1]))
        elif code == LINK:
            if field.type == "one2many":
                comodel.browse(command[1]).write({field.get("inverse_name"): record.id})
            else:
                _link(record, field, (command[1],))
        elif code == CLEAR:
            _remove(record, field, _current(record, field))
        elif code == SET:
            wanted = comodel.browse(command[2] if len(command) > 2 else command[1])
            _remove(record, field, _current(record, field) - wanted)
            if field.type == "one2many":
                wanted.write({field.get("inverse_name"): record.id})
            else:
                _link(record, field, wanted._ids)
        else:
            raise ValueError(f"invalid x2many command {command!r}")


def _current(record: BaseModel, field: Field) -> BaseModel:
    return field.__get__(record.with_context(active_test=False), type(record))


def _remove(record: BaseModel, field: Field, lines: BaseModel) -> None:
    """Detach lines: one2many lines are deleted when their many2one cascades, else emptied."""
    if not lines:
        return
    if field.type == "one2many":
        inverse = field.get("inverse_name")
        inverse_field = lines._fields[inverse]
        cascade = inverse_field.get("ondelete") == "cascade" or \
            (lines._name, inverse) in core_data.CASCADE
        if cascade:
            lines.unlink()
        else:
            lines.write({inverse: False})
        return
    rel, col1, col2 = _relation(record, field)
    record.env.cr.write_rows(sql.SQL("DELETE FROM {} WHERE {} = %s AND {} = ANY(%s)").format(
        rel, col1, col2), (record.id, list(lines._ids)), field.get("relation"))


def _link(record: BaseModel, field: Field, ids: tuple[int, ...] | list[int]) -> None:
    if not ids:
        return
    rel, col1, col2 = _relation(record, field)
    record.env.cr.write_rows(sql.SQL(
        "INSERT INTO {} ({}, {}) SELECT %s, unnest(%s::int4[]) ON CONFLICT DO NOTHING").format(
        rel, col1, col2), (record.id, list(ids)), field.get("relation"))


def _relation(record: BaseModel, field: Field) -> tuple[sql.Identifier, sql.Identifier, sql.Identifier]:
    record._registry.table(field.comodel_name)  # the relation table exists only with the comodel's
    return (sql.Identifier(field.get("relation")), sql.Identifier(field.get("column1")),
            sql.Identifier(field.get("column2")))


class Command:
    """Odoo's `Command` helpers: the tuples above, by name."""

    CREATE, UPDATE, DELETE, UNLINK, LINK, CLEAR, SET = CREATE, UPDATE, DELETE, UNLINK, LINK, CLEAR, SET

    @staticmethod
    def create(values: dict) -> tuple:
        return (CREATE, 0, values)

    @staticmethod
    def update(id_: int, values: dict) -> tuple:
        return (UPDATE, id_, values)

    @staticmethod
    def delete(id_: int) -> tuple:
        return (DELETE, id_, 0)

    @staticmethod
    def unlink(id_: int) -> tuple:
        return (UNLINK, id_, 0)

    @staticmethod
    def link(id_: int) -> tuple:
        return (LINK, id_, 0)

    @staticmethod
    def clear() -> tuple:
        return (CLEAR, 0, 0)

    @staticmethod
    def set(ids: Any) -> tuple:
        return (SET, 0, list(ids))
