"""Odoo Online readiness of one module: the Python no importable data module can hold.

An importable data module (`base_import_module`) is a manifest, XML/CSV data and static
files; no Python runs (FACTS.md, "Importable data modules"). Behaviour becomes actions; the
module's own fields, simple models, views, menus, access rules, groups and record rules become
records (`x_` fields, `ir.model`), so they never count against it. What counts is Python that
must stay: each such part is listed with its reason. The answers are defined in
docs/classification.md ("Odoo Online readiness"); the reasons' codes are listed there too.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence

from migrator.analyze.module_facts import ModuleFacts
from migrator.analyze.python_facts import ClassFacts, MethodFacts, dotted_name
from migrator.classify.method_context import MethodContext
from migrator.classify.rule import Rule
from migrator.model import PythonPart, Readiness, Unit

# The blocker rules a code action obeys: a compute method passing them can become the compute
# code of a field record (which runs in the same sandbox).
# Rules are named after their blocker codes ("custom-method-call" was that rule's former name).
COMPUTE_RULES = frozenset({"raw-sql", "context-dependent", "calls-custom-method", "custom-method-call",
                           "imports-module", "sandbox-forbidden"})
# Mixins an ir.model record can carry itself (is_mail_thread, is_mail_activity, is_mail_blacklist).
RECORD_MIXINS = frozenset({"mail.thread", "mail.activity.mixin", "mail.thread.blacklist"})
HOOKS = ("pre_init_hook", "post_init_hook", "uninstall_hook", "post_load")


def readiness(facts: ModuleFacts, units: Sequence[Unit], rules: Sequence[Rule],
              gone: frozenset[tuple[str, str, str]] = frozenset()) -> Readiness:
    """`gone`: (file, model, method) of helpers inlined into actions (they move with them)."""
    if facts.fatal:
        return Readiness("unknown", summary="The module could not be audited: whether a data module can "
                                            "replace it is unknown.")
    finder = _Finder(facts, units, [r for r in rules if r.name in COMPUTE_RULES], gone)
    parts = sorted(finder.parts, key=lambda p: (p.file != facts.addon.manifest_file, p.file or "", p.line or 0))
    if not parts:
        answer = "yes"
    else:
        answer = "partial" if finder.moves() else "no"
    return Readiness(answer, tuple(parts), _summary(answer, parts))


class _Finder:
    """Walks the module once and collects the parts that must stay Python."""

    def __init__(self, facts: ModuleFacts, units: Sequence[Unit], compute_rules: list[Rule],
                 gone: frozenset[tuple[str, str, str]] = frozenset()):
        self.facts = facts
        self.gone = gone
        self.compute_rules = compute_rules
        self.parts: list[PythonPart] = []
        self.stuck_models: set[str] = set()  # own models that cannot become ir.model records
        self.converts = False  # some behaviour moves (a unit, a compute)
        self.own_models = {c.model for c in facts.model_classes if c.is_new_model}
        self.unit_methods = self._units(units)
        self.js_held = self._js_calls()
        self._hooks()
        self._top_level_code()
        for c in facts.classes:
            self._class(c)

    def add(self, code: str, name: str, message: str, file: str | None, line: int | None,
            model: str | None = None) -> None:
        self.parts.append(PythonPart(code, name, message, file, line))
        if model in self.own_models:
            self.stuck_models.add(model)

    def moves(self) -> bool:
        """Whether anything of the module's Python moves to the data module."""
        if self.converts:
            return True
        return any(not f.redefines and (c.model not in self.own_models or c.model not in self.stuck_models)
                   for c in self.facts.model_classes for f in c.fields)

    # ------------------------------------------------------------------ behaviour units

    def _units(self, units: Sequence[Unit]) -> set[tuple[str, str]]:
        by_method: dict[tuple[str, str], list[Unit]] = {}
        for u in units:
            by_method.setdefault((u.model, u.method), []).append(u)
        for (model, method), group in by_method.items():
            blockers = [b for u in group for b in u.blockers]
            if not blockers:
                self.converts = True
                continue
            codes = ", ".join(dict.fromkeys(b.code for b in blockers))
            first = group[0].evidence
            self.add("not-convertible", f"{model}.{method}",
                     f"a behaviour no action can take over ({codes}): {blockers[0].message}",
                     first.file, first.line_start, model)
        return set(by_method)

    def _js_calls(self) -> set[tuple[str, str]]:
        defined = {(m.model, m.name) for m in self.facts.methods}
        names = self.facts.own_method_names
        held: set[tuple[str, str]] = set()
        for call in self.facts.js_calls:
            if (call.model, call.method) in defined or call.method in names:
                held.add((call.model, call.method))
                self.add("js-calls-python", f"{call.model}.{call.method}",
                         f"JavaScript calls {call.method}() of {call.model}, a method of this module: "
                         "only Python can answer that call.", call.file, call.line, call.model)
        return held

    # ------------------------------------------------------------------ module level

    def _hooks(self) -> None:
        manifest = self.facts.addon.manifest
        for key in HOOKS:
            if manifest.get(key):
                self.add("hook", f"{key} {manifest[key]}", f"the manifest's {key} runs Python when the module "
                         "is installed, removed or loaded; a data module runs none.", self.facts.addon.manifest_file, None)

    def _top_level_code(self) -> None:
        hooks = {str(self.facts.addon.manifest.get(k)) for k in HOOKS}
        for f in self.facts.py_files:
            names = [n.name for n in f.tree.body
                     if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name not in hooks]
            if names:
                first = next(n for n in f.tree.body if getattr(n, "name", None) == names[0])
                self.add("python-code", ", ".join(names), f"functions outside any model ({', '.join(names)}): "
                         "plain Python, kept by the code that calls it.", f.rel, first.lineno)

    # ------------------------------------------------------------------ classes

    def _class(self, c: ClassFacts) -> None:
        if c.kind == "controller":
            routes = [r for m in c.methods for r in _routes(m)]
            detail = f" (routes {', '.join(routes)})" if routes else ""
            self.add("controller", c.name, f"an HTTP controller{detail}: a data module serves no URL.",
                     c.file, c.span.line_start)
            return
        if c.kind == "other":
            if c.methods:
                self.add("python-code", c.name, "a plain Python class, not an Odoo model: kept by the code "
                         "that uses it.", c.file, c.span.line_start)
            return
        if not c.model:
            return
        self._model_options(c)
        report = self._is_report(c)
        if report:
            self.add("python-report", c.model, "a report whose values Python computes "
                     "(report.* model): a data module can hold the QWeb template, not the Python.",
                     c.file, c.span.line_start, c.model)
        self._fields(c)
        if not report:
            self._methods(c)

    @staticmethod
    def _is_report(c: ClassFacts) -> bool:
        return c.model.startswith("report.") and (c.kind == "abstract" or any(
            m.name in ("_get_report_values", "get_report_values", "generate_report") for m in c.methods))

    def _model_options(self, c: ClassFacts) -> None:
        own = c.is_new_model
        if c.inherits:
            self.add("delegation", c.model, f"_inherits ({', '.join(c.inherits)}): delegation inheritance, "
                     "which an ir.model record cannot express.", c.file, c.span.line_start, c.model)
        if not c.auto:
            self.add("sql-view", c.model, "_auto = False: the table is not the ORM's (a SQL view or a table "
                     "built in init()), which only Python can create.", c.file, c.span.line_start, c.model)
        if own and c.kind == "abstract" and not c.model.startswith("report."):
            self.add("abstract-model", c.model, "an abstract model (a mixin for other models): ir.model records "
                     "are concrete models only.", c.file, c.span.line_start, c.model)
        if own:
            mixins = [m for m in c.inherit if m != c.model and m not in RECORD_MIXINS]
            if mixins:
                self.add("mixin", c.model, f"inherits {', '.join(mixins)}: an ir.model record can only carry the "
                         "mail mixins.", c.file, c.span.line_start, c.model)
            if c.parent_store:
                self.add("mixin", c.model, "_parent_store: the parent_path index is computed by Python.",
                         c.file, c.span.line_start, c.model)
        for attr, line in c.constraints:
            self.add("constraint", f"{c.model}.{attr}", "an SQL constraint or index the ORM creates: an "
                     "ir.model record cannot declare one.", c.file, line, c.model)

    def _fields(self, c: ClassFacts) -> None:
        for f in c.fields:
            name = f"{c.model}.{f.name}"
            if f.redefines:
                self.add("core-field", name, "changes a field declared elsewhere (selection_add, or a relational "
                         "field without its comodel): a data module cannot alter a field it does not own.",
                         f.span.file, f.span.line_start, c.model)
            if f.default and not self._constant(c, f.default):
                self.add("default-code", name, f"its default is computed by {f.default}: ir.default holds "
                         "values only.", f.span.file, f.span.line_start, c.model)
            if f.selection and not self._constant(c, f.selection):
                self.add("selection-code", name, f"its selection comes from {f.selection}: a field record "
                         "holds a fixed list only.", f.span.file, f.span.line_start, c.model)

    def _constant(self, c: ClassFacts, source: str) -> bool:
        """A default or selection written as a module-level name that is not a function."""
        if "." in source or source in ("lambda", "code") or source in self.facts.own_method_names:
            return False
        tree = next((f.tree for f in self.facts.py_files if f.rel == c.file), None)
        return tree is not None and not any(
            isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == source
            for n in tree.body)

    def _methods(self, c: ClassFacts) -> None:
        roles = _field_roles(self.facts, c.model)
        wizard: list[MethodFacts] = []
        for m in c.methods:
            key = (c.model, m.name)
            if key in self.js_held:
                continue  # listed with the JavaScript calling it
            if key in self.unit_methods:
                continue  # decided with its units
            if (m.file, c.model, m.name) in self.gone:
                continue  # inlined into the actions of its callers
            role = roles.get(m.name)
            if role in ("default", "selection"):
                continue  # listed with the field
            if m.name == "init" and not c.auto:
                continue  # part of the SQL view
            if c.kind == "transient":
                wizard.append(m)
                continue
            leaves = {d.rpartition(".")[2] for d in m.decorators}
            if "onchange" in leaves:
                self.add("onchange", key_name(key), "an onchange method: form logic only Python runs.",
                         m.file, m.span.line_start, c.model)
            elif "constrains" in leaves:
                self.add("constraint", key_name(key), "a constraint method: a check only Python runs "
                         "on save.", m.file, m.span.line_start, c.model)
            elif role == "compute":
                reasons = self._compute_blockers(m)
                if reasons:
                    self.add("compute", key_name(key), f"a compute method a field's compute code cannot hold: "
                             f"{reasons[0]}", m.file, m.span.line_start, c.model)
                else:
                    self.converts = True
            elif role in ("inverse", "search"):
                self.add("inverse", key_name(key), f"the {role} method of a field: a field record has "
                         "compute code, no inverse or search.", m.file, m.span.line_start, c.model)
            else:
                self.add("method", key_name(key), "a method no action or record replaces: helpers, overrides "
                         "without a recognised behaviour and other logic stay Python.", m.file,
                         m.span.line_start, c.model)
        if wizard:
            names = ", ".join(m.name for m in wizard)
            self.add("wizard", c.model, f"a wizard (transient model) with methods ({names}): its buttons run "
                     "Python.", c.file, c.span.line_start, c.model)

    def _compute_blockers(self, m: MethodFacts) -> list[str]:
        return compute_blockers(self.facts, m, self.compute_rules)


def compute_blockers(facts: ModuleFacts, m: MethodFacts, rules: Sequence[Rule]) -> list[str]:
    """Why a compute method cannot become a field's compute code, as far as the rules tell
    (`rules`: those of COMPUTE_RULES); [] when nothing stops it."""
    if any(d.endswith("depends_context") for d in m.decorators):
        return ["it depends on the context (@api.depends_context)."]
    ctx = MethodContext(m, facts, "compute")
    if ctx.super_calls:
        return ["it extends a compute of the parent model (super())."]
    return [b.message for rule in rules if rule.name in COMPUTE_RULES for b in rule.check(ctx)]


def key_name(key: tuple[str, str]) -> str:
    return f"{key[0]}.{key[1]}"


def _field_roles(facts: ModuleFacts, model: str) -> dict[str, str]:
    """Method name -> what the module's fields of `model` use it for (compute, inverse, ...)."""
    roles: dict[str, str] = {}
    for c in facts.model_classes:
        if c.model != model:
            continue
        for f in c.fields:
            for role, name in (("compute", f.compute), ("inverse", f.inverse), ("search", f.search),
                               ("default", f.default), ("selection", f.selection)):
                if name:
                    roles.setdefault(name, role)
    return roles


def _routes(m: MethodFacts) -> list[str]:
    """The literal URLs of `@http.route(...)` on the method."""
    urls: list[str] = []
    for d in m.node.decorator_list:
        if not (isinstance(d, ast.Call) and (dotted_name(d.func) or "").rpartition(".")[2] == "route"):
            continue
        arg = d.args[0] if d.args else next((k.value for k in d.keywords if k.arg == "route"), None)
        values = arg.elts if isinstance(arg, (ast.List, ast.Tuple)) else [arg]
        urls += [v.value for v in values if isinstance(v, ast.Constant) and isinstance(v.value, str)]
    return urls


def _summary(answer: str, parts: list[PythonPart]) -> str:
    if answer == "yes":
        return ("An importable data module can replace it: its behaviour as actions, its own fields, models "
                "and views as records; no Python must stay.")
    kinds = ", ".join(dict.fromkeys(p.code for p in parts))
    if answer == "partial":
        return (f"An importable data module can take over part of it; {len(parts)} Python part(s) must stay "
                f"({kinds}) and keep it off Odoo Online until they are rewritten or dropped.")
    return (f"No importable data module can replace it: none of its Python can move and {len(parts)} part(s) "
            f"must stay ({kinds}).")
