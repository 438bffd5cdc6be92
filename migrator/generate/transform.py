"""Turn one method of a model file into the code of a server action.

`transform_method` parses the file with libcst, checks the method for what action code cannot
do that only the rewrite can tell (each finding a Blocker with a code of migrator/blockers.py
decided by "rewrite"), then rewrites its body step by step (one module of
`migrator.generate.transforms` per step) and prints it back with its comments. See
docs/transform.md for the table of rewrites and blocker codes.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass

import libcst as cst

from migrator.generate.transforms import (
    annotations,
    attribute_assign,
    drop_statements,
    field_dates,
    forbidden,
    free_names,
    guard_clauses,
    hasattr_fields,
    imports,
    inline_helpers,
    item_assign,
    local_logger,
    local_names,
    logger,
    loop_return,
    module_constants,
    parameters,
    relativedelta,
    returns,
    self_env,
    super_button,
    super_calls,
    super_create,
    super_unlink,
    super_write,
    translation,
)
from migrator.analyze.cron_call import CallArguments
from migrator.check.sandbox import find_violations
from migrator.classify.before_after import BeforeAfter
from migrator.classify.conditions import domain_text
from migrator.generate.transforms.base import Context, HoistedGuard, is_docstring
from migrator.generate.method_metadata import def_lines, source_lines
from migrator.generate.installed_fields import FieldLookup
from migrator.generate.transforms.names import method_names
from migrator.model import Blocker
from migrator.series import SUPPORTED_SERIES

TARGETS = ("automation", "cron", "manual", "compute")
# What a custom field's compute code sees (ir_model.py, make_compute: SAFE_EVAL_BASE and `self`).
COMPUTE_CONTEXT = frozenset({"self", "datetime", "dateutil", "time"})

Step = Callable[[cst.FunctionDef, Context], None]
Rewrite = Callable[[cst.FunctionDef, Context], cst.FunctionDef]

# Run on the parsed source, so their blockers carry source lines.
CHECKS: tuple[Step, ...] = (
    forbidden.check,
    free_names.check,
    relativedelta.check,
    attribute_assign.check,
    returns.check,
    super_calls.check_other_overrides,
)
SUPER_REWRITES: dict[str, Rewrite] = {
    "create": super_create.apply,
    "write": super_write.apply,
    "unlink": super_unlink.apply,
}
# Order matters: `imports` runs before the rewrites that emit context names (`datetime`),
# `self_env` after those that look for `self`, `returns` last.
REWRITES: tuple[Rewrite, ...] = (
    annotations.apply,
    imports.apply,
    module_constants.apply,
    field_dates.apply,
    relativedelta.apply,
    translation.apply,
    logger.apply,
    self_env.apply,
    attribute_assign.apply,
    returns.apply,
)
# A compute keeps `self` and assigns items; it has no `env`, `log` or translation function, so
# what would need them stays a free name the sandbox check refuses.
COMPUTE_REWRITES: tuple[Rewrite, ...] = (
    imports.apply,
    module_constants.apply,
    field_dates.apply,
    relativedelta.apply,
    item_assign.apply,
    returns.apply,
)


@dataclass(frozen=True)
class TransformResult:
    code: str | None  # None when any blocker
    blockers: tuple[Blocker, ...]
    notes: tuple[str, ...]  # what the rewrite changed, for reviewers
    trigger_fields: tuple[str, ...]  # write: the fields whose change matters
    hoisted: tuple[HoistedGuard, ...] = ()  # write: guards removed, their domains now the rule's
    filter_pre_domain: str | None = None  # write: what the records matched before the write
    old_values: tuple[str, ...] = ()  # write: fields whose values before the write the code reads
    given: tuple[str, ...] = ()  # create: fields of the values given, read on the created records

    @property
    def filter_domain(self) -> str | None:
        """The domains of the removed guards, and-ed: what the rule's filter_domain must hold."""
        if not self.hoisted:
            return None
        domains = [ast.literal_eval(g.domain) for g in self.hoisted]
        return domain_text(["&"] * (len(domains) - 1) + [term for d in domains for term in d])


def transform_method(source: str, class_name: str, method: str, target: str, series: str,
                     domain_guards: Mapping[int, str] | None = None,
                     drop_lines: frozenset[int] = frozenset(),
                     helpers: Sequence[str] = (),
                     before_after: BeforeAfter | None = None,
                     field_types: Mapping[str, str] | None = None,
                     fill_after: Mapping[str, str | None] | None = None,
                     trigger_fields: Sequence[str] = (),
                     arguments: CallArguments | None = None,
                     required: Collection[str] = (),
                     model: str = "",
                     fields_of: FieldLookup | None = None,
                     after_button: bool = False) -> TransformResult:
    """The body of `class_name.method` of `source`, as code for a `target` action in `series`.

    `domain_guards` (write, `automation`): source line of an `if` testing the written values ->
    the domain that selects the same records after the write. Such an `if`, when it has no else
    and covers the whole body, is removed; the caller must put `filter_domain` on the rule.

    `drop_lines`: source lines of statements other actions do (no-code effects): removed.

    `helpers`: methods of the same class whose calls are inlined first (all of them that the
    body and those helpers call, as migrator/classify/inlining.py allowed).

    `before_after` (write, `automation`): the values the body keeps before super() and compares
    after it, as migrator/classify/before_after.py read them (source lines).

    `field_types`: the model's fields and their types (the catalogue of the series, the given
    dependencies, the module's own fields): a value given to create or write is read on the
    record only when its type says how (transforms/record_values.py).

    `required`: the model's required fields: a create override filling one where the caller gave
    none cannot become a rule (the record is inserted first).

    `arguments` (`cron`, `manual`): what the caller passes the method (the cron's code; a button
    passes nothing, the default): the parameters the body reads are bound from them.

    `fill_after` (create): the fields the module declares -> None when a rule may fill them
    once the record is inserted, else why not (migrator/classify/fill_after_insert.py).

    `model`, `fields_of`: the method's model, and the fields there wherever the data module
    installs (migrator/generate/installed_fields.py): what `hasattr` tests can be read off.

    `after_button` (`automation`): the method overrides an Odoo button that moves records to a
    state (migrator/state_buttons.py) and acts after its `super()`: the code of the rule on that
    move (transforms/super_button.py).

    `trigger_fields` (write): the rule's trigger fields as the audit read them off the guards.

    The method must have passed the audit's rules (migrator/classify/rules/): what they refuse
    (raw SQL, context reads, calls of the module's own methods, super() used as a value, ...)
    is decided there once, and this rewrite may raise ValueError on it.

    Raises ValueError for an unknown target or series, LookupError when the method is absent.
    """
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}: expected one of {', '.join(TARGETS)}")
    if series not in SUPPORTED_SERIES:
        raise ValueError(f"unsupported series {series!r}")
    module = cst.parse_module(source)
    cls, func = _find_method(module, class_name, method)
    helper_defs = {h: _find_method(module, class_name, h)[1] for h in helpers}
    lines = source_lines(module, cls, [func, *helper_defs.values()], def_lines(source, class_name))
    ctx = Context(
        module=module,
        method=method,
        target=target,
        series=int(series.split(".")[0]),
        params=tuple(p.name.value for p in func.params.params),
        names=method_names(module, func),
        def_line=lines[func],
        lines=lines,
        domain_guards=dict(domain_guards or {}) if target == "automation" else {},
        before_after=before_after if target == "automation" else None,
        field_types=field_types or {},
        fill_after=dict(fill_after or {}),
        unit_triggers=tuple(trigger_fields),
        required=frozenset(required),
        model=model,
        fields_of=fields_of,
    )
    # The helpers' statements first (they keep their source lines); then what other actions
    # do goes; then the guard clauses: what they leave of `return` is what the checks judge.
    if helpers:
        func = _replaced(ctx, func, inline_helpers.apply(func, ctx, helper_defs))
    func = _replaced(ctx, func, hasattr_fields.apply(func, ctx))
    func = drop_statements.apply(func, ctx, drop_lines)
    func = guard_clauses.apply(func, ctx)
    func = loop_return.apply(func, ctx)
    func = local_logger.apply(func, ctx)
    if after_button and target == "automation":
        func = super_button.apply(func, ctx)
    for check in CHECKS:
        check(func, ctx)
    if target in ("cron", "manual"):
        func = parameters.apply(func, ctx, arguments or CallArguments())
    # The super() rewrite must see the parsed nodes to report source lines: the rare
    # renaming of locals goes first only when it is needed.
    func = local_names.apply(func, ctx)
    if method in SUPER_REWRITES and target != "compute":
        func = SUPER_REWRITES[method](func, ctx)
    if not ctx.blockers:
        for rewrite in COMPUTE_REWRITES if target == "compute" else REWRITES:
            func = rewrite(func, ctx)
    code = None if ctx.blockers else _render(func, module, ctx)
    return TransformResult(
        code=code,
        blockers=tuple(ctx.blockers),
        notes=tuple(ctx.notes),
        trigger_fields=tuple(ctx.trigger_fields),
        hoisted=tuple(ctx.hoisted) if code is not None else (),
        filter_pre_domain=ctx.pre_domain if code is not None else None,
        old_values=tuple(ctx.old_values) if code is not None else (),
        given=tuple(ctx.given) if code is not None else (),
    )


def _replaced(ctx: Context, old: cst.FunctionDef, new: cst.FunctionDef) -> cst.FunctionDef:
    """`new` for `old`, the names the method reads found again (the checks compare them with
    what the module binds: its top-level statements, which no rewrite changes); the rewrite
    kept the source positions."""
    if new is not old:
        ctx.names = method_names(ctx.module, new)
    return new


def _find_method(module: cst.Module, class_name: str, method: str) -> tuple[cst.ClassDef, cst.FunctionDef]:
    """The first top-level class `class_name` and its first method `method`."""
    for stmt in module.body:
        if isinstance(stmt, cst.ClassDef) and stmt.name.value == class_name:
            for item in stmt.body.body:
                if isinstance(item, cst.FunctionDef) and item.name.value == method:
                    return stmt, item
    raise LookupError(f"no method {class_name}.{method} in the source")


def _render(func: cst.FunctionDef, module: cst.Module, ctx: Context) -> str | None:
    statements = list(func.body.body)
    if statements and is_docstring(statements[0]):
        statements.pop(0)
    if statements:
        # Blank lines that separated the docstring or the def are not part of the code.
        first = statements[0]
        kept = [line for line in first.leading_lines if line.comment is not None]
        statements[0] = first.with_changes(leading_lines=kept)
    if not statements:
        ctx.block("empty-body", "Nothing is left to run once super() and return are removed.", func, "transform")
        return None
    code = cst.Module(body=statements, default_indent=module.default_indent).code
    # The last word: what Odoo's safe_eval would refuse (closures, names the context lacks).
    context = COMPUTE_CONTEXT if ctx.target == "compute" else None
    for violation in find_violations(code, f"{ctx.series}.0", context):
        ctx.block("sandbox-forbidden", f"The rewritten code breaks a sandbox rule: {violation.message}.", func, "transform")
    return None if ctx.blockers else code
