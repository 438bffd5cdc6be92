"""Classification: facts of one module -> behaviour units (docs/classification.md)."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from migrator.analyze.module_facts import ModuleFacts
from migrator.analyze.python_facts import MethodFacts
from migrator.classify.conditions import domain_text, implies_written, to_domain, vals_fields
from migrator.classify.method_context import MethodContext, Statement, is_super_call
from migrator.classify.rule import Rule
from migrator.classify.date_offsets import relative_to_now
from migrator.classify.time_based import TimeSearch, time_search
from migrator.classify.track_template import NAME as TRACK_TEMPLATE
from migrator.classify.triggers import Candidate, candidates
from migrator.model import Blocker, Effect, Unit


def classify(module: ModuleFacts, rules: Sequence[Rule], example_mode: bool = False) -> list[Unit]:
    units: list[Unit] = []
    for cand in candidates(module, example_mode):
        ctx = MethodContext(cand.method, module, cand.trigger)
        effects: list[Effect] = []
        blockers: list[Blocker] = []
        anchors: dict[int, int] = {}  # id of a helper's effect -> line of the call in the method
        # What the helpers it calls do is what the method does: their effects and blockers
        # belong to its units (the call itself is calls-custom-method, or it is inlined).
        for method, call_line in ((cand.method, None), *helpers(ctx)):
            mctx = ctx if method is cand.method else MethodContext(method, module, cand.trigger)
            for rule in rules:
                for item in rule.check(mctx):
                    (effects if isinstance(item, Effect) else blockers).append(item)
                    if call_line is not None and isinstance(item, Effect):
                        anchors[id(item)] = call_line
        effects.sort(key=lambda e: (anchors.get(id(e), e.span.line_start), e.span.file != cand.method.file,
                                    e.span.file, e.span.line_start, e.span.line_end))
        units.extend(_units(ctx, cand, effects, list(dict.fromkeys(blockers)), anchors))
    return units


def helpers(ctx: MethodContext, limit: int = 8) -> list[tuple[MethodFacts, int]]:
    """Methods of the module the method calls on its records, and those they call, in call order,
    each with the line of the method's own call that leads to it."""
    found: list[tuple[MethodFacts, int]] = []
    todo: list[tuple[MethodContext, int | None]] = [(ctx, None)]
    while todo and len(found) < limit:
        current, anchor = todo.pop(0)
        for call, name, recv in current.method_calls():
            if not current.is_records(recv) or is_super_call(call):
                continue
            for method in ctx.module.methods:
                if method.name == name and method.model == ctx.model and method is not ctx.method \
                        and not _orm_override(method) and all(method is not m for m, _ in found):
                    line = anchor if anchor is not None else call.lineno
                    found.append((method, line))
                    todo.append((MethodContext(method, ctx.module, ctx.trigger), line))
    return found[:limit]


def _orm_override(method: MethodFacts) -> bool:
    """An override of create/write/unlink: `records.write(...)` is the ORM's call, whatever the
    override does is judged as its own trigger (a rule the call sets off too, or it stays)."""
    return method.calls_super and method.name in ("create", "write", "unlink")


def _units(ctx: MethodContext, cand: Candidate, effects: list[Effect], blockers: list[Blocker],
           anchors: dict[int, int]) -> list[Unit]:
    m = cand.method
    base = dict(model=ctx.model, method=m.name, evidence=m.span, blockers=tuple(blockers), cron=cand.cron)
    trigger = cand.trigger
    if trigger == "cron":
        timed = time_search(ctx) if effects else None
        if timed is None:
            return [Unit(kind="cron_job", trigger="cron", trigger_fields=(), effects=tuple(effects),
                         convertible="no" if blockers else "code", **base)]
        return [_timed_unit(ctx, timed, effects, blockers, base, anchors)]
    elif not effects:
        if m.name == "copy":  # a copy creates a record; its blocker must show
            return [Unit(kind="record_create", trigger=trigger, trigger_fields=(), convertible="no", **base)]
        if blockers and trigger in ("on_create", "on_write", "on_unlink") and _calls_own_method(ctx):
            # an override whose work is done by methods of the module no rule recognises, and
            # something stops it: the unit says why it stays rather than nothing at all
            return [Unit(kind="helper", trigger=trigger, trigger_fields=(), convertible="no", **base)]
        return []
    simple = _only_effects(ctx, effects)
    units = []
    for kind, group in _by_kind(effects):
        # a helper's effect is guarded by the tests around the method's call of the helper
        statements = [ctx.statement_at(anchors.get(id(e), e.span.line_start)) for e in group]
        fields, domain = _guards(ctx, statements)
        if m.name == TRACK_TEMPLATE:  # the tracked fields whose change posts the templates
            fields = tuple(dict.fromkeys(e.details["tracked"] for e in group if "tracked" in e.details))
        elif trigger != "on_write":
            fields = ()  # only a write has fields whose change matters
        if blockers:
            convertible = "no"
        elif simple and domain is not None and all(e.no_code for e in group):
            convertible = "no_code"
        else:
            convertible = "code"
        units.append(Unit(kind=kind, trigger=trigger, trigger_fields=fields, effects=group, convertible=convertible,
                          condition=domain_text(domain) if domain else None, **base))
    return units


def _timed_unit(ctx: MethodContext, timed: TimeSearch, effects: list[Effect], blockers: list[Blocker],
                base: dict, anchors: dict[int, int]) -> Unit:
    """A cron acting per record on the records whose date has come. A time-based automation
    rule (`on_time`) can replace it, no-code, when it does the same: it acts once per record
    (when date + delay passes), where the cron acts on every record its search finds at each
    run. Equivalent when the search finds a record on one day only (`date = today + N`) or
    when acting again changes nothing (constant field writes); else the cron stays a scheduled
    action (code). The plan records the choice (Unit.replaced_by)."""
    _fields, domain = _guards(ctx, [ctx.statement_at(anchors.get(id(e), e.span.line_start)) for e in effects])
    domain = _and(timed.domain, domain)
    once = timed.operator == "=" or all(e.kind == "field_write" for e in effects)
    if blockers:
        convertible = "no"
    elif _only_effects(ctx, effects, time_based=True) and domain is not None and all(e.no_code for e in effects) \
            and _delay_known(timed) and once:
        convertible = "no_code"
    else:
        convertible = "code"
    return Unit(kind="cron_job", trigger="cron", trigger_fields=(), effects=tuple(effects), convertible=convertible,
                condition=domain_text(domain) if domain else None, date_field=timed.date_field,
                date_delay=timed.delay, **base)


def _calls_own_method(ctx: MethodContext) -> bool:
    names = ctx.module.custom_method_names
    return any(name in names and ctx.is_records(recv) and not is_super_call(call)
               for call, name, recv in ctx.method_calls())


def _delay_known(timed: TimeSearch | None) -> bool:
    """A time-based rule needs its delay; a search it cannot read stays code."""
    return timed is None or timed.delay is not None


def _and(a: list | None, b: list | None) -> list | None:
    if a is None or b is None:
        return None
    return (["&"] if a and b else []) + a + b


def _by_kind(effects: list[Effect]) -> list[tuple[str, tuple[Effect, ...]]]:
    groups: dict[str, list[Effect]] = {}
    for e in effects:
        groups.setdefault(e.kind, []).append(e)
    return [(k, tuple(v)) for k, v in groups.items()]


def _guards(ctx: MethodContext, statements: list[Statement | None]) -> tuple[tuple[str, ...], list | None]:
    """Trigger fields and domain shared by the statements; domain None when not expressible."""
    fields: set[str] = set()
    domains: list[list] = []
    unguarded = False
    for st in statements:
        if st is None:
            return (), None
        guard_fields = set()
        domain: list = []
        for g in st.guards:
            tested = vals_fields(ctx, g)
            guard_fields |= tested
            if tested and ctx.method.name == "write" and not implies_written(ctx, g):
                # true also where the field is not written: no trigger field selects those writes
                return tuple(sorted(fields | guard_fields)), None
            d = to_domain(ctx, g)
            if d is None:
                return tuple(sorted(fields | guard_fields)), None
            domain = (["&"] if domain and d else []) + domain + d
        if not guard_fields:
            unguarded = True
        fields |= guard_fields
        domains.append(domain)
    if any(d != domains[0] for d in domains):
        return ((), None) if unguarded else (tuple(sorted(fields)), None)
    return ((), domains[0]) if unguarded else (tuple(sorted(fields)), domains[0])


def _only_effects(ctx: MethodContext, effects: list[Effect], time_based: bool = False) -> bool:
    """True when the body is nothing but effects, super(), returns, loops over the records or
    the saved values, guards, and look-ups of templates: then no-code actions can hold it.
    A time-based job may also compute its date limit and search the records it acts on."""
    effect_lines = {e.span.line_start for e in effects}
    # a return ends the body or a guard clause (whose test guards what follows); any other
    # return or continue stops the method or loop where no action can
    ends = {id(ctx.body[-1])} if ctx.body else set()
    ends |= {id(g.body[-1]) for g in ctx.guard_clauses}
    for st in ctx.statements:
        n = st.node
        if n.lineno in effect_lines:
            continue
        if isinstance(n, ast.Return) and id(n) in ends and (n.value is None or is_super_call(n.value) or (
                isinstance(n.value, ast.Name) and n.value.id in ctx.super_result_names | ctx.record_names)
                or (isinstance(n.value, ast.Constant) and n.value.value in (True, False, None))):
            continue
        if isinstance(n, ast.Continue) and id(n) in ends:
            continue
        if isinstance(n, (ast.Expr, ast.Assign)) and is_super_call(n.value):
            continue
        if isinstance(n, ast.Assign) and ctx.env_ref(n.value):
            continue  # template = self.env.ref('...')
        # a loop over the records themselves (a time-based job's: those it searched); over a
        # part of them (`self.filtered(...)`) the part is a test no-code actions would drop
        if isinstance(n, ast.For) and isinstance(n.target, ast.Name) and (
                (ctx.is_records(n.iter) if time_based else ctx.is_all_records(n.iter))
                or (isinstance(n.iter, ast.Name) and n.iter.id in ctx.vals_names)):
            continue
        if isinstance(n, ast.Pass):
            continue
        if time_based and isinstance(n, ast.Assign) and (ctx.is_records(n.value) or relative_to_now(ctx, n.value)):
            continue
        return False
    return True
