"""Odoo domains, compiled to SQL with Odoo 18.0's semantics (odoo/osv/expression.py and
BaseModel._condition_to_sql).

A domain is first normalized into a tree that both this compiler and the Python evaluator
(domain_eval.py) walk, so the two share every structural decision:

    ('?', bool) | ('&', t, t, ...) | ('|', t, t, ...) | ('!', t)
    | (operator, field_name, value)            value: as written, normalized
    | ('any' | 'not any', field_name, tree)    tree: on the field's comodel

As in Odoo, '!' is pushed into the leaves ('!' on `f < 1` is `f >= 1`, not SQL NOT, which
matters with NULL), and a dotted path `a.b` on a relational field is `a any [b ...]`.
Only '=like'/'=ilike' leaves keep a '!' node.

Values are embedded as `psycopg.sql.Literal`: the result is self-contained and composes
into any query (`sql.SQL("SELECT id FROM {} WHERE {}").format(table, where)`).

A leaf on a non-stored related field is replaced by the search along its path (see
`_related`), negated first when a '!' applies to it.

Not supported (NotImplementedError naming it): child_of/parent_of, name search on
relational fields (string values), non-stored fields that are not related, related paths
through an x2many whose comodel has `active`, '!' on a related leaf whose operator has no
negation ('=like', '=ilike', '=?'), binary fields kept as attachments, property and
date-granularity paths. Translated fields read the en_US value;
company-dependent fields read the value of `company_id`.
Unlike Odoo, `any` conditions on the same field are not merged; Odoo's merge can drop the
implicit `active` filter of an x2many sub-search, this compiler never does.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

from psycopg import sql

from migrator.runtime.tables import COLUMN_TYPES, column_type, table_name

Tree = tuple

TRUE_LEAF = (1, "=", 1)
FALSE_LEAF = (0, "=", 1)
OPERATORS = ("=", "!=", "<", ">", "<=", ">=", "=?", "in", "not in", "like", "ilike",
             "not like", "not ilike", "=like", "=ilike", "any", "not any")
NEGATIVE = ("!=", "not like", "not ilike", "not in")
WILDCARD = ("like", "ilike", "not like", "not ilike")
NEGATION = {"<": ">=", ">": "<=", "<=": ">", ">=": "<", "=": "!=", "!=": "=", "in": "not in",
            "not in": "in", "like": "not like", "not like": "like", "ilike": "not ilike",
            "not ilike": "ilike", "any": "not any", "not any": "any"}
SQL_OPERATORS = {"=like": "LIKE", "=ilike": "ILIKE", "like": "LIKE", "ilike": "ILIKE",
                 "not like": "NOT LIKE", "not ilike": "NOT ILIKE", "in": "IN", "not in": "NOT IN"}
NUMBER_TYPES = ("integer", "float", "monetary")
CHAR_TYPES = ("char", "text", "html")
X2MANY = ("one2many", "many2many")
ID_FIELD = {"type": "integer", "store": True}


# ------------------------------------------------------------------ normalization

def spec_of(models: dict, model: str, fname: str) -> dict:
    if fname == "id":
        return ID_FIELD
    try:
        return models[model]["fields"][fname]
    except KeyError:
        raise ValueError(f"invalid field {model}.{fname} in domain") from None


def field_of(models: dict, model: str, fname: str) -> dict:
    """The spec of a field a leaf can compare directly (stored, in a column)."""
    field = spec_of(models, model, fname)
    if field["type"] == "binary" and field.get("attachment", True):
        raise NotImplementedError(f"searching binary field {model}.{fname} stored as attachment")
    if not field.get("store", True):
        raise NotImplementedError(f"searching non-stored field {model}.{fname}")
    return field


def normalize(domain: list, model: str, models: dict, reading: str = "search") -> Tree:
    """The tree of a domain in prefix notation (implicit '&' between top-level items).
    `reading`: "search", Odoo 18.0+'s search (a non-stored related field is searched along its
    path, matching records whose path is broken when the related value is then empty);
    "path", 16.0/17.0's search (the plain path: a broken path never matches); "values", for an
    evaluator that reads record values as Odoo's filtered_domain does (18.0's related
    semantics, which agree with reading the value; leaves on non-stored computed fields kept).
    """
    # Each part is kept as a function of "negated": a leaf on a related field is negated
    # before it is expanded, as Odoo pushes '!' into the leaves before searching it.
    stack: list[Build] = []
    for item in reversed(domain):
        if item == "!":
            stack.append(_negated(stack.pop()))
        elif item in ("&", "|"):
            stack.append(_combined(item, stack.pop(), stack.pop()))
        elif isinstance(item, (list, tuple)) and len(item) == 3:
            stack.append(_leaf(tuple(item), model, models, reading))
        else:
            raise ValueError(f"invalid domain item {item!r}")
    return _combine("&", [build(False) for build in reversed(stack)])


Build = Callable[[bool], Tree]  # the tree of a domain part (True: of its negation)


def _negated(build: Build) -> Build:
    return lambda negated: build(not negated)


def _combined(op: str, first: Build, second: Build) -> Build:
    def build(negated: bool) -> Tree:
        return _combine(op if not negated else "|" if op == "&" else "&", (first(negated), second(negated)))
    return build


def _plain(tree: Tree) -> Build:
    return lambda negated: negate(tree) if negated else tree


def _leaf(item: tuple, model: str, models: dict, reading: str = "search") -> Build:
    if item == TRUE_LEAF:
        return _plain(("?", True))
    if item == FALSE_LEAF:
        return _plain(("?", False))
    left, operator, right = item
    if not isinstance(operator, str):
        raise ValueError(f"invalid domain operator {operator!r}")
    operator = operator.lower()
    if operator == "<>":
        operator = "!="
    if operator in ("child_of", "parent_of"):
        raise NotImplementedError(f"domain operator {operator!r}")
    if operator not in OPERATORS or not isinstance(left, str) or not left:
        raise ValueError(f"invalid domain leaf {item!r}")
    if isinstance(right, bool) and operator in ("in", "not in"):
        operator = "=" if operator == "in" else "!="
    if isinstance(right, (list, tuple)) and operator in ("=", "!="):
        operator = "in" if operator == "=" else "not in"

    fname, _, rest = left.partition(".")
    field = spec_of(models, model, fname)
    if (rest or operator in ("any", "not any")) and (
            field["type"] not in ("many2one", *X2MANY) or not field.get("relation")):
        raise NotImplementedError(f"domain path {left!r} on a {field['type']} field")
    if not field.get("store", True) and field.get("related"):
        if rest:  # Odoo reads `f.rest` as `f any [rest]` before searching f
            operator, right = "any", [(rest, operator, right)]
        return _related(model, fname, field, operator, right, models, reading)
    if reading == "values" and not field.get("store", True) and not rest and field["type"] not in X2MANY \
            and operator not in ("any", "not any"):
        return _plain((operator, fname, right))  # the evaluator reads the record's value
    return _plain(_stored_leaf(model, fname, rest, operator, right, models, reading))


def _stored_leaf(model: str, fname: str, rest: str, operator: str, right: object, models: dict,
                 reading: str = "search") -> Tree:
    field = field_of(models, model, fname)
    if rest or operator in ("any", "not any"):
        comodel = field["relation"]
        if rest:
            return ("any", fname, normalize([(rest, operator, right)], comodel, models, reading))
        if not isinstance(right, (list, tuple)):
            raise ValueError(f"domain operator {operator!r} needs a domain, got {right!r}")
        return (operator, fname, normalize(list(right), comodel, models, reading))

    if field["type"] in ("many2one", *X2MANY) and (
            isinstance(right, str) or isinstance(right, (list, tuple))
            and right and all(isinstance(v, str) for v in right)):
        raise NotImplementedError(f"name search on relational field {model}.{fname}")
    if field["type"] in X2MANY and operator not in ("=", "!=", "in", "not in"):
        raise NotImplementedError(f"domain operator {operator!r} on x2many field {model}.{fname}")
    if field["type"] == "datetime" and right and operator not in ("in", "not in"):
        right = _day_bound(right, operator)
    return (operator, fname, right)


def _related(model: str, fname: str, field: dict, operator: str, value: object, models: dict,
             reading: str = "search") -> Build:
    """A leaf on a non-stored related field, searched along its path as Odoo 18.0 does
    (Field._search_related): `('x', op, v)` with x related to `a.b.c` is
    `a any [b any [c op v]]`, and when the related value is empty for every record whose
    path is broken (`= False`, `!=`/`not in`/`not like` a value), `| a = False` at each
    many2one of the path that is not required. A path ending on another non-stored related
    field continues along that field's own path."""
    names = field["related"].split(".")
    hops: list[tuple[str, dict]] = []
    current = model
    for name in names[:-1]:
        hop = spec_of(models, current, name)
        if hop["type"] not in ("many2one", *X2MANY) or not hop.get("relation"):
            raise ValueError(f"invalid related path {field['related']!r} of {model}.{fname}")
        if hop["type"] in X2MANY and "active" in models[hop["relation"]]["fields"]:
            # Odoo searches the path without the implicit `active` filter, which `any`
            # on an x2many field applies
            raise NotImplementedError(
                f"searching related field {model}.{fname} through x2many field {current}.{name}")
        hops.append((name, hop))
        current = hop["relation"]

    def expand(operator: str) -> Tree:
        if operator in ("any", "not any"):
            can_be_null = operator == "not any"
        else:
            values = value if isinstance(value, (list, tuple)) else [value]
            value_is_null = any(v is False or v is None for v in values)
            can_be_null = value_is_null != (operator in NEGATIVE)
        if reading == "path":
            can_be_null = False  # 16.0/17.0: Field._search_related returns the plain path
        domain: list = [(names[-1], operator, value)]
        for name, hop in reversed(hops):
            domain = [(name, "any", domain)]
            if can_be_null and hop["type"] == "many2one" and not hop.get("required"):
                domain = ["|", *domain, (name, "=", False)]
        return normalize(domain, model, models, reading)

    positive = expand(operator)  # any error shows when the domain is read

    def build(negated: bool) -> Tree:
        if not negated:
            return positive
        if operator not in NEGATION:
            # Odoo wraps the expansion in SQL NOT, whose NULLs the evaluator cannot follow
            raise NotImplementedError(f"negated {operator!r} on related field {model}.{fname}")
        return expand(NEGATION[operator])
    return build


def _day_bound(value: object, operator: str) -> object:
    """A date given for a datetime means the start of the day, or its end for '>' and '<='."""
    end = operator in (">", "<=")
    if isinstance(value, str) and len(value) == 10:
        return value + (" 23:59:59" if end else " 00:00:00")
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return datetime.datetime.combine(value, datetime.time.max if end else datetime.time.min)
    return value


def negate(tree: Tree) -> Tree:
    head = tree[0]
    if head == "=?":
        if not tree[2]:
            return ("?", False)
        tree = ("=", tree[1], tree[2])
        head = "="
    if head == "?":
        return ("?", not tree[1])
    if head == "!":
        return tree[1]
    if head in ("&", "|"):
        return _combine("|" if head == "&" else "&", (negate(t) for t in tree[1:]))
    if head in NEGATION:
        return (NEGATION[head], tree[1], tree[2])
    return ("!", tree)


def _combine(op: str, trees: Iterator[Tree] | tuple) -> Tree:
    """An n-ary '&'/'|' node, flattened, with constant children folded away."""
    absorbing = ("?", op == "|")
    children: list[Tree] = []
    for tree in trees:
        if tree == absorbing:
            return absorbing
        if tree[0] == "?":
            continue
        children.extend(tree[1:] if tree[0] == op else (tree,))
    if not children:
        return ("?", op == "&")
    return children[0] if len(children) == 1 else (op, *children)


def mentions(tree: Tree, fname: str) -> bool:
    """Whether a leaf of this level names `fname` (Odoo's test before adding `active`)."""
    if tree[0] in ("&", "|", "!"):
        return any(mentions(t, fname) for t in tree[1:])
    return tree[0] != "?" and tree[1] == fname


def active_filter(tree: Tree, model: str, models: dict) -> Tree:
    """Odoo's x2many sub-searches only see active records, unless they ask about `active`."""
    if "active" in models[model]["fields"] and not mentions(tree, "active"):
        return _combine("&", (("=", "active", True), tree))
    return tree


def to_column(field: dict, value: object) -> object:
    """A domain value as the column stores it (Field.convert_to_column, roughly)."""
    ftype = field["type"]
    if field is ID_FIELD:
        return int(value)  # type: ignore[arg-type]
    if ftype == "integer":
        return int(value or 0)  # type: ignore[arg-type]
    if ftype in ("float", "monetary"):
        return float(value or 0.0)  # type: ignore[arg-type]
    if ftype == "boolean":
        return bool(value)
    if value is None or value is False:
        return None
    if ftype in ("many2one", "many2one_reference"):
        return int(value)  # type: ignore[arg-type]
    return value


NULL_TEST = object()  # `('f', '=', False)` on a field where False can only mean NULL


def empty_value(field: dict, operator: str, value):
    """What `= False` / `!= False` compare with, as Odoo reads it: 0 for numbers (NULL counts as
    0), '' for text (NULL counts as ''), NULL_TEST for everything else; other values unchanged."""
    if is_relational(field) and operator in ("=", "!=") and not value:
        value = False
    if operator in ("=", "!=") and (value is False or value is None):
        if is_number(field):
            return 0
        if is_char(field):
            return ""
        return NULL_TEST
    return value


def is_number(field: dict) -> bool:
    return field["type"] in NUMBER_TYPES and field is not ID_FIELD


def is_char(field: dict) -> bool:
    return field["type"] in CHAR_TYPES


def is_relational(field: dict) -> bool:
    return field["type"] in ("many2one", *X2MANY) or field is ID_FIELD


# ----------------------------------------------------------------------- compiler

def compile_domain(domain: list, model: str, models: dict, *, alias: str | None = None,
                   company_id: int = 1, reading: str = "search") -> sql.Composable:
    """A boolean SQL expression selecting the rows of `model`'s table (named `alias`,
    by default the table name) that match `domain` (`reading`: see normalize)."""
    return _Compiler(models, company_id).tree(normalize(domain, model, models, reading), model,
                                              alias or table_name(model, models[model]))


class _Compiler:
    def __init__(self, models: dict, company_id: int) -> None:
        self.models = models
        self.company_id = company_id
        self.aliases = 0

    def tree(self, tree: Tree, model: str, alias: str) -> sql.Composable:
        head = tree[0]
        if head == "?":
            return sql.SQL("TRUE" if tree[1] else "FALSE")
        if head == "!":
            return sql.SQL("(NOT {})").format(self.tree(tree[1], model, alias))
        if head in ("&", "|"):
            joiner = sql.SQL(" AND " if head == "&" else " OR ")
            return sql.SQL("({})").format(joiner.join(self.tree(t, model, alias) for t in tree[1:]))
        return self.leaf(tree, model, alias)

    def new_alias(self) -> str:
        self.aliases += 1
        return f"_t{self.aliases}"

    def subquery(self, select: str, tree: Tree, comodel: str) -> sql.Composable:
        """SELECT <select> FROM comodel WHERE <tree>, under a fresh alias."""
        sub = self.new_alias()
        return sql.SQL("SELECT {} FROM {} AS {} WHERE {}").format(
            sql.Identifier(sub, select), sql.Identifier(table_name(comodel, self.models[comodel])),
            sql.Identifier(sub), self.tree(tree, comodel, sub))

    def leaf(self, tree: Tree, model: str, alias: str) -> sql.Composable:
        operator, fname, value = tree
        field = field_of(self.models, model, fname)
        column = sql.Identifier(alias, fname)
        if operator in ("any", "not any"):
            return self.any(operator, field, fname, value, alias)
        if field["type"] == "one2many":
            return self.one2many(operator, field, value, alias)
        if field["type"] == "many2many":
            return self.many2many(operator, field, value, alias)
        return condition(field, self.field_sql(field, column), operator, value)

    def field_sql(self, field: dict, column: sql.Composable) -> sql.Composable:
        if field.get("company_dependent"):
            plain = column_type({**field, "company_dependent": False}) or COLUMN_TYPES[field["type"]]
            return sql.SQL("(({} -> {}) ->> 0)::{}").format(
                column, sql.Literal(str(self.company_id)), sql.SQL(plain))
        if field.get("translate") and is_char(field):
            return sql.SQL("({} ->> 'en_US')").format(column)
        return column

    def any(self, operator: str, field: dict, fname: str, sub: Tree, alias: str) -> sql.Composable:
        comodel = field["relation"]
        if field["type"] == "many2one":
            ids = self.subquery("id", sub, comodel)
            column = sql.Identifier(alias, fname)
            if operator == "any":
                return sql.SQL("({} IN ({}))").format(column, ids)
            return sql.SQL("(({} NOT IN ({})) OR {} IS NULL)").format(column, ids, column)
        ids = self.subquery("id", active_filter(sub, comodel, self.models), comodel)
        return self.x2many_in(field, ids, alias, negative=operator == "not any")

    def x2many_in(self, field: dict, ids: sql.Composable, alias: str, negative: bool) -> sql.Composable:
        """Records whose x2many field holds one of the comodel ids selected by `ids`."""
        if field["type"] == "one2many":
            inverse = field["inverse_name"]
            sub = self.new_alias()
            return sql.SQL("({} {} (SELECT {} FROM {} AS {} WHERE {} IN ({}) AND {} IS NOT NULL))").format(
                sql.Identifier(alias, "id"), sql.SQL("NOT IN" if negative else "IN"),
                sql.Identifier(sub, inverse),
                sql.Identifier(table_name(field["relation"], self.models[field["relation"]])),
                sql.Identifier(sub), sql.Identifier(sub, "id"), ids, sql.Identifier(sub, inverse))
        rel = self.new_alias()
        return sql.SQL("{} (SELECT 1 FROM {} AS {} WHERE {} = {} AND {} IN ({}))").format(
            sql.SQL("NOT EXISTS" if negative else "EXISTS"), sql.Identifier(field["relation_table"]),
            sql.Identifier(rel), sql.Identifier(rel, field["column1"]), sql.Identifier(alias, "id"),
            sql.Identifier(rel, field["column2"]), ids)

    def one2many(self, operator: str, field: dict, value: object, alias: str) -> sql.Composable:
        negative = operator in NEGATIVE
        if value is False:
            # records with (negative) or without lines, among the active lines
            comodel = field["relation"]
            lines = self.subquery("id", active_filter(("?", True), comodel, self.models), comodel)
            return self.x2many_in(field, lines, alias, negative=not negative)
        return self.x2many_in(field, id_list(value), alias, negative)

    def many2many(self, operator: str, field: dict, value: object, alias: str) -> sql.Composable:
        negative = operator in NEGATIVE
        if value is False:
            rel = self.new_alias()
            return sql.SQL("{} (SELECT 1 FROM {} AS {} WHERE {} = {})").format(
                sql.SQL("EXISTS" if negative else "NOT EXISTS"), sql.Identifier(field["relation_table"]),
                sql.Identifier(rel), sql.Identifier(rel, field["column1"]), sql.Identifier(alias, "id"))
        return self.x2many_in(field, id_list(value), alias, negative)


def record_ids(value: object) -> list[int]:
    """The ids an x2many leaf compares with: falsy ones are dropped, as Odoo does."""
    ids = list(value) if isinstance(value, (list, tuple)) else [value]
    return [int(i) for i in ids if i and not isinstance(i, bool)]  # type: ignore[call-overload]


def id_list(value: object) -> sql.Composable:
    """An `IN (...)` list of record ids; NULL stands for none (IN (NULL) is never true)."""
    ids = record_ids(value)
    return sql.SQL(", ").join(sql.Literal(i) for i in ids) if ids else sql.SQL("NULL")


def condition(field: dict, column: sql.Composable, operator: str, value: object) -> sql.Composable:
    """One leaf on a plain column: BaseModel._condition_to_sql of Odoo 18.0."""
    if operator == "=?":
        if value is False or value is None:
            return sql.SQL("TRUE")
        operator = "="
    if operator in ("in", "not in"):
        return _in_condition(field, column, operator, value)

    if field["type"] == "boolean" and operator in ("=", "!=") and isinstance(value, bool):
        if value != (operator == "!="):
            return sql.SQL("({} = TRUE)").format(column)
        return sql.SQL("({} IS NULL OR {} = FALSE)").format(column, column)

    value = empty_value(field, operator, value)
    if value is NULL_TEST:
        return sql.SQL("{} IS {}NULL").format(column, sql.SQL("" if operator == "=" else "NOT "))

    wildcard = operator in WILDCARD
    if wildcard and not value:
        return sql.SQL("FALSE" if operator in NEGATIVE else "TRUE")
    literal = sql.Literal(pattern_or_value(field, operator, value))
    left = column
    if operator.endswith("like") and not is_char(field):
        left = sql.SQL("({})::text").format(column)
    result = sql.SQL("({} {} {})").format(left, sql.SQL(SQL_OPERATORS.get(operator, operator)), literal)
    if bool(value) == (operator in NEGATIVE) and operator[:1] not in "<>":
        result = sql.SQL("({} OR {} IS NULL)").format(result, column)
    elif not wildcard and is_number(field) and null_as_zero(operator, to_column(field, value)):
        result = sql.SQL("({} OR {} IS NULL)").format(result, column)
    return result


def pattern_or_value(field: dict, operator: str, value: object) -> object:
    """The right-hand side of a comparison: `like` wraps the value in %, `=like` does not."""
    if operator in WILDCARD:
        return f"%{value}%"
    converted = to_column(field, value)
    if operator in ("=like", "=ilike") and converted is not None and not isinstance(converted, str):
        # Odoo sends it as is and PostgreSQL rejects `text LIKE <number>`
        raise ValueError(f"domain operator {operator!r} needs a text pattern, got {value!r}")
    return converted


def null_as_zero(operator: str, value: object) -> bool:
    """Whether an inequality on a number field also matches NULL, read as 0."""
    return (operator == ">=" and value <= 0 or operator == "<=" and value >= 0  # type: ignore[operator]
            or operator == "<" and value > 0 or operator == ">" and value < 0)  # type: ignore[operator]


def in_params(field: dict, values: object) -> tuple[list, bool]:
    """The values an `in`/`not in` list compares with, and whether NULL counts as listed."""
    if not isinstance(values, (list, tuple)):
        raise ValueError(f"'in' needs a list, got {values!r}")
    params = [v for v in values if v is not False and v is not None]
    check_null = len(params) < len(values)
    if field["type"] == "boolean":
        params = [True] if any(params) else []
        if check_null:
            params.append(False)
    elif is_number(field):
        if check_null and 0 not in params:
            params.append(0)
        check_null = check_null or 0 in params
    elif is_char(field):
        if check_null and "" not in params:
            params.append("")
        check_null = check_null or "" in params
    return [to_column(field, v) for v in params], check_null


def _in_condition(field: dict, column: sql.Composable, operator: str, values: object) -> sql.Composable:
    params, check_null = in_params(field, values)
    if params:
        result = sql.SQL("({} {} ({}))").format(column, sql.SQL(SQL_OPERATORS[operator]),
                                               sql.SQL(", ").join(sql.Literal(p) for p in params))
    else:
        result = sql.SQL("FALSE" if operator == "in" else "TRUE")
    if (operator == "in") == check_null:
        return sql.SQL("({} OR {} IS NULL)").format(result, column)
    if check_null:
        return sql.SQL("({} AND {} IS NOT NULL)").format(result, column)
    return result
