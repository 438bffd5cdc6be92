"""Domains compiled to SQL and evaluated in Python, against rows in a real database.

Expected ids were worked out by hand from Odoo 18.0's rules (see migrator/runtime/domain.py).
"""

from __future__ import annotations

import datetime

import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg import sql
from psycopg.types.json import Jsonb

from migrator.pg import Harness
from migrator.runtime.domain import compile_domain
from migrator.runtime.domain_eval import matches
from migrator.runtime.tables import create_tables
from domain_strategies import domains_of

MODELS: dict = {
    "res.country": {"fields": {
        "name": {"type": "char", "store": True, "translate": True},
        "code": {"type": "char", "store": True},
    }},
    "res.partner.category": {"fields": {
        "name": {"type": "char", "store": True},
        "active": {"type": "boolean", "store": True},
    }},
    "res.partner": {"fields": {
        "name": {"type": "char", "store": True},
        "comment": {"type": "text", "store": True},
        "active": {"type": "boolean", "store": True},
        "color": {"type": "integer", "store": True},
        "credit": {"type": "float", "store": True},
        "is_company": {"type": "boolean", "store": True},
        "type": {"type": "selection", "store": True,
                 "selection": [["contact", "Contact"], ["invoice", "Invoice"]]},
        "date": {"type": "date", "store": True},
        "write_date": {"type": "datetime", "store": True},
        "country_id": {"type": "many2one", "relation": "res.country", "store": True},
        "parent_id": {"type": "many2one", "relation": "res.partner", "store": True},
        "child_ids": {"type": "one2many", "relation": "res.partner", "store": True,
                      "inverse_name": "parent_id"},
        "category_id": {"type": "many2many", "relation": "res.partner.category", "store": True,
                        "relation_table": "res_partner_category_rel",
                        "column1": "partner_id", "column2": "category_id"},
        "display_name": {"type": "char", "store": False},
    }},
}

COUNTRIES = [(1, "Belgium", "BE"), (2, "France", "FR"), (3, "Nowhere", None)]
CATEGORIES = [(1, "VIP", True), (2, "Old", False), (3, "New", True)]
D = datetime.date
PARTNERS = [  # id, name, active, color, credit, is_company, type, date, write_date, country, parent
    (1, "Alpha", True, 0, 10.5, True, "contact", D(2024, 1, 1), None, 1, None),
    (2, "beta", True, None, None, None, None, None, None, 2, 1),
    (3, "", False, 5, 0.0, False, "invoice", D(2024, 6, 30), None, None, 1),
    (4, None, None, -3, -2.0, True, "contact", None, None, 3, 2),
    (5, "Al_pha%", True, 1, 1.0, False, None, None, datetime.datetime(2024, 6, 30, 12), 1, None),
]
PARTNER_COLUMNS = ("id", "name", "active", "color", "credit", "is_company", "type", "date",
                   "write_date", "country_id", "parent_id")
CATEGORY_LINKS = [(1, 1), (2, 2), (3, 1), (3, 3), (5, 3)]
ALL = {1, 2, 3, 4, 5}


def _insert_partners(conn: psycopg.Connection, partners: list[tuple], links: list[tuple]) -> None:
    conn.execute("DELETE FROM res_partner_category_rel")
    conn.execute("DELETE FROM res_partner")
    for row in partners:  # parents first: ids are increasing and parents point backwards
        conn.execute(sql.SQL("INSERT INTO res_partner ({}) VALUES ({})").format(
            sql.SQL(", ").join(map(sql.Identifier, PARTNER_COLUMNS)),
            sql.SQL(", ").join(sql.Placeholder() * len(PARTNER_COLUMNS))), row)
    for link in links:
        conn.execute("INSERT INTO res_partner_category_rel VALUES (%s, %s)", link)


@pytest.fixture(scope="module")
def conn(pg_dsn: str):
    with Harness(pg_dsn) as harness, harness.connect(harness.create_database(), autocommit=True) as conn:
        create_tables(conn, MODELS)
        for cid, name, code in COUNTRIES:
            conn.execute("INSERT INTO res_country VALUES (%s, %s, %s)", (cid, Jsonb({"en_US": name}), code))
        for cid, name, active in CATEGORIES:
            conn.execute("INSERT INTO res_partner_category VALUES (%s, %s, %s)", (cid, name, active))
        _insert_partners(conn, PARTNERS, CATEGORY_LINKS)
        yield conn


def sql_ids(conn: psycopg.Connection, domain: list) -> set[int]:
    query = sql.SQL("SELECT id FROM res_partner WHERE {}").format(
        compile_domain(domain, "res.partner", MODELS))
    return {row[0] for row in conn.execute(query)}


def python_ids(conn: psycopg.Connection, domain: list) -> set[int]:
    """Load every record as the runtime would hand it over, then evaluate in Python."""
    records: dict[str, dict[int, dict]] = {}
    for model, table in (("res.country", "res_country"), ("res.partner.category", "res_partner_category"),
                         ("res.partner", "res_partner")):
        cur = conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(table)))
        names = [c.name for c in cur.description]
        records[model] = {row[0]: dict(zip(names, row)) for row in cur}
    for country in records["res.country"].values():
        country["name"] = country["name"]["en_US"]
    partners = records["res.partner"]
    for partner in partners.values():
        partner["child_ids"] = [p["id"] for p in partners.values() if p["parent_id"] == partner["id"]]
        partner["category_id"] = [c for p, c in conn.execute("SELECT * FROM res_partner_category_rel")
                                  if p == partner["id"]]

    def resolve(model: str, record_id: int) -> dict:
        return records[model][record_id]

    return {pid for pid, values in partners.items()
            if matches(domain, values, resolve, "res.partner", MODELS)}


CASES = [
    ([], ALL),
    ([(1, "=", 1)], ALL),
    ([(0, "=", 1)], set()),
    # char: False means '' or NULL; != includes NULL
    ([("name", "=", False)], {3, 4}),
    ([("name", "!=", False)], {1, 2, 5}),
    ([("name", "=", "Alpha")], {1}),
    ([("name", "<>", "Alpha")], {2, 3, 4, 5}),
    ([("name", "=", ["Alpha", "beta"])], {1, 2}),
    ([("name", "like", "_p")], {1, 5}),
    ([("name", "like", "lph")], {1}),
    ([("name", "ilike", "AL")], {1, 5}),
    ([("name", "not ilike", "al")], {2, 3, 4}),
    ([("name", "=like", "A%")], {1, 5}),
    ([("name", "=ilike", "B%")], {2}),
    ([("name", "=like", "")], {3, 4}),
    (["!", ("name", "=like", "A%")], {2, 3}),
    ([("name", "like", "")], ALL),
    ([("name", "not like", "")], set()),
    ([("name", "like", "a\\%")], {5}),
    ([("name", "in", ["Alpha", False])], {1, 3, 4}),
    ([("name", "not in", ["Alpha"])], {2, 3, 4, 5}),
    ([("name", "not in", ["Alpha", False])], {2, 5}),
    ([("name", "in", [])], set()),
    ([("name", "not in", [])], ALL),
    # numbers: False means 0 or NULL; inequalities read NULL as 0
    ([("color", "=", False)], {1, 2}),
    ([("color", "!=", 0)], {3, 4, 5}),
    ([("color", "<", 2)], {1, 2, 4, 5}),
    ([("color", ">", 0)], {3, 5}),
    ([("color", ">=", 0)], {1, 2, 3, 5}),
    ([("color", ">", -5)], ALL),
    (["!", ("color", "<", 2)], {3}),
    ([("color", "in", [0])], {1, 2}),
    ([("color", "not in", [0, 5])], {4, 5}),
    ([("color", "like", "-")], {4}),
    ([("credit", "<=", 0)], {2, 3, 4}),
    ([("credit", "=", 10.5)], {1}),
    # booleans: False means false or NULL
    ([("is_company", "=", False)], {2, 3, 5}),
    ([("is_company", "!=", True)], {2, 3, 5}),
    ([("is_company", "=", True)], {1, 4}),
    ([("is_company", "in", [False])], {2, 3, 5}),
    ([("is_company", "not in", [True])], {2, 3, 5}),
    ([("is_company", "in", True)], {1, 4}),
    # selection, date, datetime: False is NULL
    ([("type", "=", False)], {2, 5}),
    ([("type", "!=", "contact")], {2, 3, 5}),
    ([("date", "<", "2024-03-01")], {1}),
    ([("date", "=", False)], {2, 4, 5}),
    ([("date", ">=", D(2024, 6, 30))], {3}),
    ([("write_date", ">", "2024-06-30")], set()),
    ([("write_date", ">=", "2024-06-30")], {5}),
    ([("write_date", "<=", D(2024, 6, 30))], {5}),
    # many2one and paths through it
    ([("country_id", "=", False)], {3}),
    ([("country_id", "!=", 1)], {2, 3, 4}),
    ([("country_id", "in", [1, False])], {1, 3, 5}),
    ([("country_id.code", "=", "BE")], {1, 5}),
    ([("country_id.code", "!=", "BE")], {2, 4}),
    (["!", ("country_id.code", "=", "BE")], {2, 3, 4}),
    ([("country_id.code", "=", False)], {4}),
    ([("country_id", "any", [("code", "in", ["FR", "BE"])])], {1, 2, 5}),
    ([("country_id", "not any", [("code", "=", "BE")])], {2, 3, 4}),
    ([("country_id.name", "=", "Belgium")], {1, 5}),
    ([("parent_id.country_id.code", "=", "BE")], {2, 3}),
    # many2many: ids, False, sub-domains (which skip inactive categories)
    ([("category_id", "in", [1])], {1, 3}),
    ([("category_id", "=", 3)], {3, 5}),
    ([("category_id", "=", False)], {4}),
    ([("category_id", "!=", False)], {1, 2, 3, 5}),
    ([("category_id", "not in", [1])], {2, 4, 5}),
    ([("category_id", "in", [])], set()),
    ([("category_id", "not in", [])], ALL),
    ([("category_id.name", "=", "Old")], set()),
    ([("category_id.name", "in", ["Old", "VIP"])], {1, 3}),
    ([("category_id", "any", [("active", "=", False)])], {2}),
    ([("category_id", "not any", [("name", "=", "VIP")])], {2, 4, 5}),
    # one2many: False counts active lines only, ids do not care
    ([("child_ids", "=", False)], {2, 3, 4, 5}),
    ([("child_ids", "!=", False)], {1}),
    ([("child_ids", "in", [4])], {2}),
    ([("child_ids", "=", 3)], {1}),
    ([("child_ids", "not in", [3])], {2, 3, 4, 5}),
    ([("child_ids.name", "ilike", "BE")], {1}),
    ([("child_ids.name", "=", False)], set()),
    # id
    ([("id", "in", [1, 2])], {1, 2}),
    ([("id", "=", False)], set()),
    ([("id", "!=", False)], ALL),
    # prefix operators, implicit '&', '=?'
    (["|", ("color", "=", 5), ("name", "=", "Alpha")], {1, 3}),
    (["!", "|", ("color", "=", 5), ("name", "=", "Alpha")], {2, 4, 5}),
    (["&", ("is_company", "=", True), "!", ("color", "<", 0)], {1}),
    ([("is_company", "=", True), ("color", "<", 0)], {4}),
    (["|", "!", ("active", "=", True), ("color", "=", 1), ("name", "!=", False)], {5}),
    ([("color", "=?", False)], ALL),
    ([("color", "=?", 5)], {3}),
    (["!", ("color", "=?", False)], set()),
]


@pytest.mark.parametrize(("domain", "expected"), CASES, ids=[repr(d) for d, _ in CASES])
def test_domain(conn: psycopg.Connection, domain: list, expected: set[int]) -> None:
    assert sql_ids(conn, domain) == expected
    assert python_ids(conn, domain) == expected


@pytest.mark.parametrize(("domain", "message"), [
    ([("parent_id", "child_of", 1)], "'child_of'"),
    ([("id", "parent_of", [1])], "'parent_of'"),
    ([("display_name", "=", "x")], "non-stored field res.partner.display_name"),
    ([("country_id", "=", "Belgium")], "name search"),
    ([("name.x", "=", 1)], "domain path 'name.x'"),
    ([("category_id", "<", 3)], "operator '<' on x2many"),
])
def test_unsupported(domain: list, message: str) -> None:
    with pytest.raises(NotImplementedError, match=message):
        compile_domain(domain, "res.partner", MODELS)


@pytest.mark.parametrize("domain", [
    [("nope", "=", 1)], [("name", "~", 1)], ["|", ("name", "=", 1)], ["&"],
    [("color", "=like", 1)],
])
def test_invalid(domain: list) -> None:
    with pytest.raises((ValueError, IndexError)):
        compile_domain(domain, "res.partner", MODELS)


def test_values_are_literals_not_text(conn: psycopg.Connection) -> None:
    evil = "x'); DROP TABLE res_partner; --"
    assert sql_ids(conn, [("name", "=", evil)]) == set()
    assert conn.execute("SELECT count(*) FROM res_partner").fetchone() == (5,)


# ------------------------------------------------------------------ property test

NAMES = st.sampled_from([None, "", "a", "ab", "B", "a_b", "%"])
COLORS = st.one_of(st.none(), st.integers(-2, 2))
BOOLS = st.sampled_from([None, True, False])
TYPES = st.sampled_from([None, "contact", "invoice"])
DATES = st.sampled_from([None, D(2024, 1, 1), D(2024, 6, 30)])
COUNTRY_IDS = st.sampled_from([None, 1, 2, 3])
FIELD_VALUES = {
    "name": st.sampled_from([False, "", "a", "A", "b", "a%", "_", "a_"]),
    "color": st.sampled_from([False, 0, 1, -1, 2]),
    "credit": st.sampled_from([False, 0, 0.5, -1]),
    "is_company": st.sampled_from([True, False]),
    "type": st.sampled_from([False, "contact", "invoice"]),
    "date": st.sampled_from([False, "2024-01-01", "2024-03-01"]),
    "country_id": st.sampled_from([False, 1, 2, 3]),
    "country_id.code": st.sampled_from([False, "BE", "FR", "b"]),
    "parent_id.name": st.sampled_from([False, "a", "b"]),
    "category_id": st.sampled_from([False, 1, 2, 3]),
    "category_id.name": st.sampled_from(["VIP", "Old", "New"]),
    "child_ids": st.sampled_from([False, 1, 2, 3]),
    "child_ids.color": st.sampled_from([False, 0, 1]),
}
SCALAR_OPS = ["=", "!=", "<", ">", "<=", ">=", "like", "ilike", "not like", "not ilike", "=like", "=ilike"]
X2MANY_FIELDS = {"category_id", "child_ids"}


@st.composite
def leaves(draw: st.DrawFn) -> tuple:
    path = draw(st.sampled_from(sorted(FIELD_VALUES)))
    if path in X2MANY_FIELDS:
        op = draw(st.sampled_from(["=", "!=", "in", "not in"]))
    else:
        op = draw(st.sampled_from(SCALAR_OPS + ["in", "not in", "=?"]))
    text = path in ("name", "type", "country_id.code", "parent_id.name", "category_id.name")
    if op in ("=like", "=ilike") and not text or path == "is_company" and op in SCALAR_OPS[2:]:
        op = "="  # =like needs a text pattern; orderings and patterns on booleans say little
    if op in ("in", "not in"):
        value = draw(st.lists(FIELD_VALUES[path], max_size=3))
    else:
        value = draw(FIELD_VALUES[path])
    return (path, op, value)


def domains() -> st.SearchStrategy[list]:
    return domains_of(leaves(), max_leaves=5, max_parts=3)


@st.composite
def partner_rows(draw: st.DrawFn) -> tuple[list[tuple], list[tuple]]:
    rows, links = [], []
    for pid in range(1, draw(st.integers(1, 6)) + 1):
        parent = draw(st.sampled_from([None, *range(1, pid)]))
        rows.append((pid, draw(NAMES), draw(BOOLS), draw(COLORS), draw(st.sampled_from([None, 0.0, 0.5, -1.0])),
                     draw(BOOLS), draw(TYPES), draw(DATES), None, draw(COUNTRY_IDS), parent))
        links += [(pid, cid) for cid in draw(st.sets(st.sampled_from([1, 2, 3])))]
    return rows, links


@settings(max_examples=200, deadline=None)
@given(data=partner_rows(), domain=domains())
def test_sql_and_python_agree(conn: psycopg.Connection, data: tuple[list, list], domain: list) -> None:
    rows, links = data
    _insert_partners(conn, rows, links)
    try:
        assert sql_ids(conn, domain) == python_ids(conn, domain)
    finally:
        _insert_partners(conn, PARTNERS, CATEGORY_LINKS)
