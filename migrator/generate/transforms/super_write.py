"""Rewrite of a `write` override into code run by an on-write automation rule.

    def write(self, vals):
        res = super().write(vals)               for rec in records:
        if 'state' in vals:               ->        if rec.state == 'done':
            for rec in self:                            ...
                if vals.get('state') == 'done':
                    ...                         trigger_fields: ('state',)
        return res

An automation rule runs after the write and sees the records, not `vals`: a guard
`'f' in vals` covering the whole body becomes the rule's trigger field, and `vals.get('f')`
inside a loop over the records becomes the record's value as its type says
(record_values.py: `rec.f`, `rec.f.id` for a many2one; an x2many, a date or a field of
unknown type only tested for truth, a date also written again). When the caller gives their domains
(`Context.domain_guards`), the `if` tests on the written values that cover the whole body
(`if vals.get('state') == 'sale':`) are removed and their body kept: the rule's trigger fields
and filter_domain select those records. Values kept before super() and compared after it
become the rule's filter_pre_domain and filter_domain, or reads of Odoo's old values
(transforms/before_after.py). Anything else that reads `vals` is `uses-vals`; other code
before super() that reads the records (their values before the write) is `code-before-super`.

When the rule has one trigger field f (the audit's and the rewrite's), it runs only where f was
written: `'f' in vals` elsewhere in the body is true (dropped from its `and`, or its `if`
flattened), and `vals.get('f')` outside a loop over the records is the record's value (Odoo
runs a rule's actions one record at a time; all records of one write got the same value).
"""

from __future__ import annotations

import libcst as cst

from migrator.generate.cst_walk import transform, walk
from migrator.generate.transforms import before_after, record_values
from migrator.generate.transforms.base import Context, HoistedGuard, code_of, is_docstring, string_value, uses_name
from migrator.generate.transforms.super_calls import is_return_of, split_at_super
from migrator.generate.transforms.vals_reads import get_call, read_key, subscript_key

RULE = "super_write"


def apply(func: cst.FunctionDef, ctx: Context) -> cst.FunctionDef:
    split = split_at_super(func, ctx, RULE)
    compared = ctx.before_after
    body: list[cst.BaseStatement] = []
    for stmt in split.before:
        if is_docstring(stmt):
            continue  # the action's code has none; left there, it would hide the guards below
        if compared is not None and ctx.source_line(stmt) in compared.lines:
            if (kept := before_after.snapshot(stmt, compared, ctx)) is not None:
                body.append(kept)
        elif node := uses_name(stmt, {ctx.self_name}):
            ctx.block(
                "code-before-super",
                "The body reads the records before super().write(); an automation rule runs after the write.",
                node,
                RULE,
            )
        else:
            body.append(stmt)
    after = list(split.after)
    if after and is_return_of(after[-1], (split.result,) if split.result else ()):
        after.pop()
    body.extend(before_after.unwrap(after, compared, ctx) if compared is not None else after)
    vals = ctx.vals_name
    if vals is None:
        return func.with_changes(body=func.body.with_changes(body=body))
    hoisted = len(ctx.hoisted)
    body = _hoist_guards(body, vals, ctx)
    guard = _covering_guard(body, vals, ctx.self_name)
    rewriter = _Rewriter(ctx, vals, split.result, guard)
    # the removed guards held only where their field was written (written_value_domain)
    rewriter.implied.append({f for h in ctx.hoisted[hoisted:] for f in _fields_read(cst.parse_expression(h.test), vals)})
    block = transform(func.body.with_changes(body=body), rewriter)
    rewriter.check_single_trigger()
    return func.with_changes(body=block)


def _hoist_guards(body: list[cst.BaseStatement], vals: str, ctx: Context) -> list[cst.BaseStatement]:
    """The body without the `if`s (no else) that cover all of it and that the caller gave a domain for."""
    comments: list[cst.EmptyLine] = []  # the dropped `if`s' own, kept above the body
    while len(body) == 1 and isinstance(body[0], cst.If) and body[0].orelse is None:
        stmt = body[0]
        line = ctx.source_line(stmt)
        domain = ctx.domain_guards.get(line) if line is not None else None
        if domain is None:
            break
        for field in _fields_read(stmt.test, vals):
            ctx.trigger(field)
        ctx.hoisted.append(HoistedGuard(ctx.line(stmt), " ".join(code_of(stmt.test).split()), domain))
        ctx.note(f"The test {code_of(stmt.test)} became the rule's filter_domain {domain}.")
        comments += stmt.leading_lines
        body = list(stmt.body.body)  # type: ignore[attr-defined]
    if comments:
        body[0] = body[0].with_changes(leading_lines=[*comments, *body[0].leading_lines])
    return body


def _fields_read(test: cst.BaseExpression, vals: str) -> list[str]:
    """Fields of `vals` a test reads: `'f' in vals`, `vals.get('f')`, `vals['f']`."""
    found: list[str] = []

    class Reads(cst.CSTVisitor):
        def visit_Comparison(self, node: cst.Comparison) -> None:
            if (field := _written_test(node, vals)) is not None:
                found.append(field)

        def visit_Call(self, node: cst.Call) -> None:
            got = get_call(node, vals)
            if got is not None:
                found.append(got[0])

        def visit_Subscript(self, node: cst.Subscript) -> None:
            found.append(subscript_key(node, vals) or "")

    walk(test, Reads())
    return [f for f in dict.fromkeys(found) if f]


def _written_test(node: cst.BaseExpression, vals: str) -> str | None:
    """'f' for `'f' in vals`."""
    if (
        isinstance(node, cst.Comparison)
        and len(node.comparisons) == 1
        and isinstance(node.comparisons[0].operator, cst.In)
        and isinstance(node.comparisons[0].comparator, cst.Name)
        and node.comparisons[0].comparator.value == vals
    ):
        return string_value(node.left)
    return None


def _guard_fields(test: cst.BaseExpression, vals: str) -> list[str] | None:
    """The fields of `'a' in vals or 'b' in vals`, None for any other test."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        left, right = _guard_fields(test.left, vals), _guard_fields(test.right, vals)
        return left + right if left is not None and right is not None else None
    field = _written_test(test, vals)
    return [field] if field else None


def _and_operands(test: cst.BaseExpression) -> list[cst.BaseExpression]:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And) and not test.lpar:
        return [*_and_operands(test.left), *_and_operands(test.right)]
    return [test]


def _covering_guard(body: list[cst.BaseStatement], vals: str, self_name: str) -> cst.If | None:
    """The `if 'f' in vals` every statement runs under, through loops over the records."""
    if len(body) != 1:
        return None
    stmt = body[0]
    if isinstance(stmt, cst.If) and stmt.orelse is None:
        if any(_guard_fields(op, vals) for op in _and_operands(stmt.test)):
            return stmt
    if (
        isinstance(stmt, cst.For)
        and isinstance(stmt.iter, cst.Name)
        and stmt.iter.value == self_name
        and stmt.orelse is None
    ):
        return _covering_guard(list(stmt.body.body), vals, self_name)
    return None


class _Rewriter(cst.CSTTransformer):
    def __init__(self, ctx: Context, vals: str, result: str | None, guard: cst.If | None) -> None:
        super().__init__()
        self.ctx, self.vals, self.result, self.guard = ctx, vals, result, guard
        self.loops: list[str | None] = []  # loop variable of each enclosing for, None if not over records
        self.handled: set[int] = set()  # `vals` names already dealt with
        # what holds only when the rule's one trigger field is the field named: field -> nodes
        self.single: dict[str, list[cst.CSTNode]] = {}
        self.true_tests: set[int] = set()  # `'f' in vals` taken as true
        self.dropped: set[int] = set()  # those of them the rewrite removed (from an `and`, an `if`)
        self.write_values: set[int] = set()  # values of dict literals (a write's values)
        self.truth_tests: set[int] = set()  # expressions only tested for truth (if tests, not, and/or)
        # per enclosing `if` body (or test of an `if` without else): the fields its test says are written
        self.implied: list[set[str]] = []
        self.unimplied: set[int] = set()  # reads and tests outside every `if` saying their field is written
        self.targets: set[int] = set()  # assignment targets

    # --- loops over the records
    def visit_For(self, node: cst.For) -> None:
        over_records = isinstance(node.iter, cst.Name) and node.iter.value == self.ctx.self_name
        target = node.target.value if over_records and isinstance(node.target, cst.Name) else None
        self.loops.append(target)

    def leave_For(self, original_node: cst.For, updated_node: cst.For) -> cst.For:
        self.loops.pop()
        return updated_node

    def _record(self) -> str | None:
        return next((v for v in reversed(self.loops) if v), None)

    # --- `'f' in vals`
    def visit_Comparison(self, node: cst.Comparison) -> None:
        if not any(
            isinstance(c.comparator, cst.Name) and c.comparator.value == self.vals for c in node.comparisons
        ):
            return
        in_guard = self.guard is not None and any(op is node for op in _guard_parts(self.guard.test, self.vals))
        field = _written_test(node, self.vals)
        if not in_guard and field:
            # true wherever the rule runs, if f is its one trigger field (check_single_trigger)
            self._single(field, node)
            self.true_tests.add(id(node))
        elif not in_guard:
            self.ctx.block(
                "uses-vals",
                "The body tests which fields are written in a way one trigger cannot express.",
                node,
                RULE,
            )
        self._handle(node)

    def check_single_trigger(self) -> None:
        """What the body reads of `vals` outside the trigger guard holds only when the rule has one
        trigger field, the one read (the audit's trigger fields and those the rewrite added)."""
        # the audit's trigger fields: every effect under a test of that field (classify._guards)
        triggers = set(self.ctx.unit_triggers)
        for field, nodes in self.single.items():
            for node in nodes:
                if triggers == {field} and set(self.ctx.trigger_fields) <= triggers \
                        and id(node) not in self.unimplied \
                        and (id(node) not in self.true_tests or id(node) in self.dropped):
                    continue
                if id(node) in self.true_tests:
                    self.ctx.block("uses-vals", "The body tests which fields are written in a way one trigger "
                                   "cannot express.", node, RULE)
                else:
                    self.ctx.block("uses-vals", f"The body reads the written value of '{field}' where the write may "
                                   f"not set it, or where the rule would also run for another field written.",
                                   node, RULE)

    def visit_If(self, node: cst.If) -> None:
        self._truth(node.test)

    # `if` tests that hold only where a field is written: what runs under them (or is read in
    # such a test when there is no else) runs only where the field is written
    def visit_If_test(self, node: cst.If) -> None:
        self.implied.append(_chain_implied(node, self.vals))

    def leave_If_test(self, node: cst.If) -> None:
        self.implied.pop()

    def visit_If_body(self, node: cst.If) -> None:
        self.implied.append(_implied_fields(node.test, self.vals))

    def leave_If_body(self, node: cst.If) -> None:
        self.implied.pop()

    def _single(self, field: str, node: cst.CSTNode) -> None:
        self.single.setdefault(field, []).append(node)
        if not any(field in fields for fields in self.implied):
            self.unimplied.add(id(node))

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> None:
        if isinstance(node.operator, cst.Not) and id(node) in self.truth_tests:
            self._truth(node.expression)

    def _truth(self, node: cst.BaseExpression) -> None:
        self.truth_tests.add(id(node))
        if isinstance(node, cst.BooleanOperation):
            self._truth(node.left)
            self._truth(node.right)

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self.targets.add(id(node.target))  # `vals['f'] = v` sets the values: no read

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self.targets.add(id(node.target))

    def visit_DictElement(self, node: cst.DictElement) -> None:
        self.write_values.add(id(node.value))

    def leave_BooleanOperation(self, original_node: cst.BooleanOperation,
                               updated_node: cst.BooleanOperation) -> cst.BaseExpression:
        if not isinstance(original_node.operator, cst.And):
            return updated_node
        for test, other in ((original_node.left, updated_node.right), (original_node.right, updated_node.left)):
            if id(test) in self.true_tests:
                self.dropped.add(id(test))
                return other
        return updated_node

    def leave_If(self, original_node: cst.If, updated_node: cst.If) -> cst.BaseStatement | cst.FlattenSentinel:
        if id(original_node.test) in self.true_tests and original_node.orelse is None:
            self.dropped.add(id(original_node.test))
            return _flatten(updated_node)
        if original_node is not self.guard:
            return updated_node
        kept = []
        for original, updated in zip(_and_operands(original_node.test), _and_operands(updated_node.test)):
            fields = _guard_fields(original, self.vals)
            if fields is None:
                kept.append(updated)
            for field in fields or ():
                self.ctx.trigger(field)
                self.ctx.note(f"The test '{field}' in vals became a trigger field of the rule.")
        if kept:
            test = kept[0]
            for operand in kept[1:]:
                test = cst.BooleanOperation(test, cst.And(), operand)
            return updated_node.with_changes(test=test)
        return _flatten(updated_node)

    # --- vals.get('f') / vals['f']
    def visit_Call(self, node: cst.Call) -> None:
        if self._read_field(node) is not None:
            self._handle(node.func)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        return self._to_record_field(original_node, updated_node)

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if self._read_field(node) is not None and id(node) not in self.targets:
            self._handle(node.value)

    def leave_Subscript(self, original_node: cst.Subscript, updated_node: cst.Subscript) -> cst.BaseExpression:
        return self._to_record_field(original_node, updated_node)

    def _read_field(self, node: cst.Call | cst.Subscript) -> str | None:
        return read_key(node, self.vals)

    def _to_record_field(self, original_node, updated_node) -> cst.BaseExpression:
        field = self._read_field(original_node)
        if field is None or id(original_node) in self.targets:
            return updated_node
        record = self._record()
        if record is None and field.isidentifier() and self.ctx.target == "automation":
            return self._records_value(field, original_node, updated_node)
        if record is None or not field.isidentifier():
            self.ctx.block(
                "uses-vals",
                f"The body reads the written value of '{field}' outside a loop over the records.",
                original_node,
                RULE,
            )
            return updated_node
        value = self._value(field, cst.Attribute(cst.Name(record), cst.Name(field)), original_node)
        if value is None:
            self.ctx.block("uses-vals", f"The body uses the value written to '{field}' as a value, and "
                           f"{record_values.refusal(self.ctx.field_types.get(field))}.", original_node, RULE)
            return updated_node
        # `vals.get('f')` is None on a write that does not set f: the record's value stands for it
        # only where f is written and the rule runs for f alone (check_single_trigger)
        self._single(field, original_node)
        self.ctx.trigger(field)
        self.ctx.note(f"vals['{field}'] became {code_of(value)}: the value after the write.")
        return value

    def _value(self, field: str, read: cst.Attribute, original_node: cst.BaseExpression) -> cst.BaseExpression | None:
        """What stands on the record `read` names for the value written to `field`
        (record_values.py), None when nothing does; a date also as a value written again,
        where the ORM takes a date and its text alike."""
        kind = self.ctx.field_types.get(field)
        if id(original_node) in self.truth_tests:
            return read  # set or not: the same on the record
        if kind in ("date", "datetime") and id(original_node) in self.write_values:
            return read
        return record_values.as_value(read, kind)

    def _records_value(self, field: str, original_node: cst.BaseExpression,
                       updated_node: cst.BaseExpression) -> cst.BaseExpression:
        """`vals.get('f')` outside a loop: the value of the one record the action runs for, as
        the values held it (`_value`)."""
        value = self._value(field, cst.Attribute(cst.Name(self.ctx.self_name), cst.Name(field)), original_node)
        if value is None:
            self.ctx.block("uses-vals", f"The body reads the written value of '{field}' outside a loop over the "
                           f"records, and {record_values.refusal(self.ctx.field_types.get(field))}.",
                           original_node, RULE)
            return updated_node
        self._single(field, original_node)
        self.ctx.trigger(field)
        self.ctx.note(f"vals['{field}'] outside a loop became {code_of(value)} on the record the rule runs for: all "
                      "records of one write got that value.")
        return value

    # --- any other use of vals or of super()'s result
    def _handle(self, node: cst.CSTNode) -> None:
        class Mark(cst.CSTVisitor):
            def visit_Name(inner, name: cst.Name) -> None:  # noqa: N805
                self.handled.add(id(name))

        walk(node, Mark())

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if id(original_node) in self.handled:
            return updated_node
        if original_node.value == self.vals:
            self.ctx.block("uses-vals", "The body uses the written values other than to test or read one field.", original_node, RULE)
        return updated_node


def _implied_fields(test: cst.BaseExpression, vals: str) -> set[str]:
    """Fields a test being true says are written: `'f' in vals`, `vals.get('f')` / `vals['f']`
    tested for truth, equal to a literal that is not empty or in a list of such, and `and`s of
    those."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _implied_fields(test.left, vals) | _implied_fields(test.right, vals)
    if (field := _written_test(test, vals)) is not None:
        return {field}
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and (
            (isinstance(test.comparisons[0].operator, cst.Equal) and _truthy_literal(test.comparisons[0].comparator))
            or (isinstance(test.comparisons[0].operator, cst.In)
                and isinstance(test.comparisons[0].comparator, (cst.Tuple, cst.List, cst.Set))
                and test.comparisons[0].comparator.elements
                and all(_truthy_literal(e.value) for e in test.comparisons[0].comparator.elements))):
        test = test.left
    fields = _fields_read(test, vals) if isinstance(test, (cst.Call, cst.Subscript)) else []
    return set(fields) if len(fields) == 1 and code_of(test).startswith(vals) else set()


def _chain_implied(node: cst.If, vals: str) -> set[str]:
    """Fields written wherever the test of `node` is read and the `if` does anything: its own
    test's, when every `elif` after it tests them written too and there is no final `else`
    (`if vals.get('f'): ... elif 'f' in vals and not vals['f']: ...`)."""
    fields = _implied_fields(node.test, vals)
    orelse = node.orelse
    while orelse is not None and fields:
        if not isinstance(orelse, cst.If):
            return set()  # a final else runs where the fields may not be written
        fields &= _implied_fields(orelse.test, vals)
        orelse = orelse.orelse
    return fields


def _truthy_literal(node: cst.BaseExpression) -> bool:
    value = string_value(node)
    return bool(value) or (isinstance(node, (cst.Integer, cst.Float)) and node.value.strip("0.") != "") or (
        isinstance(node, cst.Name) and node.value == "True")


def _flatten(node: cst.If) -> cst.FlattenSentinel:
    """The body of an `if` in its place, the `if`'s comments above it."""
    statements = list(node.body.body)  # type: ignore[attr-defined]
    first = statements[0]
    statements[0] = first.with_changes(leading_lines=[*node.leading_lines, *first.leading_lines])
    return cst.FlattenSentinel(statements)


def _guard_parts(test: cst.BaseExpression, vals: str) -> list[cst.BaseExpression]:
    """The `'f' in vals` comparisons of a guard test."""
    parts: list[cst.BaseExpression] = []

    def walk(node: cst.BaseExpression) -> None:
        if isinstance(node, cst.BooleanOperation):
            walk(node.left)
            walk(node.right)
        elif _written_test(node, vals):
            parts.append(node)

    for operand in _and_operands(test):
        if _guard_fields(operand, vals) is not None:
            walk(operand)
    return parts
