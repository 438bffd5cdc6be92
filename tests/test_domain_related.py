"""Domain leaves on non-stored related fields, searched along their path as Odoo 18.0 does
(Field._search_related), compiled to SQL and evaluated in Python against a real database.
"""

from __future__ import annotations

import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg import sql

from migrator.pg import Harness
from migrator.runtime.domain import compile_domain, normalize
from migrator.runtime.domain_eval import matches
from migrator.runtime.tables import create_tables
from domain_strategies import domains_of

CODES = [["incoming", "Receipt"], ["outgoing", "Delivery"], ["internal", "Internal"]]
MODELS: dict = {
    "x.country": {"fields": {
        "code": {"type": "char", "store": True},
    }},
    "x.kind": {"fields": {
        "code": {"type": "char", "store": True},
    }},
    "x.type": {"fields": {
        "name": {"type": "char", "store": True},
        "code": {"type": "selection", "store": True, "selection": CODES},
        "country_id": {"type": "many2one", "relation": "x.country", "store": True},
        "country_code": {"type": "char", "store": False, "compute": True, "related": "country_id.code"},
    }},
    "x.tag": {"fields": {
        "name": {"type": "char", "store": True},
        "active": {"type": "boolean", "store": True},
    }},
    "x.line": {"fields": {
        "picking_id": {"type": "many2one", "relation": "x.picking", "store": True},
        "product": {"type": "char", "store": True},
    }},
    "x.picking": {"fields": {
        "name": {"type": "char", "store": True},
        "type_id": {"type": "many2one", "relation": "x.type", "store": True},
        "kind_id": {"type": "many2one", "relation": "x.kind", "store": True, "required": True},
        "line_ids": {"type": "one2many", "relation": "x.line", "store": True, "inverse_name": "picking_id"},
        "tag_ids": {"type": "many2many", "relation": "x.tag", "store": True,
                    "relation_table": "x_picking_tag_rel", "column1": "picking_id", "column2": "tag_id"},
        # as the catalogue describes core related fields
        "type_code": {"type": "selection", "store": False, "compute": True, "related": "type_id.code",
                      "selection": CODES},
        "type_name": {"type": "char", "store": False, "compute": True, "related": "type_id.name"},
        # ends on x.type.country_code, itself related
        "country_code": {"type": "char", "store": False, "compute": True, "related": "type_id.country_code"},
        "type_country_id": {"type": "many2one", "relation": "x.country", "store": False, "compute": True,
                            "related": "type_id.country_id"},
        "kind_code": {"type": "char", "store": False, "compute": True, "related": "kind_id.code"},
        "product": {"type": "char", "store": False, "compute": True, "related": "line_ids.product"},
        "tag_name": {"type": "char", "store": False, "compute": True, "related": "tag_ids.name"},
        "display_name": {"type": "char", "store": False, "compute": True},
    }},
}

COUNTRIES = [(1, "BE"), (2, "FR"), (3, None)]
KINDS = [(1, "a"), (2, "b")]
TYPES = [  # id, name, code, country
    (1, "Out BE", "outgoing", 1),
    (2, "In FR", "incoming", 2),
    (3, "Internal", None, None),
    (4, "Out nowhere", "outgoing", 3),
]
PICKINGS = [(1, 1, 1), (2, 2, 2), (3, 3, 1), (4, None, 1), (5, 4, 2)]  # id, type, kind
LINES = [(1, 1, "apple"), (2, 1, "pear"), (3, 2, "apple"), (4, 4, None)]  # id, picking, product
ALL = {1, 2, 3, 4, 5}


def _fill(conn: psycopg.Connection, types: list[tuple], pickings: list[tuple], lines: list[tuple]) -> None:
    conn.execute("DELETE FROM x_line")
    conn.execute("DELETE FROM x_picking")
    conn.execute("DELETE FROM x_type")
    for row in types:
        conn.execute("INSERT INTO x_type (id, name, code, country_id) VALUES (%s, %s, %s, %s)", row)
    for pid, type_id, kind_id in pickings:
        conn.execute("INSERT INTO x_picking (id, name, type_id, kind_id) VALUES (%s, %s, %s, %s)",
                     (pid, f"P{pid}", type_id, kind_id))
    for row in lines:
        conn.execute("INSERT INTO x_line (id, picking_id, product) VALUES (%s, %s, %s)", row)


@pytest.fixture(scope="module")
def conn(pg_dsn: str):
    with Harness(pg_dsn) as harness, harness.connect(harness.create_database(), autocommit=True) as conn:
        create_tables(conn, MODELS)
        for row in COUNTRIES:
            conn.execute("INSERT INTO x_country (id, code) VALUES (%s, %s)", row)
        for row in KINDS:
            conn.execute("INSERT INTO x_kind (id, code) VALUES (%s, %s)", row)
        _fill(conn, TYPES, PICKINGS, LINES)
        yield conn


def sql_ids(conn: psycopg.Connection, domain: list, reading: str = "search") -> set[int]:
    query = sql.SQL("SELECT id FROM x_picking WHERE {}").format(
        compile_domain(domain, "x.picking", MODELS, reading=reading))
    return {row[0] for row in conn.execute(query)}


def python_ids(conn: psycopg.Connection, domain: list) -> set[int]:
    """Every record loaded as the runtime hands it over (columns, ids of lines), evaluated in Python."""
    records: dict[str, dict[int, dict]] = {}
    for model in MODELS:
        cur = conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(model.replace(".", "_"))))
        names = [c.name for c in cur.description]
        records[model] = {row[0]: dict(zip(names, row)) for row in cur}
    links = list(conn.execute("SELECT picking_id, tag_id FROM x_picking_tag_rel"))
    for picking in records["x.picking"].values():
        picking["line_ids"] = [i for i, line in records["x.line"].items() if line["picking_id"] == picking["id"]]
        picking["tag_ids"] = [t for p, t in links if p == picking["id"]]

    def resolve(model: str, record_id: int) -> dict:
        return records[model][record_id]

    return {pid for pid, values in records["x.picking"].items()
            if matches(domain, values, resolve, "x.picking", MODELS)}


CASES = [
    # positive operators: records without a type never match
    ([("type_code", "=", "outgoing")], {1, 5}),
    ([("type_code", "in", ["incoming", "outgoing"])], {1, 2, 5}),
    ([("type_name", "ilike", "out")], {1, 5}),
    ([("type_code", "!=", False)], {1, 2, 5}),
    ([("type_code", "not in", ["outgoing", False])], {2}),
    # an empty related value also matches where the many2one is empty: `= False`, and the
    # negative operators with a value
    ([("type_code", "=", False)], {3, 4}),
    ([("type_code", "in", ["outgoing", False])], {1, 3, 4, 5}),
    ([("type_code", "!=", "outgoing")], {2, 3, 4}),
    ([("type_code", "not in", ["outgoing"])], {2, 3, 4}),
    ([("type_name", "not ilike", "out")], {2, 3, 4}),
    # '!' negates the leaf before it is searched: `>=` matches no record without a type,
    # where NOT of the expanded `<` would
    (["!", ("type_name", "<", "M")], {1, 5}),
    (["!", ("type_code", "=", "outgoing")], {2, 3, 4}),
    (["!", "|", ("type_code", "=", "incoming"), ("type_name", "<", "M")], {1, 5}),
    # a chain: x.picking.country_code -> type_id.country_code -> x.type: country_id.code
    ([("country_code", "=", "BE")], {1}),
    ([("country_code", "=", False)], {3, 4, 5}),
    ([("country_code", "!=", "BE")], {2, 3, 4, 5}),
    ([("country_code", "in", ["BE", "FR"])], {1, 2}),
    # a related many2one: paths, sub-domains, ids
    ([("type_country_id.code", "=", "FR")], {2}),
    ([("type_country_id", "in", [1])], {1}),
    ([("type_country_id", "=", False)], {3, 4}),
    ([("type_country_id", "any", [("code", "=", "BE")])], {1}),
    ([("type_country_id", "not any", [("code", "=", "BE")])], {2, 3, 4, 5}),
    (["!", ("type_country_id.code", "=", "BE")], {2, 3, 4, 5}),
    # through a one2many: only many2one steps accept an empty link
    ([("product", "=", "apple")], {1, 2}),
    ([("product", "=", False)], {4}),
    ([("product", "!=", "apple")], {1, 4}),
    # a required many2one adds no empty-link alternative
    ([("kind_code", "!=", "a")], {2, 5}),
    # mixed with stored fields
    (["|", ("type_code", "=", "incoming"), ("name", "=", "P4")], {2, 4}),
]


@pytest.mark.parametrize(("domain", "expected"), CASES, ids=[repr(d) for d, _ in CASES])
def test_related_domain(conn: psycopg.Connection, domain: list, expected: set[int]) -> None:
    assert sql_ids(conn, domain) == expected
    assert python_ids(conn, domain) == expected


def test_related_is_its_path() -> None:
    tree = normalize([("type_code", "=", "outgoing")], "x.picking", MODELS)
    assert tree == ("any", "type_id", ("=", "code", "outgoing"))
    # `!=` accepts an empty type_id; kind_id is required, so no alternative is added
    assert normalize([("type_code", "!=", "outgoing")], "x.picking", MODELS) == (
        "|", ("any", "type_id", ("!=", "code", "outgoing")), ("=", "type_id", False))
    assert normalize([("kind_code", "!=", "a")], "x.picking", MODELS) == (
        "any", "kind_id", ("!=", "code", "a"))


def test_16_and_17_search_the_plain_path(conn: psycopg.Connection) -> None:
    """Odoo 16.0/17.0 (Field._search_related returns the plain path): a picking without a type
    matches neither `!=` nor `= False`, where 18.0 matches it."""
    assert normalize([("type_code", "!=", "outgoing")], "x.picking", MODELS, "path") == (
        "any", "type_id", ("!=", "code", "outgoing"))
    assert normalize(["!", ("type_code", "=", "outgoing")], "x.picking", MODELS, "path") == (
        "any", "type_id", ("!=", "code", "outgoing"))
    for domain in ([("type_code", "!=", "outgoing")], [("type_code", "=", False)]):
        assert sql_ids(conn, domain) - sql_ids(conn, domain, reading="path") == {4}  # the one without a type


@pytest.mark.parametrize(("domain", "message"), [
    ([("display_name", "=", "x")], "non-stored field x.picking.display_name"),
    ([("tag_name", "=", "x")], "through x2many field x.picking.tag_ids"),
    (["!", ("type_name", "=like", "Out%")], "negated '=like' on related field x.picking.type_name"),
    ([("type_code.x", "=", 1)], "domain path 'type_code.x' on a selection field"),
])
def test_related_unsupported(domain: list, message: str) -> None:
    with pytest.raises(NotImplementedError, match=message):
        compile_domain(domain, "x.picking", MODELS)


# ------------------------------------------------------------------ property test

VALUES = {
    "type_code": st.sampled_from([False, "incoming", "outgoing", "internal"]),
    "type_name": st.sampled_from([False, "", "Out", "out", "In", "M"]),
    "country_code": st.sampled_from([False, "BE", "FR", "b"]),
    "kind_code": st.sampled_from([False, "a", "b"]),
    "product": st.sampled_from([False, "apple", "pear", "p"]),
    "type_country_id": st.sampled_from([False, 1, 2, 3]),
    "type_country_id.code": st.sampled_from([False, "BE", "FR"]),
    "type_id": st.sampled_from([False, 1, 2, 3, 4]),
}
OPS = ["=", "!=", "<", ">", "<=", ">=", "like", "ilike", "not like", "not ilike", "in", "not in"]


@st.composite
def leaves(draw: st.DrawFn) -> tuple:
    path = draw(st.sampled_from(sorted(VALUES)))
    op = draw(st.sampled_from(OPS))
    if path in ("type_country_id", "type_id"):
        op = draw(st.sampled_from(["=", "!=", "in", "not in"]))
    if op in ("in", "not in"):
        return (path, op, draw(st.lists(VALUES[path], max_size=3)))
    return (path, op, draw(VALUES[path]))


def domains() -> st.SearchStrategy[list]:
    return domains_of(leaves(), max_leaves=4, max_parts=2)


@st.composite
def rows(draw: st.DrawFn) -> tuple[list, list, list]:
    types = [(tid, draw(st.sampled_from([None, "Out", "out", "In", ""])),
              draw(st.sampled_from([None, "incoming", "outgoing"])), draw(st.sampled_from([None, 1, 2, 3])))
             for tid in range(1, 5)]
    pickings = [(pid, draw(st.sampled_from([None, 1, 2, 3, 4])), draw(st.sampled_from([1, 2])))
                for pid in range(1, draw(st.integers(1, 6)) + 1)]
    lines = [(lid, draw(st.sampled_from([p[0] for p in pickings])),
              draw(st.sampled_from([None, "apple", "pear"])))
             for lid in range(1, draw(st.integers(0, 5)) + 1)]
    return types, pickings, lines


@settings(max_examples=150, deadline=None)
@given(data=rows(), domain=domains())
def test_related_sql_and_python_agree(conn: psycopg.Connection, data: tuple, domain: list) -> None:
    _fill(conn, *data)
    try:
        assert sql_ids(conn, domain) == python_ids(conn, domain)
    finally:
        _fill(conn, TYPES, PICKINGS, LINES)
