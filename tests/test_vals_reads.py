"""The one reader of `vals['f']` / `vals.get('f'[, default])` the create and write rewrites share."""

from __future__ import annotations

import libcst as cst
import pytest

from migrator.generate.transforms.vals_reads import get_call, read_key, subscript_key


@pytest.mark.parametrize(("code", "subscript", "get", "key"), [
    ("vals['stage_id']", "stage_id", None, "stage_id"),
    ("vals.get('stage_id')", None, ("stage_id", None), "stage_id"),
    ("vals.get('name', '/')", None, ("name", "'/'"), "name"),
    # not a read of the values given: another dict, a key computed, a slice, no key
    ("other['stage_id']", None, None, None),
    ("vals[key]", None, None, None),
    ("vals[1:2]", None, None, None),
    ("vals.get()", None, None, None),
    ("vals.get(name)", None, None, None),
])
def test_reads_of_the_values(code: str, subscript: str | None, get: tuple | None, key: str | None) -> None:
    node = cst.parse_expression(code)
    assert subscript_key(node, "vals") == subscript
    got = get_call(node, "vals")
    shown = None if got is None else (got[0], None if got[1] is None else cst.Module([]).code_for_node(got[1]))
    assert shown == get
    assert read_key(node, "vals") == key
