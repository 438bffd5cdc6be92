"""Rewrite: the values given to `create` read as the values of the created record.

A create override that fills a field from what the caller gave, only when the caller gave
none (a "computed default"), or reads the values after `super().create()`:

    for vals in vals_list:                          for rec in records:
        if vals.get('source_id'):                       if rec.source_id:
            continue                        ->              continue
        partner = env['res.partner'].browse(            partner = env['res.partner'].browse(
            vals['partner_id'])                             rec.partner_id.id)
        vals['source_id'] = partner.source_id.id        rec.write({'source_id': partner.source_id.id})

An automation rule on create sees the created records, not the values: "given" becomes "set
on the record" (CONVERSION.md says what differs: a default or a computed value of the field
now counts as given, an explicitly empty value as not given). A value read as a value (not
only tested for truth) needs its type (record_values.py): a many2one reads as the record's id,
plain values as they are; dates (a string in the values, a date on the record), x2many
(commands) and fields the schema does not know are refused as `uses-vals`.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from migrator.generate.cst_walk import transform, walk
from migrator.generate.transforms import record_values
from migrator.generate.transforms.base import Context, string_value, write_call
from migrator.generate.transforms.vals_reads import get_call, subscript_key

RULE = "create_values"


def record_loop(loop: cst.For, vals: str, ctx: Context, types: Mapping[str, str]) -> cst.For | None:
    """`for v in vals_list: <body>` as `for rec in records: <body on rec>`, None when it is not
    such a loop; refusals are blockers on `ctx`."""
    if not (isinstance(loop.target, cst.Name) and isinstance(loop.iter, cst.Name) and loop.iter.value == vals
            and loop.orelse is None):
        return None
    record = _fresh("rec", ctx)
    defaults = _filled_when_missing(list(loop.body.body), loop.target.value)
    reader = ValuesAsRecord(loop.target.value, cst.Name(record), ctx, types, defaults)
    body = transform(loop.body, reader)
    reader.check()
    ctx.note(f"The values given to create ({loop.target.value}) are read on each created record ({record}): "
             "given means set on the record.")
    return loop.with_changes(target=cst.Name(record), iter=cst.Name("records"), body=body)


def _fresh(base: str, ctx: Context) -> str:
    name, n = base, 1
    while name in ctx.names.local or name in ctx.names.free:
        n += 1
        name = f"{base}_{n}"
    return name


class ValuesAsRecord(cst.CSTTransformer):
    """Reads and writes of the dict `vals` as reads and writes of the record `record`."""

    def __init__(self, vals: str, record: cst.BaseExpression, ctx: Context, types: Mapping[str, str],
                 defaults: Mapping[str, bool] | None = None) -> None:
        """`defaults`: key -> whether the body writes it only where the caller gave none (None:
        after super(), where a write into the values changes nothing)."""
        super().__init__()
        self.vals, self.record, self.ctx, self.types, self.defaults = vals, record, ctx, types, defaults
        self.tests: list[cst.CSTNode] = []  # expressions only tested for truth
        self.handled: list[cst.Name] = []  # the `vals` names inside the reads, tests and writes below
        self.written: list[cst.CSTNode] = []  # the targets of `vals['f'] = ...`
        self.presence: dict[str, cst.CSTNode] = {}  # keys tested with `in` / `not in`
        self.filled: set[str] = set()  # keys written

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._key(node) is not None or self._presence(node) is not None:
            self.handled.extend(_names(node, self.vals))
        return super().on_visit(node)

    def check(self) -> None:
        """Whether the caller gave a key, the created record cannot tell: only a key the body fills
        itself may be tested so (a default computed when none was given, its difference stated)."""
        for key, node in self.presence.items():
            if key not in self.filled:
                self.ctx.block("uses-vals", f"The body tests whether the caller gave '{key}' (even empty), which the "
                               "created record cannot tell.", node, RULE)

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.vals and not any(node is n for n in self.handled):
            self.ctx.block("uses-vals", "The body uses the values given to create other than to read, test or set "
                           "one field.", node, RULE)

    # --- where a value is only tested for truth: if tests, `not`, and/or inside them
    def visit_If(self, node: cst.If) -> None:
        self.tests += record_values.truth_tested(node.test)

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> None:
        if isinstance(node.operator, cst.Not):
            self.tests += record_values.truth_tested(node.expression)

    # --- 'f' in vals / 'f' not in vals: set (or not) on the record
    def _presence(self, node: cst.CSTNode) -> str | None:
        if isinstance(node, cst.Comparison) and len(node.comparisons) == 1:
            target = node.comparisons[0]
            if isinstance(target.comparator, cst.Name) and target.comparator.value == self.vals \
                    and isinstance(target.operator, (cst.In, cst.NotIn)):
                return string_value(node.left)
        return None

    def leave_Comparison(self, original_node: cst.Comparison, updated_node: cst.Comparison) -> cst.BaseExpression:
        key = self._presence(original_node)
        if key is None or not key.isidentifier():
            return updated_node
        self._given(key)
        self.presence.setdefault(key, original_node)
        read = cst.Attribute(self.record, cst.Name(key))
        return cst.UnaryOperation(cst.Not(), read) if isinstance(original_node.comparisons[0].operator, cst.NotIn) \
            else read

    def _given(self, key: str) -> None:
        if key not in self.ctx.given:
            self.ctx.given.append(key)

    # --- vals['f'] / vals.get('f')
    def _key(self, node: cst.CSTNode) -> str | None:
        if not isinstance(node, cst.BaseExpression):
            return None
        return _read_key(node, self.vals) or (_read_default(node, self.vals) or (None, None))[0]

    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        return self._read(original_node, updated_node)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        return self._read(original_node, updated_node)

    def _read(self, original_node: cst.Subscript | cst.Call, updated_node: cst.BaseExpression) -> cst.BaseExpression:
        key = self._key(original_node)
        if key is None or not key.isidentifier() or any(original_node is w for w in self.written):
            return updated_node
        self._given(key)
        read: cst.BaseExpression = cst.Attribute(self.record, cst.Name(key))
        kind = self.types.get(key)
        if not any(original_node is t for t in self.tests):
            value = record_values.as_value(read, kind)
            if value is None:
                self.ctx.block("uses-vals", f"The body uses the value given for '{key}' as a value, and "
                               f"{record_values.refusal(kind)}.", original_node, RULE)
                return updated_node
            read = value
        default = (_read_default(original_node, self.vals) or (None, None))[1]
        if default is None or (isinstance(default, cst.Name) and default.value in ("False", "None")):
            return read
        # `vals.get('number', '/')`: what the record holds, else the default the body names
        return cst.BooleanOperation(read, cst.Or(), default, lpar=[cst.LeftParen()], rpar=[cst.RightParen()])

    # --- vals['f'] = v: a write on the record
    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        if len(node.body) == 1 and isinstance(node.body[0], cst.Assign) and len(node.body[0].targets) == 1:
            target = node.body[0].targets[0].target
            if self._key(target) is not None:
                self.written.append(target)

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine,
                                  updated_node: cst.SimpleStatementLine) -> cst.BaseStatement:
        small = original_node.body[0] if len(original_node.body) == 1 else None
        if not (isinstance(small, cst.Assign) and len(small.targets) == 1
                and (key := self._key(small.targets[0].target)) is not None):
            return updated_node
        if self.defaults is None:
            self.ctx.block("uses-vals", f"The body sets '{key}' in the values after create, which changes nothing.",
                           original_node, RULE)
            return updated_node
        # the rule fills the field once the record is inserted with the value given or its
        # default: the same end unless the insert checks the field (classify/fill_after_insert.py)
        checked = self.ctx.fill_after.get(key, "")
        if checked is None:
            pass  # a field of the module that nothing checks at the insert
        elif checked:
            self.ctx.block("uses-vals", f"The body sets '{key}' in the values, and {checked}: the record is saved "
                           f"with the value given or the default first, which that check sees.", original_node, RULE)
            return updated_node
        elif not self.defaults.get(key):
            self.ctx.block("uses-vals", f"The body sets '{key}' in the values also when the caller gave it: the "
                           "record is saved with the value given first (the ORM's create and constraints see it).",
                           original_node, RULE)
            return updated_node
        if key in self.ctx.required:
            self.ctx.block("uses-vals", f"The body fills '{key}' where the caller gave none, and the field is "
                           "required: the record is inserted without it, before a rule could fill it.",
                           original_node, RULE)
            return updated_node
        self._given(key)
        self.filled.add(key)
        self.ctx.note(f"{self.vals}['{key}'] = ... became a write on the created record.")
        value = updated_node.body[0].value  # type: ignore[attr-defined]
        return updated_node.with_changes(body=[cst.Expr(write_call(self.record, [(key, value)]))])


def _filled_when_missing(statements: list[cst.BaseStatement], vals: str) -> dict[str, bool]:
    """Key -> whether every `vals[key] = ...` of the statements runs only where the caller gave
    no value for key (a test `not vals.get(key)` / `key not in vals` around it, or a guard
    `if vals.get(key): continue` before it): a default computed when none was given."""
    found: dict[str, bool] = {}

    def walk(stmts: list[cst.BaseStatement], conds: list[tuple[cst.BaseExpression, bool]]) -> None:
        for stmt in stmts:
            if isinstance(stmt, cst.If):
                walk(list(stmt.body.body), [*conds, (stmt.test, True)])  # type: ignore[attr-defined]
                if isinstance(stmt.orelse, cst.If):
                    walk([stmt.orelse], [*conds, (stmt.test, False)])
                elif isinstance(stmt.orelse, cst.Else):
                    walk(list(stmt.orelse.body.body), [*conds, (stmt.test, False)])  # type: ignore[attr-defined]
                elif _continues(stmt):
                    conds = [*conds, (stmt.test, False)]  # what follows runs when the test is false
            elif isinstance(stmt, (cst.For, cst.While, cst.With, cst.Try)):
                walk(list(stmt.body.body), conds)  # type: ignore[attr-defined]
            elif isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    if isinstance(small, cst.Assign) and len(small.targets) == 1 \
                            and (key := subscript_key(small.targets[0].target, vals)):
                        missing = any(_missing(test, holds, key, vals) for test, holds in conds)
                        found[key] = found.get(key, True) and missing

    walk(statements, [])
    return found


def _continues(stmt: cst.If) -> bool:
    last = stmt.body.body[-1] if stmt.body.body else None  # type: ignore[attr-defined]
    return stmt.orelse is None and isinstance(last, cst.SimpleStatementLine) \
        and isinstance(last.body[-1], cst.Continue)


def _missing(test: cst.BaseExpression, holds: bool, key: str, vals: str) -> bool:
    """Whether `test` being `holds` means the caller gave no value for key ('/' counts as none
    when the test says so: `key not in vals or vals[key] == '/'`)."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        return _missing(test.expression, not holds, key, vals)
    if isinstance(test, cst.BooleanOperation):
        parts = (test.left, test.right)
        if isinstance(test.operator, cst.And) == holds:  # a and b true / a or b false: each part holds so
            return any(_missing(p, holds, key, vals) for p in parts)
        # a or b true / a and b false: one of them, each must say "missing" (or name a placeholder)
        return all(_missing(p, holds, key, vals) or (holds and _placeholder(p, key, vals)) for p in parts)
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        if isinstance(target.comparator, cst.Name) and target.comparator.value == vals \
                and string_value(test.left) == key:
            return isinstance(target.operator, cst.NotIn) == holds
        # `vals.get(key, '/') == '/'`: not given, or given as the value the module treats as none
        read = _read_default(test.left, vals)
        if read is not None and read[0] == key and isinstance(target.operator, (cst.Equal, cst.NotEqual)) \
                and _literal(target.comparator) and _same_literal(read[1], target.comparator):
            return isinstance(target.operator, cst.Equal) == holds
        return False
    return _read_key(test, vals) == key and not holds  # `vals.get(key)` false


def _placeholder(test: cst.BaseExpression, key: str, vals: str) -> bool:
    """`vals[key] == '<literal>'`: a value the module treats as none given."""
    return isinstance(test, cst.Comparison) and len(test.comparisons) == 1 \
        and isinstance(test.comparisons[0].operator, cst.Equal) and _read_key(test.left, vals) == key \
        and _literal(test.comparisons[0].comparator)


def _read_key(node: cst.BaseExpression, vals: str) -> str | None:
    """'f' for `vals['f']` / `vals.get('f')` (without a default)."""
    got = get_call(node, vals)
    if got is not None:
        return got[0] if got[1] is None else None
    return subscript_key(node, vals)


def _read_default(node: cst.BaseExpression, vals: str) -> tuple[str, cst.BaseExpression] | None:
    """('f', <literal>) for `vals.get('f', <literal>)`."""
    got = get_call(node, vals)
    return got if got is not None and got[1] is not None and _literal(got[1]) else None  # type: ignore[return-value]


def _same_literal(a: cst.BaseExpression, b: cst.BaseExpression) -> bool:
    return cst.Module(body=[]).code_for_node(a) == cst.Module(body=[]).code_for_node(b) or (
        string_value(a) is not None and string_value(a) == string_value(b))


def _literal(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.SimpleString, cst.Integer, cst.Float)) or (
        isinstance(node, cst.Name) and node.value in ("True", "False", "None"))


def _names(node: cst.CSTNode, name: str) -> list[cst.Name]:
    found: list[cst.Name] = []

    class Finder(cst.CSTVisitor):
        def visit_Name(self, n: cst.Name) -> None:
            if n.value == name:
                found.append(n)

    walk(node, Finder())
    return found
