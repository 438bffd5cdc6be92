"""Before/after comparisons in a write override: values kept before `super().write()` and
compared after it ("the amount went over the threshold", "the task just reached a folded
stage").

    def write(self, vals):
        was_folded = self.filtered(lambda t: t.stage_id.fold)       # a snapshot of the records
        before = {o.id: o.amount for o in self}                      # a snapshot of values
        res = super().write(vals)
        for task in (self - was_folded).filtered(lambda t: t.stage_id.fold):
            ...
        for order in self:
            if before[order.id] <= LIMIT < order.amount:
                ...

Odoo's automation rules hold both sides: `filter_pre_domain` is evaluated on the records
before the write, `filter_domain` after it, and a code action can read the values before the
write from `env.context['old_values']` (16.0: as `read()` returns them; 17.0+: as the records
hold them; only the fields the write sets, 17.0+ only the stored ones).

`before_after` reads the snapshots and their uses and says which form the rule takes:

- `domains`: the body after super() is one loop over the records whose tests (the loop's
  iteration over `self - snapshot`, its `.filtered(...)`, one `if` around the loop body) split
  into tests of the values before the write (snapshots) and tests of the values after it, each
  a domain: the rule's filter_pre_domain and filter_domain; the loop runs over all records;
- `old values`: any other use, when every snapshot reads only stored, non-computed fields of
  the model (16.0: not relational ones): each read of a field in a snapshot becomes the value
  Odoo kept before the write, or the record's own when the write did not set the field (then
  it did not change);
- neither (`reason` says why): the rewrite refuses with `code-before-super`.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass

from migrator.catalogue import FieldInfo
from migrator.classify.conditions import domain_text, to_domain
from migrator.classify.method_context import MethodContext, is_super_call, negate

_FLIP = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.GtE: ast.LtE, ast.Eq: ast.Eq, ast.NotEq: ast.NotEq}
_NEGATE_OP = {"=": "!=", "!=": "=", "<": ">=", "<=": ">", ">": "<=", ">=": "<", "in": "not in", "not in": "in"}


@dataclass(frozen=True)
class Snapshot:
    """`name = self.filtered(lambda var: expr)` (records) or `name = {var.id: expr for var in self}` (values)."""

    name: str
    line: int
    kind: str  # "records" | "values"
    var: str
    expr: ast.expr  # the test (records) or the value (values), on `var`
    by_id: bool = True  # values: keyed by `var.id` (else by the record)

    def on(self, name: str) -> ast.expr:
        """The snapshot's expression read on the record `name` instead of `var`."""
        return _renamed(self.expr, self.var, name)


@dataclass(frozen=True)
class BeforeAfter:
    snapshots: tuple[Snapshot, ...]
    form: str | None  # "domains" | "old values" | None (refused: see reason)
    reason: str = ""
    loop_line: int | None = None  # domains: the loop over the records, now over all of them
    test_line: int | None = None  # domains: the `if` around the loop body, now the filters
    pre: str | None = None  # domains: filter_pre_domain
    post: str | None = None  # domains: filter_domain
    fields: tuple[str, ...] = ()  # the model's fields the snapshots read
    transition: bool = False  # domains: the test after the write is the negation of the one before

    @property
    def lines(self) -> frozenset[int]:
        return frozenset(s.line for s in self.snapshots)


def before_after(ctx: MethodContext, fields: dict[str, FieldInfo], series: str) -> BeforeAfter | None:
    """The method's before/after comparison, None when it keeps no snapshot before super()."""
    if ctx.method.name != "write":
        return None
    before, after = _split(ctx.body)
    if before is None:
        return None
    self_name = ctx.method.params[0] if ctx.method.params else "self"
    snapshots = [s for s in (_snapshot(stmt, self_name) for stmt in before) if s is not None]
    if not snapshots:
        return None
    read = tuple(dict.fromkeys(f for s in snapshots for f in _fields_read(s.expr, s.var)))
    domains = _domains(ctx, snapshots, after, self_name)
    if domains is not None:
        return BeforeAfter(tuple(snapshots), "domains", fields=read, **domains)
    reason = _old_values_refusal(ctx, snapshots, read, fields, series)
    return BeforeAfter(tuple(snapshots), None if reason else "old values", reason, fields=read)


def _split(body: list[ast.stmt]) -> tuple[list[ast.stmt] | None, list[ast.stmt]]:
    """The statements before the one calling super() and those after it (the final return dropped)."""
    for index, stmt in enumerate(body):
        if any(is_super_call(n) for n in ast.walk(stmt)):
            after = body[index + 1:]
            if after and isinstance(after[-1], ast.Return):
                after = after[:-1]
            return body[:index], after
    return None, []


def _snapshot(stmt: ast.stmt, self_name: str) -> Snapshot | None:
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name):
        target, value = stmt.targets[0].id, stmt.value
    elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.value is not None:
        target, value = stmt.target.id, stmt.value
    else:
        return None
    # self.filtered(lambda r: test) / self.filtered('path')
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "filtered" \
            and _is_name(value.func.value, self_name) and len(value.args) == 1 and not value.keywords:
        test = _filter_test(value.args[0])
        if test is not None:
            return Snapshot(target, stmt.lineno, "records", test[0], test[1])
    # {r.id: expr for r in self}
    if isinstance(value, ast.DictComp) and len(value.generators) == 1:
        gen = value.generators[0]
        if isinstance(gen.target, ast.Name) and _is_name(gen.iter, self_name) and not gen.ifs and not gen.is_async:
            var = gen.target.id
            key = value.key
            by_id = isinstance(key, ast.Attribute) and key.attr == "id" and _is_name(key.value, var)
            if (by_id or _is_name(key, var)) and _only_reads(value.value, var):
                return Snapshot(target, stmt.lineno, "values", var, value.value, by_id)
    return None


def _filter_test(arg: ast.expr) -> tuple[str, ast.expr] | None:
    """(var, test) of `lambda var: test` or of `'a.b'` (as `r.a.b`)."""
    if isinstance(arg, ast.Lambda) and len(arg.args.args) == 1 and not arg.args.vararg and not arg.args.kwarg:
        var = arg.args.args[0].arg
        return (var, arg.body) if _only_reads(arg.body, var) else None
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and all(p.isidentifier() for p in arg.value.split(".")):
        node: ast.expr = ast.Name("r", ast.Load())
        for part in arg.value.split("."):
            node = ast.Attribute(node, part, ast.Load())
        return "r", node
    return None


def _only_reads(expr: ast.expr, var: str) -> bool:
    """Attribute reads of `var`, constants, comparisons and boolean logic: nothing called."""
    return not any(isinstance(n, (ast.Call, ast.Lambda, ast.NamedExpr, ast.Await, ast.Yield)) for n in ast.walk(expr))


def _fields_read(expr: ast.expr, var: str) -> list[str]:
    """The first attribute of every `var.<f>...` read (`t.stage_id.fold` -> stage_id)."""
    return [n.attr for n in ast.walk(expr) if isinstance(n, ast.Attribute) and _is_name(n.value, var)]


# ------------------------------------------------------------------ the domains form

def _domains(ctx: MethodContext, snapshots: list[Snapshot], after: list[ast.stmt], self_name: str) -> dict | None:
    """filter_pre_domain, filter_domain and the lines to unwrap, or None when the tests after
    super() are not one loop of domain tests (the old values form then)."""
    if len(after) != 1 or not isinstance(after[0], ast.For) or after[0].orelse \
            or not isinstance(after[0].target, ast.Name):
        return None
    loop = after[0]
    record = loop.target.id
    by_name = {s.name: s for s in snapshots}
    pre: list[ast.expr] = []
    post: list[ast.expr] = []
    if not _iteration(loop.iter, self_name, record, by_name, pre, post):
        return None
    test_line = None
    body = loop.body
    if len(body) == 1 and isinstance(body[0], ast.If) and not body[0].orelse:
        test_line = body[0].lineno
        for term in _conjuncts(body[0].test):
            side = _side(term, record, by_name, self_name)
            if side is None:
                return None
            (pre if side[0] == "pre" else post).append(side[1])
        body = body[0].body
    if any(isinstance(n, ast.Name) and n.id in by_name for stmt in body for n in ast.walk(stmt)):
        return None  # a snapshot read in the loop body itself: the old values form
    if not pre:
        return None  # nothing compared with the values before the write
    pre_domain = _and_domain(ctx, [_renamed(t, record, self_name) for t in pre])
    post_domain = _and_domain(ctx, [_renamed(t, record, self_name) for t in post])
    if pre_domain is None or post_domain is None:
        return None
    transition = len(pre_domain) == 1 and len(post_domain) == 1 and pre_domain[0][0] == post_domain[0][0] \
        and (pre_domain[0][0], _NEGATE_OP[pre_domain[0][1]], pre_domain[0][2]) == post_domain[0]
    return dict(loop_line=loop.lineno, test_line=test_line, pre=domain_text(pre_domain),
                post=domain_text(post_domain) if post_domain else None, transition=transition)


def _iteration(node: ast.expr, self_name: str, record: str, snapshots: dict[str, Snapshot], pre: list,
               post: list) -> bool:
    """`self`, `self - snap`, `(...).filtered(lambda r: test)`: collects their tests, on `record`."""
    if _is_name(node, self_name):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Sub) and isinstance(node.right, ast.Name) \
            and (snap := snapshots.get(node.right.id)) and snap.kind == "records":
        pre.append(negate(snap.on(record)))
        return _iteration(node.left, self_name, record, snapshots, pre, post)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "filtered" \
            and len(node.args) == 1 and not node.keywords and (test := _filter_test(node.args[0])):
        if any(isinstance(n, ast.Name) and n.id in snapshots for n in ast.walk(test[1])):
            return False
        post.append(_renamed(test[1], test[0], record))
        return _iteration(node.func.value, self_name, record, snapshots, pre, post)
    return False


def _conjuncts(test: ast.expr) -> list[ast.expr]:
    """The operands of a top-level `and`; a chained comparison `a < b <= c` as its two parts."""
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return [t for v in test.values for t in _conjuncts(v)]
    if isinstance(test, ast.Compare) and len(test.ops) > 1:
        operands = [test.left, *test.comparators]
        return [ast.Compare(operands[i], [op], [operands[i + 1]]) for i, op in enumerate(test.ops)]
    return [test]


def _side(term: ast.expr, record: str, snapshots: dict[str, Snapshot], self_name: str) -> tuple[str, ast.expr] | None:
    """("pre", test on the record before the write) for a test of snapshots only, ("post", term)
    for a test of the record only, None for a test mixing both (or reading anything else)."""
    names = {n.id for n in ast.walk(term) if isinstance(n, ast.Name)}
    used = names & set(snapshots)
    if not used:
        return ("post", term) if record in names else None
    # `record in snap` / `record not in snap`
    if isinstance(term, ast.Compare) and len(term.ops) == 1 and isinstance(term.ops[0], (ast.In, ast.NotIn)) \
            and _is_name(term.left, record) and isinstance(term.comparators[0], ast.Name) \
            and (snap := snapshots.get(term.comparators[0].id)) and snap.kind == "records":
        test = snap.on(record)
        return "pre", test if isinstance(term.ops[0], ast.In) else negate(test)
    replaced = _ReadSnapshots(record, snapshots).visit(copy.deepcopy(term))
    if any(isinstance(n, ast.Name) and n.id in snapshots for n in ast.walk(replaced)):
        return None
    return ("pre", replaced) if record in {n.id for n in ast.walk(replaced) if isinstance(n, ast.Name)} else None


class _ReadSnapshots(ast.NodeTransformer):
    """`snap[record.id]` / `snap.get(record.id)` -> the snapshot's value read on the record."""

    def __init__(self, record: str, snapshots: dict[str, Snapshot]) -> None:
        self.record, self.snapshots = record, snapshots

    def _snap(self, node: ast.expr, key: ast.expr) -> ast.expr | None:
        if not isinstance(node, ast.Name) or (snap := self.snapshots.get(node.id)) is None or snap.kind != "values":
            return None
        by_id = isinstance(key, ast.Attribute) and key.attr == "id" and _is_name(key.value, self.record)
        if by_id if snap.by_id else _is_name(key, self.record):
            return snap.on(self.record)
        return None

    def visit_Subscript(self, node: ast.Subscript) -> ast.AST:
        return self._snap(node.value, node.slice) or self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> ast.AST:
        if isinstance(node.func, ast.Attribute) and node.func.attr == "get" and len(node.args) == 1:
            found = self._snap(node.func.value, node.args[0])
            if found is not None:
                return found
        return self.generic_visit(node)


def _and_domain(ctx: MethodContext, terms: list[ast.expr]) -> list | None:
    domains = []
    for term in terms:
        if any(isinstance(n, ast.Name) and n.id in ctx.vals_names for n in ast.walk(term)):
            return None  # a test of the written values: not one of the records
        domain = to_domain(ctx, _oriented(term))
        if domain is None:
            return None
        domains.append(domain)
    return ["&"] * (len(domains) - 1) + [t for d in domains for t in d] if domains else []


def _oriented(term: ast.expr) -> ast.expr:
    """`LIMIT < r.amount` as `r.amount > LIMIT`: the field on the left, as a domain has it."""
    if isinstance(term, ast.Compare) and len(term.ops) == 1 and type(term.ops[0]) in _FLIP \
            and not isinstance(term.left, ast.Attribute) and isinstance(term.comparators[0], ast.Attribute):
        return ast.Compare(term.comparators[0], [_FLIP[type(term.ops[0])]()], [term.left])
    return term


# ------------------------------------------------------------------ the old values form

def _old_values_refusal(ctx: MethodContext, snapshots: list[Snapshot], read: tuple[str, ...],
                        fields: dict[str, FieldInfo], series: str) -> str:
    """Why the snapshots cannot be read from Odoo's old values, "" when they can."""
    for snap in snapshots:
        if not any(_is_name(n, snap.var) for n in _roots(snap.expr)) or _bare(snap.expr, snap.var):
            return f"{snap.name} (line {snap.line}) keeps more than fields of the records"
    for name in read:
        info = fields.get(name)
        if info is None:
            return f"{ctx.model}.{name} is not a field the schema catalogue knows"
        if not info.store or info.compute or info.related:
            return (f"{name} is a computed or non-stored field: Odoo's old values hold only the stored fields "
                    "the write sets, and a recomputed field changes without being written")
        if series == "16.0" and info.type in ("many2one", "one2many", "many2many"):
            return f"{name} is relational: 16.0 keeps the old values as read() returns them, ids, not records"
    return ""


def _roots(expr: ast.expr) -> list[ast.expr]:
    """The roots of the attribute chains of the expression."""
    roots = []
    for n in ast.walk(expr):
        if isinstance(n, ast.Attribute) and not isinstance(n.value, ast.Attribute):
            roots.append(n.value)
    return roots


def _bare(expr: ast.expr, var: str) -> bool:
    """`var` read other than through one of its fields (`var.id` counts as bare: it is no field)."""
    parents = {id(child): n for n in ast.walk(expr) for child in ast.iter_child_nodes(n)}
    for n in ast.walk(expr):
        if _is_name(n, var):
            parent = parents.get(id(n))
            if not isinstance(parent, ast.Attribute) or parent.attr == "id":
                return True
    return False


def _renamed(expr: ast.expr, old: str, new: str) -> ast.expr:
    class Rename(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.Name:
            return ast.copy_location(ast.Name(new, node.ctx), node) if node.id == old else node

    return Rename().visit(copy.deepcopy(expr))


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name
