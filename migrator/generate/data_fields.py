"""`--fields data`: which fields and models of the module become custom ones, and their names.

A field the module declares becomes a custom field (`x_<name>`, an `ir.model.fields` record of
the data module) when its declaration fits one (migrator/generate/field_specs.py), its stored
compute converts (migrator/generate/compute_code.py), and no Python that stays names it: a
method that does not move, a compute that does not convert, a field that stays (its `related`,
`depends`, comodel or inverse). A model the module defines becomes `x_<model>` (an `ir.model`
record) when all its fields do and nothing of its Python stays. Whatever cannot stays in the
residual module under its own name, exactly as without `--fields data`
(migrator/generate/module_schema.py). One more reason to stay: action code that moves names the
field, and another model has a field of that name, so the rewrite could not tell them apart.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from migrator.analyze.module_facts import ModuleFacts
from migrator.analyze.python_facts import MethodFacts
from migrator.catalogue import Catalogue
from migrator.classify.conditions import domain_text
from migrator.generate.compute_code import compute_code
from migrator.generate.field_specs import FieldSpec, class_literal, field_spec
from migrator.generate.plan import MethodPlan
from migrator.generate.module_schema import ModuleSchema, module_fields, module_models, names_used
from migrator.model import FieldDecl
from migrator.readiness import RECORD_MIXINS
from migrator.xmlids import field_xmlid, model_xmlid
from migrator.schema import Schema

Key = tuple[str, str]  # (model, field) as the module names them


def custom_name(name: str) -> str:
    return name if name.startswith("x_") else f"x_{name}"


def custom_model(model: str) -> str:
    return model if model.startswith("x_") else "x_" + model.replace(".", "_")


def field_record_id(model: str, name: str) -> str:
    """Local xml id of a custom field record (`model`, `name`: the new names)."""
    return f"field_{model.replace('.', '_')}__{name}"


def model_record_id(model: str) -> str:
    return f"model_{model.replace('.', '_')}"


def names_model(ref: str, module: str, model: str) -> bool:
    """Whether an XML reference of `module`'s data (local or qualified) is `model`'s ir.model."""
    return ref in (model_record_id(model), model_xmlid(module, model))


@dataclass(frozen=True)
class DataFields:
    """The module's fields and models split between the data module and the residual."""

    module: str
    moving: dict[Key, FieldSpec]  # in source order
    staying: dict[Key, tuple[FieldDecl, str]]  # module field -> its declaration, why it stays
    models: dict[str, str]  # own model that moves -> its x_ model
    staying_models: dict[str, str]  # own model -> why it stays
    computes: dict[Key, str] = field(default_factory=dict)  # compute code, with the new names

    def new_model(self, model: str) -> str:
        return self.models.get(model, model)

    def new_name(self, key: Key) -> str:
        return custom_name(key[1]) if key in self.moving else key[1]

    def rename_path(self, model: str, path: str, catalogue: Catalogue) -> str:
        """A dotted field path from `model`, each step renamed on the model it is on."""
        parts, current = [], model
        for name in path.split("."):
            key = (current, name)
            parts.append(self.new_name(key))
            spec = self.moving.get(key)
            if spec is not None:
                current = spec.attrs.get("comodel_name") or ""
            else:
                info = catalogue.field(current, name) if current else None
                current = (info.relation if info else None) or ""
        return ".".join(parts)

    @property
    def field_renames(self) -> dict[str, str]:
        """Old name -> new name, for code (only names no other model's field has, or unused)."""
        return {name: custom_name(name) for _, name in self.moving}

    def schema(self, catalogue: Schema) -> ModuleSchema:
        """What the records can name: the catalogue, the custom fields and models (new names,
        the data module's local ids), and what stays (the module's own ids)."""
        fields: dict = {}
        names: dict = {}
        for key, spec in self.moving.items():
            new = (self.new_model(key[0]), self.new_name(key))
            fields[new] = spec.decl
            names[new] = field_record_id(*new)
        for key, (decl, _) in self.staying.items():
            fields[key] = decl
            names[key] = field_xmlid(self.module, *key)
        for model, new in self.models.items():
            names[new] = model_record_id(new)
        for model in self.staying_models:
            names[model] = model_xmlid(self.module, model)
        return ModuleSchema(catalogue, fields, tuple(self.models.values()) + tuple(self.staying_models), names)


def split_fields(facts: ModuleFacts, schema: Schema, series: str, moved_methods: set[tuple[str, str]],
                 moved_code: Iterable[str]) -> DataFields:
    """`moved_methods`: (model, method) of the methods that become actions; `moved_code`:
    their action code (names they use that other models also have keep their fields)."""
    declared = module_fields(facts, schema)
    own_models = module_models(facts, schema)
    specs = {key: field_spec(facts, key[0], decl) for key, decl in declared.items()}
    staying = {key: spec.stays for key, spec in specs.items() if spec.stays}
    staying.update({key: f"x_{key[1]} exists already on {key[0]}" for key in specs
                    if key not in staying and schema.field(key[0], custom_name(key[1])) is not None})
    models_out = {m: why for m in own_models if (why := _model_stays(facts, m))}
    computes: dict[Key, str] = {}
    methods = {(m.model, m.name): m for m in facts.methods}
    for key, spec in specs.items():
        if key in staying or not spec.decl.compute:
            continue
        method = methods.get((key[0], spec.decl.compute))
        code, why = compute_code(facts, method, series) if method else (None, "its compute method is not found")
        if code is None:
            staying[key] = f"its compute method {spec.decl.compute} stays: {why}"
        else:
            computes[key] = code
    ambiguous = _all_field_names(schema.catalogue)
    code_names = set().union(set(), *(names_used(code) for code in [*moved_code, *computes.values()]))
    for key in specs:
        if key not in staying and key[1] in code_names and key[1] in ambiguous:
            staying[key] = (f"moved code (an action or a compute) names {key[1]}, which other models have a field "
                            "of too: the rewrite could not tell which to rename")
    _settle(facts, specs, staying, models_out, own_models, moved_methods)
    moving = {key: spec for key, spec in specs.items() if key not in staying}
    models = {m: custom_model(m) for m in own_models if m not in models_out}
    result = DataFields(facts.addon.name, moving, {k: (specs[k].decl, staying[k]) for k in specs if k in staying},
                        models, models_out)
    from migrator.generate.transforms.field_names import rename_code  # libcst

    renamed = {key: rename_code(code, result.field_renames, models) for key, code in computes.items() if key in moving}
    return dataclasses.replace(result, computes=renamed)


def _model_stays(facts: ModuleFacts, model: str) -> str | None:
    """Why an ir.model record cannot stand for the model, by its class declarations."""
    classes = [c for c in facts.model_classes if c.model == model]
    for c in classes:
        if c.kind != "model":
            return f"a {c.kind} model"
        if c.inherits or not c.auto or c.parent_store or c.constraints:
            return "_inherits, _auto, _parent_store or SQL constraints"
        extra = [m for m in c.inherit if m != model and m not in RECORD_MIXINS]
        if extra:
            return f"it inherits {', '.join(extra)}"
        rec_name = class_literal(facts, [c], "_rec_name")
        if rec_name not in (None, "name"):
            return f"_rec_name = {rec_name!r} (a custom model shows x_name)"
    return None


def _view_fields(facts: ModuleFacts, specs: dict[Key, FieldSpec]) -> list[tuple[str, str | None, list[Key]]]:
    """(view id, its model, the module's fields its arch names on that model), per view."""
    out = []
    for rec in facts.records:
        model, arch = rec.fields.get("model"), rec.fields.get("arch")
        if rec.model != "ir.ui.view" or not arch:
            continue
        names = re.findall(r"""<field\s[^>]*?name\s*=\s*["']([\w.]+)["']|@name\s*=\s*["'](\w+)["']""", arch)
        keys = dict.fromkeys((model, a or b) for a, b in names if (model, a or b) in specs)
        out.append((rec.xmlid, model, list(keys)))
    return out


def _settle(facts: ModuleFacts, specs: dict[Key, FieldSpec], staying: dict[Key, str], models_out: dict[str, str],
            own_models: tuple[str, ...], moved_methods: set[tuple[str, str]]) -> None:
    """Spread "stays" until nothing changes: what staying Python, staying fields or a view that
    stays (it names a field or model that stays) name stays."""
    views = _view_fields(facts, specs)
    while True:
        before = (len(staying), len(models_out))
        for xmlid, model, keys in views:
            held = next((k for k in keys if k in staying), None)
            if held is None and model not in models_out:
                continue
            why = f"the view {xmlid} stays (it shows {held[0]}.{held[1]})" if held else f"the view {xmlid} stays"
            for key in keys:
                staying.setdefault(key, why)
        computes = {(k[0], s.decl.compute) for k, s in specs.items() if s.decl.compute and k not in staying}
        for m in facts.methods:
            key = (m.model, m.name)
            if key in moved_methods or key in computes:
                continue
            used = _names_in(m)
            for fkey in specs:
                if fkey not in staying and fkey[1] in used:
                    staying[fkey] = f"Python that stays uses it ({m.model}.{m.name})"
            if m.model in own_models and m.model not in models_out:
                models_out[m.model] = f"its method {m.name} stays Python"
        for key, spec in specs.items():
            if key in staying:
                continue
            why = _held_by(spec, specs, staying, own_models, models_out)
            if why:
                staying[key] = why
        for model in own_models:
            if model not in models_out and any(k[0] == model for k in staying):
                first = next(k for k in staying if k[0] == model)
                models_out[model] = f"its field {first[1]} stays"
        if (len(staying), len(models_out)) == before:
            return


def _held_by(spec: FieldSpec, specs: dict[Key, FieldSpec], staying: dict[Key, str], own_models: tuple[str, ...],
             models_out: dict[str, str]) -> str | None:
    model = spec.model
    if model in models_out:
        return f"its model {model} stays"
    comodel = spec.attrs.get("comodel_name")
    if comodel in own_models and comodel in models_out:
        return f"its comodel {comodel} stays"
    inverse = spec.attrs.get("inverse_name")
    if spec.ttype == "one2many" and (comodel, inverse) in staying:
        return f"its inverse field {comodel}.{inverse} stays"
    for path in [spec.attrs.get("related")] + list(spec.depends):
        if isinstance(path, str) and any((model, part) in staying for part in path.split(".")[:1]):
            return f"it follows {path}, which stays"
    return None


def _names_in(method: MethodFacts) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(method.node):
        if isinstance(node, ast.Attribute):
            found.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.update(node.value.split("."))
    return found


_FIELD_NAMES: dict[str, frozenset[str]] = {}


def _all_field_names(catalogue: Catalogue) -> frozenset[str]:
    """Every field name of every model of the catalogue."""
    names = _FIELD_NAMES.get(catalogue.series)
    if names is None:
        names = _FIELD_NAMES[catalogue.series] = frozenset(
            name for spec in catalogue.raw_specs().values() for name in spec.get("fields", {}))
    return names


def rename_plan(plan: MethodPlan, data: DataFields, catalogue: Catalogue) -> MethodPlan:
    """The plan with the fields and models that became custom ones by their new names."""
    from migrator.generate.transforms.field_names import rename_code  # libcst

    model = plan.model

    def name(field_name: str | None) -> str | None:
        return data.new_name((model, field_name)) if field_name else field_name

    steps = []
    for step in plan.steps:
        settings = dict(step.settings)
        if step.state == "object_write":
            settings["field"] = name(settings["field"])
        if step.state == "object_create":
            settings["model"] = data.new_model(settings["model"])
        steps.append(dataclasses.replace(step, settings=settings))
    return dataclasses.replace(
        plan, model=data.new_model(model), steps=tuple(steps),
        trigger_fields=tuple(name(f) or f for f in plan.trigger_fields), date_field=name(plan.date_field),
        condition=rename_domain(plan.condition, lambda path: data.rename_path(model, path, catalogue))
        if plan.condition else plan.condition,
    ).with_codes(lambda code: rename_code(code, data.field_renames, data.models))


def rename_domain(text: str, rename: Callable[[str], str]) -> str:
    """A domain's text with each leaf's field path renamed."""
    domain = ast.literal_eval(text)
    renamed = [(rename(leaf[0]), *leaf[1:]) if isinstance(leaf, (list, tuple)) and leaf
               and isinstance(leaf[0], str) else leaf for leaf in domain]
    return domain_text(renamed)
