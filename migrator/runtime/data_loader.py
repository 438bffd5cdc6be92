"""Loading a data module (`__manifest__.py` and its data XML, in manifest order) into the
replay database, as Odoo's convert.py loads one: each `<record>` creates a record and the
ir.model.data row of its xml id; `ref=` and `eval` with `ref('...')` resolve xml ids to
ids. Anything it cannot load raises DataLoadError naming the file, record and field.

Series shape (16.0): a base.automation carries its server action's fields itself
(delegation); the loader creates that action apart, linked by `base_automation_id`, as
17+ stores it, so the executors read one shape.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from lxml import etree

from migrator.runtime import manual
from migrator.runtime.action_sandbox import eval_expression
from migrator.runtime.errors import DataLoadError, RuntimeMissing
from migrator.runtime.manifest import check_installable, read_manifest
from migrator.series import series_facts

# Fields of ir.actions.server a 16.0 base.automation holds by delegation.
_AUTOMATION_OWN_16 = frozenset("""
    action_server_id active trigger trg_date_id trg_date_range trg_date_range_type
    trg_date_calendar_id filter_pre_domain filter_domain last_run on_change_field_ids
    trigger_field_ids
""".split())


def load_data_module(module_path: str | Path, env: Any, select: Callable[[Any], bool] | None = None,
                     functions: list[Callable[[], Any]] | None = None) -> dict[str, Any]:
    """Load every data file of the module (as the superuser), or the elements `select`
    keeps; returns the records by xml id. Each `<function>` it ran is appended to
    `functions` (when given), to be run again. A module the series' Odoo would not install
    raises NotInstallable."""
    module = Path(module_path)
    manifest = check_installable(module, env.registry.series, data=False)
    loader = _Loader(module.name, env(user=1, su=True), select)
    for name in manifest.get("data", []):
        if not name.endswith(".xml"):
            raise DataLoadError(f"{module.name}/{name}: only XML data files are loaded")
        loader.load_file(module / name, f"{module.name}/{name}")
    if functions is not None:
        functions.extend(loader.functions)
    return loader.loaded


@contextmanager
def _failing_as(where: str) -> Iterator[None]:
    """A failure loading data, named by where it happened; the runtime's own refusals pass."""
    try:
        yield
    except (DataLoadError, RuntimeMissing):
        raise
    except Exception as exc:
        raise DataLoadError(f"{where}: {type(exc).__name__}: {exc}") from exc


def load_records(module_path: str | Path, env: Any, select: Callable[[Any], bool]) -> dict[str, Any]:
    """Load only the elements of the module's XML data files that `select(element)` accepts
    (it may drop field elements first), e.g. an addon's own mail templates and crons
    without its views; other data files are skipped. Returns the records by xml id."""
    module = Path(module_path)
    loader = _Loader(module.name, env(user=1, su=True), select)
    for name in read_manifest(module).get("data", []):
        if name.endswith(".xml"):
            loader.load_file(module / name, f"{module.name}/{name}")
    return loader.loaded


class _Loader:
    def __init__(self, module: str, env: Any, select: Callable[[Any], bool] | None = None) -> None:
        self.module = module
        self.env = env
        self.series = env.registry.series
        self.select = select
        self.loaded: dict[str, Any] = {}
        self.functions: list[Callable[[], Any]] = []  # the <function> calls made, to run again
        self.custom = False  # records of custom models or fields loaded since the last reflect

    # ---------------------------------------------------------------- files
    def load_file(self, path: Path, label: str) -> None:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        try:
            root = etree.parse(str(path), parser).getroot()
        except (OSError, etree.XMLSyntaxError) as exc:
            raise DataLoadError(f"{label}: {exc}") from None
        if root.tag not in ("odoo", "openerp"):
            raise DataLoadError(f"{label}: root element <{root.tag}>, expected <odoo>")
        blocks = [root] + [child for child in root if child.tag == "data"]
        for block in blocks:
            for node in block:
                if node.tag == "data" and block is root:
                    continue
                if self.select is not None and not self.select(node):
                    continue
                if node.tag == "function":
                    self.load_function(node, f"{label}:{node.sourceline}")
                    continue
                if node.tag != "record":
                    raise DataLoadError(f"{label}:{node.sourceline}: <{node.tag}> is not supported by the loader")
                self.load_record(node, f"{label}:{node.sourceline}")
        self.reflect()

    def reflect(self) -> None:
        """Custom models and fields whose records were loaded become the registry's, as Odoo
        sets its registry up again when they change (runtime/manual.py)."""
        if self.custom:
            self.custom = False
            with _failing_as(f"{self.module}: the custom models and fields"):
                manual.reflect(self.env)

    # ------------------------------------------------------------- functions
    def load_function(self, node: Any, where: str) -> None:
        """`<function model= name= eval=>`: Odoo's convert.py calls the method as call_kw does
        (the first argument the ids of the records it runs on); run now, and kept to run again."""
        model, name = node.get("model"), node.get("name")
        if not model or not name:
            raise DataLoadError(f"{where}: a <function> needs model and name")
        if model not in self.env:
            raise DataLoadError(f"{where}: <function> of an unknown model {model}")
        if len(node) or node.get("context"):
            raise RuntimeMissing(f"<function> with <value> children or a context ({where})")
        self.reflect()
        args = eval_expression(node.get("eval"), self.eval_values()) if node.get("eval") else []
        env = self.env

        def call() -> Any:
            return _call(env, model, name, list(args), where)

        with _failing_as(f"{where} <function> {model}.{name}"):
            call()
        self.functions.append(call)
        self.custom = self.custom or model in manual.RECORD_MODELS  # ir.model's write of `order`

    # -------------------------------------------------------------- records
    def load_record(self, node: Any, where: str) -> None:
        model, xmlid = node.get("model"), node.get("id")
        if not model or not xmlid:
            raise DataLoadError(f"{where}: a record needs model and id")
        full_id = xmlid if "." in xmlid else f"{self.module}.{xmlid}"
        where = f"{where} record {full_id}"
        # an xml id that exists (a record the data module took over): Odoo updates that record
        existing = self.loaded.get(full_id) or self.env.ref(full_id, raise_if_not_found=False)
        if existing is not None and (existing._name != model or model in manual.RECORD_MODELS
                                     or self._is_16_automation(model)):
            raise DataLoadError(f"{where}: the record exists already as {existing._name} "
                                "(updates of it are not supported)")
        if model not in manual.RECORD_MODELS:
            self.reflect()
        if model not in self.env:
            raise DataLoadError(f"{where}: unknown model {model}")
        Model = self.env[model]
        values: dict[str, Any] = {}
        for field_node in node:
            if field_node.tag != "field":
                raise DataLoadError(f"{where}: <{field_node.tag}> inside a record")
            name = field_node.get("name")
            if name not in Model._fields and not self._delegated_16(model, name):
                raise DataLoadError(f"{where}: model {model} has no field {name!r}")
            with _failing_as(f"{where} field {name}"):
                values[name] = self.field_value(Model, name, field_node)
        if existing is not None:
            with _failing_as(where):
                existing.write(values)
            self.loaded[full_id] = existing
            return
        if model in manual.RECORD_MODELS:
            values = manual.complete(model, values, self.env)
            self.custom = True
        with _failing_as(where):
            record = self.create(model, values, where)
        module, _, name = full_id.partition(".")
        self.env["ir.model.data"].create({"module": module, "name": name, "model": model,
                                          "res_id": record.id,
                                          "noupdate": node.getparent().get("noupdate") in ("1", "True")})
        self.loaded[full_id] = record

    def _delegated_16(self, model: str, name: str) -> bool:
        return self.series == "16.0" and model == "base.automation" \
            and name in self.env["ir.actions.server"]._fields

    def create(self, model: str, values: dict, where: str) -> Any:
        if self._is_16_automation(model):
            return self._create_automation_16(values, where)
        record = self.env[model].create(values)
        self._fill_related(record, values)
        if model == "ir.actions.server":
            check_action(record)
        return record

    def _is_16_automation(self, model: str) -> bool:
        return model == "base.automation" and series_facts(self.series).automation_delegates

    def _create_automation_16(self, values: dict, where: str) -> Any:
        """16.0: the rule's action fields make its own server action."""
        action_values = {k: v for k, v in values.items() if k not in _AUTOMATION_OWN_16}
        rule_values = {k: v for k, v in values.items() if k in _AUTOMATION_OWN_16}
        rule_values.update(name=values.get("name"), model_id=values.get("model_id"))
        rule = self.env["base.automation"].create(rule_values)
        action = self.env["ir.actions.server"].create(
            {**action_values, "usage": "base_automation", "base_automation_id": rule.id})
        self._fill_related(action, action_values)
        return rule

    def _fill_related(self, record: Any, values: dict) -> None:
        """Stored core fields related to the model (`model_id.model`): Odoo computes them."""
        for name, field in record._fields.items():
            if field.store and field.related and field.get("core") and name not in values:
                prefix, _, last = field.related.rpartition(".")
                if prefix in values and "." not in prefix:
                    target = record[prefix]
                    record.write({name: target[last] if target else False})

    # --------------------------------------------------------------- values
    def field_value(self, Model: Any, name: str, node: Any) -> Any:
        field = Model._fields.get(name) or self.env["ir.actions.server"]._fields[name]
        if node.get("search"):
            raise RuntimeMissing("data file <field search=...>")
        if node.get("ref") is not None:
            ref = node.get("ref")
            return self.ref(ref) if ref else False
        if node.get("eval") is not None:
            return eval_expression(node.get("eval"), self.eval_values())
        kind = node.get("type")
        if kind in ("xml", "html"):
            return (node.text or "") + "".join(etree.tostring(child, encoding="unicode") for child in node)
        text = node.text or ""
        if kind == "int" or field.type == "integer":
            return int(text.strip()) if text.strip() not in ("", "None") else False
        if kind == "float" or field.type in ("float", "monetary"):
            return float(text.strip())
        if field.type == "boolean":
            return text.strip().lower() not in ("", "0", "false")
        if field.type == "many2one":
            raise DataLoadError(f"{Model._name}.{name}: a many2one needs ref= or eval=")
        return text

    def eval_values(self) -> dict[str, Any]:
        return {"ref": self.ref, "time": __import__("time"), "datetime": datetime,
                "DateTime": datetime.datetime, "timedelta": datetime.timedelta,
                "relativedelta": relativedelta}

    def ref(self, xmlid: str) -> int:
        full_id = xmlid if "." in xmlid else f"{self.module}.{xmlid}"
        record = self.env.ref(full_id, raise_if_not_found=False)
        if record is None:
            raise DataLoadError(f"External ID not found: {full_id}")
        return record.id


def _call(env: Any, model: str, name: str, args: list, where: str) -> Any:
    """odoo.api.call_kw for a data file's <function>: the records of the ids in `args[0]`,
    then the method with the other arguments. A server action's `run` is the runtime's."""
    if not args:
        raise RuntimeMissing(f"<function> {model}.{name} without the ids of records ({where})")
    ids, rest = args[0], args[1:]
    records = env[model].browse(ids if isinstance(ids, (list, tuple)) else [ids])
    if model == "ir.actions.server" and name == "run" and not rest:
        from migrator.runtime.actions.server_action import run

        return [run(action, env) for action in records]
    method = getattr(type(records), name, None)
    if method is None or name.startswith("_"):
        raise RuntimeMissing(f"<function> {model}.{name} ({where})")
    return method(records, *rest)


def check_action(action: Any) -> None:
    """ir.actions.server's constraint under base_automation: same model as its rule."""
    rule = action.base_automation_id if "base_automation_id" in action._fields else None
    if rule and action.model_id != rule.model_id:
        raise DataLoadError(f"Model of action {action.name} should match the one from automated "
                            f"rule {rule.name}.")
