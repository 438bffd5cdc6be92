"""How a value given to create or write reads on the record after the operation.

An automation rule sees the records, not the values the caller gave: `vals['f']` becomes a read
of `rec.f`, which holds the same value only for some field types (the model's field types come
from the schema: the catalogue of the series, the given dependencies, the module's own fields):

| the field's type | in the values | read on the record as |
|---|---|---|
| char, text, html, selection, integer, float, monetary, boolean, json | the value | `rec.f` |
| many2one | an id | `rec.f.id` |
| one2many, many2many | commands (`[(6, 0, ids)]`) | refused: a recordset |
| date, datetime | a string or a date | refused: a date |
| unknown | ? | refused |

A read only tested for truth (`if vals.get('f'):`, `not vals['f']`, an operand of and/or there)
is `rec.f` whatever the type: set or not, as the record holds it after the operation (for an
x2many: whether it has records, where the values said whether commands were given).
"""

from __future__ import annotations

import libcst as cst

# field types whose value on the record is what the values held
SAME = frozenset({"char", "text", "html", "selection", "integer", "float", "monetary", "boolean", "json"})
_MANY = frozenset({"one2many", "many2many"})


def as_value(record_field: cst.Attribute, kind: str | None) -> cst.BaseExpression | None:
    """What stands for the value given, read as a value (not only tested) on `rec.f`; None when
    nothing does (`refusal` says why)."""
    if kind == "many2one":
        return cst.Attribute(record_field, cst.Name("id"))
    return record_field if kind in SAME else None


def refusal(kind: str | None) -> str:
    """Why a value of that type does not read on the record: the end of a sentence."""
    if kind is None:
        return "the schema does not know the field's type"
    if kind in _MANY:
        return f"a {kind} value there is a list of commands, the record holds records"
    return f"a {kind} value there differs from the record's"


def truth_tested(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    """The expressions a test only takes the truth of: the test, the operands of its and/or
    and `not`, down to the first other expression."""
    found = [test]
    if isinstance(test, cst.BooleanOperation):
        found += truth_tested(test.left) + truth_tested(test.right)
    elif isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        found += truth_tested(test.expression)
    return found
