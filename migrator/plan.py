"""Per module: what stays, the verdict, and the savings (docs/classification.md)."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from migrator.analyze.module_facts import ModuleFacts
from migrator.analyze.python_facts import MethodFacts
from migrator.classify.method_context import is_super_call
from migrator.classify.registry import all_rules
from migrator.classify.rule import Rule
from migrator.discover.manifest import manifest_depends
from migrator.model import Finding, ModuleResult, Rates, Savings, Unit, XmlRecord
from migrator.readiness import readiness

# Records a generated data module carries along with the actions that need them.
MOVABLE_MODELS = frozenset({
    "mail.template", "ir.cron", "mail.activity.type", "ir.sequence", "ir.config_parameter",
    "ir.actions.server", "base.automation", "sms.template",
})
_VIEW_MODELS = frozenset({"ir.ui.view", "ir.ui.menu", "ir.actions.act_window", "ir.actions.client",
                          "ir.actions.act_url", "ir.actions.act_window.view"})
_SECURITY_MODELS = frozenset({"ir.rule", "res.groups", "ir.module.category", "ir.model.access"})
_REPORT_MODELS = frozenset({"ir.actions.report", "report.paperformat"})


def _moved_methods(units: tuple[Unit, ...]) -> set[tuple[str, str, str]]:
    """(file, model, method) of every method whose units all convert."""
    by_method: dict[tuple[str, str, str], bool] = {}
    for u in units:
        key = (u.evidence.file, u.model, u.method)
        by_method[key] = by_method.get(key, True) and u.convertible != "no"
    return {k for k, ok in by_method.items() if ok}


def _moves(facts: ModuleFacts, rec: XmlRecord, moved_methods: set[str]) -> bool:
    """Whether a movable record goes to the data module: a cron only with the method it calls."""
    return rec.model != "ir.cron" or any(c.xmlid == rec.xmlid and c.method in moved_methods for c in facts.crons)


def stays(facts: ModuleFacts, moved: set[tuple[str, str, str]],
          carried: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """What remains a module once the convertible methods have moved (and `carried`, the xml ids
    as written of the records copied into the data module, with them)."""
    out: dict[str, list[str]] = {}

    def add(key: str, item: str) -> None:
        out.setdefault(key, [])
        if item not in out[key]:
            out[key].append(item)

    moved_methods = {(model, method) for _, model, method in moved}
    moved_crons = {m for _, _, m in moved}
    for c in facts.classes:
        if c.kind == "controller":
            add("controllers", c.name)
            continue
        if c.kind == "other" or not c.model:
            continue
        if c.is_new_model:
            add("models", c.model)
        for f in c.fields:
            add("fields", f"{c.model}.{f.name}")
        for m in c.methods:
            if (c.model, m.name) not in moved_methods:
                add("methods", f"{c.model}.{m.name}")
    for rec in facts.records:
        if rec.model in MOVABLE_MODELS:
            if not _moves(facts, rec, moved_crons):
                add("data", rec.xmlid)
            continue
        if rec.model in _VIEW_MODELS:
            if rec.xmlid not in carried:  # a view calling moved methods goes with them
                add("views", rec.xmlid)
        elif rec.model in _SECURITY_MODELS:
            add("security", rec.xmlid)
        elif rec.model in _REPORT_MODELS:
            add("reports", rec.xmlid)
        elif rec.xmlid not in carried:
            add("data", rec.xmlid)
    for rel in facts.access_rules:
        add("security", rel)
    for rel in facts.assets:
        add("assets", rel)
    return {k: sorted(v) for k, v in sorted(out.items())}


def verdict(facts: ModuleFacts, units: tuple[Unit, ...], what_stays: dict[str, list[str]]) -> str:
    if facts.fatal:
        return "error"
    convertible = [u for u in units if u.convertible != "no"]
    if not convertible:
        return "replaceable" if not what_stays and not units else "keep"
    return "partial" if what_stays or len(convertible) < len(units) else "replaceable"


def _method_lines(facts: ModuleFacts, m: MethodFacts) -> set[int]:
    numbers = facts.lines.get(m.file)
    if not numbers or numbers.numbers is None:
        return set()
    return {n for n in numbers.numbers if m.span.line_start <= n <= m.span.line_end}


def _action_lines(facts: ModuleFacts, m: MethodFacts) -> int:
    """Python a code action keeps of the method: its body without docstring, super() and returns."""
    numbers = facts.lines.get(m.file)
    if not numbers or numbers.numbers is None:
        return 0
    body = m.node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    kept = set()
    for stmt in body:
        if isinstance(stmt, ast.Return) or (isinstance(stmt, (ast.Expr, ast.Assign)) and is_super_call(stmt.value)):
            continue
        end = stmt.end_lineno or stmt.lineno
        kept |= {n for n in numbers.numbers if stmt.lineno <= n <= end}
    return len(kept)


def _moved_xml_lines(facts: ModuleFacts, moved: set[tuple[str, str, str]]) -> int:
    """Lines of data records that move into the data module (counted as XML no more)."""
    moved_names = {m for _, _, m in moved}
    total = 0
    for rec in facts.records:
        if rec.model not in MOVABLE_MODELS or not _moves(facts, rec, moved_names):
            continue
        numbers = facts.lines.get(rec.span.file)
        if numbers and numbers.numbers is not None:
            total += sum(1 for n in numbers.numbers if rec.span.line_start <= n <= rec.span.line_end)
    return total


def savings(facts: ModuleFacts, units: tuple[Unit, ...], verdict_: str, rates: Rates,
            gone: frozenset[tuple[str, str, str]] = frozenset()) -> Savings:
    before = facts.lines_total
    if verdict_ in ("error", "keep"):
        after = before
    else:
        moved = _moved_methods(units) | gone
        methods = [m for m in facts.methods if (m.file, m.model, m.name) in moved]
        code_methods = {(u.model, u.method) for u in units if u.convertible == "code"}
        # an inlined helper's body is in the action too
        action = sum(_action_lines(facts, m) for m in methods
                     if (m.model, m.name) in code_methods or (m.file, m.model, m.name) in gone)
        if verdict_ == "replaceable":
            after = action
        else:
            removed = sum(len(_method_lines(facts, m)) for m in methods) + _moved_xml_lines(facts, moved)
            after = max(before - removed, 0) + action
    hours = money = None
    if rates.hours_per_kloc is not None:
        hours = round((before - after) / 1000 * rates.hours_per_kloc, 2)
        if rates.hourly_rate is not None:
            money = round(hours * rates.hourly_rate, 2)
    return Savings(lines_before=before, lines_after=after, hours=hours, money=money)


def _summary(verdict_: str, units: tuple[Unit, ...], what_stays: dict[str, list[str]], errors) -> str:
    n_conv = sum(1 for u in units if u.convertible != "no")
    if verdict_ == "error":
        first = errors[0] if errors else None
        where = f" ({first.location()}: {first.message})" if first and first.location() else ""
        return f"Could not be audited safely{where}."
    if verdict_ == "replaceable":
        if not units:
            return "Nothing to keep: no behaviour, views, fields or models; the module can be uninstalled."
        return f"All {len(units)} behaviour(s) can become actions; nothing else stays."
    if verdict_ == "partial":
        kept = ", ".join(sorted(what_stays)) or "blocked behaviours"
        return f"{n_conv} of {len(units)} behaviour(s) can become actions; stays as code: {kept}."
    blocked = len(units) - n_conv
    return (f"{blocked} behaviour(s) found, none convertible." if units
            else "No behaviour that actions can take over; the module stays.")


def plan_module(facts: ModuleFacts, units: list[Unit], rates: Rates,
                rules: Sequence[Rule] | None = None,
                gone: frozenset[tuple[str, str, str]] = frozenset(),
                carried: frozenset[str] = frozenset()) -> ModuleResult:
    """The module's own plan; where it stands among the other modules is plan_across's.

    From the planning step (migrator/decide.py): `gone`, (file, model, method) of helpers
    inlined into moved code that nothing staying calls; `carried`, xml ids (as written) of the
    records copied into the data module (those the actions use, the views calling them). Both
    go with the methods that moved."""
    frozen = tuple(units)
    what_stays = stays(facts, _moved_methods(frozen) | gone, carried)
    v = verdict(facts, frozen, what_stays)
    errors = list(facts.findings)
    if not facts.fatal and not facts.has_content:
        errors.append(Finding("empty-addon", "the addon has no code and no data.", file=facts.addon.manifest_file))
    return ModuleResult(
        name=facts.addon.name,
        path=facts.addon.path,
        series=facts.addon.series,
        verdict=v,
        units=frozen,
        errors=tuple(errors),
        savings=savings(facts, frozen, v, rates, gone),
        stays=what_stays,
        summary=_summary(v, frozen, what_stays, errors),
        depends=manifest_depends(facts.addon.manifest),
        refs=facts.xml_refs,
        online=readiness(facts, frozen, all_rules() if rules is None else rules, gone),
    )
