"""The replay inside real Odoo: run by the Odoo installation's own Python, never imported by
the toolkit. It imports only the standard library, Odoo, freezegun (in Odoo's requirements)
and, by their paths, the toolkit's standard-library files it shares with the embedded
engine: collect.py (what a scenario left in PostgreSQL) and values.py (scenario values).

    python driver.py init CONFIG.json    build a template database (odoo-bin -i, no demo)
    python driver.py serve CONFIG.json   one run's database: install, then replay on request

`serve` reads one JSON request per line on stdin and answers one JSON line on the protocol
descriptor (stdout at start; Odoo's own output goes to stderr). The clock is frozen from
the start (freezegun), at the embedded runtime's instant while modules install, at each
scenario's start while it replays; PostgreSQL's transaction time (`cr.now()`, the
create and write dates) follows it.
"""

from __future__ import annotations

import contextlib
import datetime
import importlib.util
import io
import json
import os
import random
import sys
import traceback
import types
import zipfile
from collections.abc import Iterator

HERE = os.path.dirname(os.path.abspath(__file__))
VERIFY = os.path.dirname(HERE)
PACKAGE = os.path.dirname(VERIFY)
if sys.path and os.path.abspath(sys.path[0] or ".") == HERE:
    del sys.path[0]  # this folder's modules are not for Odoo to find


def _shared(name: str, path: str) -> types.ModuleType:
    """A toolkit file that uses the standard library only, loaded without its package."""
    parts = name.split(".")
    for depth in range(1, len(parts)):  # the packages, as empty shells: no __init__ runs
        package = ".".join(parts[:depth])
        if package not in sys.modules:
            shell = types.ModuleType(package)
            shell.__path__ = []
            sys.modules[package] = shell
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


_shared("migrator.errors", os.path.join(PACKAGE, "errors.py"))
collect = _shared("migrator.verify.collect", os.path.join(VERIFY, "collect.py"))
values = _shared("migrator.verify.values", os.path.join(VERIFY, "values.py"))
UsageError = sys.modules["migrator.errors"].UsageError

# Configuration the runs load differently is never compared (observe.py says which).
USER = 2  # the administrator: who the scenarios act as, in both engines
CONTEXT = {"lang": "en_US", "tz": "UTC"}
INTERVALS = ("minutes", "hours", "days", "weeks", "months")


def main() -> None:
    command, config_path = sys.argv[1], sys.argv[2]
    with open(config_path, encoding="utf-8") as handle:
        config = json.load(handle)
    if config.get("odoo_root"):
        sys.path.insert(0, config["odoo_root"])
    os.environ["TZ"] = "UTC"  # as odoo-bin sets it
    if command == "init":
        _init(config)
    else:
        _serve(config)


def _odoo_args(config: dict) -> list[str]:
    args = [f"--addons-path={','.join(config['addons_path'])}", f"--data-dir={config['data_dir']}",
            "--log-level=warn", "--workers=0", "--max-cron-threads=0"]
    for key in ("db_host", "db_port", "db_user", "db_password"):
        if config.get(key):
            args.append(f"--{key}={config[key]}")
    return args


def _init(config: dict) -> None:
    """odoo-bin -d DB -i MODULES --stop-after-init, without demo data."""
    import odoo  # noqa: F401  (the release decides the demo option)
    from odoo import release
    from odoo.cli import main as odoo_main

    demo = [] if release.version_info[0] >= 19 else ["--without-demo=all"]  # 19: no demo unless asked
    sys.argv = ["odoo", *_odoo_args(config), "-d", config["database"], "-i", ",".join(config["modules"]),
                "--stop-after-init", *demo]
    odoo_main()


# ------------------------------------------------------------------------------ serving


def _serve(config: dict) -> None:
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever Odoo or a module prints goes to the log, not the protocol
    sys.stdout = sys.stderr
    import freezegun

    clock = freezegun.freeze_time(datetime.datetime.fromisoformat(config["instant"])).start()
    odoo = _import_odoo()
    from odoo.tools import config as odoo_config

    odoo_config.parse_config(_odoo_args(config))
    server = Server(odoo, config, clock)
    for line in sys.stdin:
        request = json.loads(line)
        try:
            answer = {"ok": getattr(server, request["op"])(**request.get("args", {}))}
        except UsageError as exc:
            answer = {"usage": str(exc)}
        except Refused as exc:
            answer = {"refused": str(exc)}
        except Exception as exc:  # the driver's own failure: the caller shows the traceback's last line
            answer = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()}
        out.write(json.dumps(answer, default=str) + "\n")
        out.flush()


def _import_odoo() -> types.ModuleType:
    """`odoo` with what the driver uses: 16.0-18.0's package imports it all; 19.0's is a
    namespace package whose start-up is odoo/init.py (as odoo-bin's `import odoo.cli` runs it)."""
    with contextlib.suppress(ImportError):
        importlib.import_module("odoo.init")
    import odoo

    for name in ("api", "fields", "release", "tools", "modules"):
        importlib.import_module(f"odoo.{name}")
    return odoo


class Refused(Exception):
    """What the run cannot do (a module that does not install, a record it lacks)."""


class Server:
    def __init__(self, odoo: types.ModuleType, config: dict, clock: object) -> None:
        self.odoo = odoo
        self.api = odoo.api
        self.database = config["database"]
        self.clock = clock
        self.major = odoo.release.version_info[0]
        self.crons: dict[str, str] = {}  # method -> xml id of its cron (this run's)
        self.buttons: dict[str, str] = {}  # "model.method" -> server action xml id
        self.time_rule_methods: set[str] = set()
        self.modules: list[str] = []  # the modules under test: their crons run on the scheduler
        self.label = "module"
        self.xmlid_top = 0  # ir.model.data ids above this were made by a scenario
        self.schema: dict = {}  # collect.py's schema of this database
        self.addon = ""
        self.moved: list[tuple[str, ...]] = []  # (model, method) of the units that moved

    # ------------------------------------------------------------------ set-up

    def _registry(self) -> object:
        try:
            from odoo.modules.registry import Registry
        except ImportError:  # 19.0
            from odoo.orm.registry import Registry
        return Registry(self.database)

    def _env(self, cr: object, uid: int = USER, context: dict | None = None) -> object:
        return self.api.Environment(cr, uid, dict(CONTEXT if context is None else context))

    def install(self, modules: list[str], zips: list[str], label: str, crons: dict, buttons: dict,
                time_rule_methods: list[str], subjects: list[str], addon: str, moved: list[list[str]]) -> dict:
        """Install `modules` from the addons path, then import each folder of `zips` as
        base_import_module does (the data module: proof that it is importable). Returns the
        schema observations read and the xml ids existing now."""
        self.label, self.crons, self.buttons = label, crons, buttons
        self.time_rule_methods, self.modules = set(time_rule_methods), subjects
        self.addon, self.moved = addon, [tuple(m) for m in moved]
        with self._registry().cursor() as cr:
            env = self._env(cr, self.odoo.SUPERUSER_ID, {})
            env["ir.module.module"].update_list()
            found = env["ir.module.module"].search([("name", "in", modules)])
            missing = sorted(set(modules) - set(found.mapped("name")))
            if missing:
                raise Refused(f"Odoo does not find the module {', '.join(missing)} on its addons path")
            uninstallable = found.filtered(lambda m: m.state == "uninstallable")
            if uninstallable:
                raise Refused(f"Odoo {self.odoo.release.series} does not install {uninstallable[0].name} "
                              "(uninstallable: its manifest's version or installable flag)")
        if modules:
            with self._registry().cursor() as cr:
                self._env(cr, self.odoo.SUPERUSER_ID, {})["ir.module.module"].search(
                    [("name", "in", modules)]).button_immediate_install()
        for folder in zips:
            self._import(folder)
        with self._registry().cursor() as cr:
            env = self._env(cr, self.odoo.SUPERUSER_ID, {})
            found = env["ir.module.module"].search([("name", "in", subjects)])
            states = {module.name: module.state for module in found}
            for name in subjects:
                if states.get(name) != "installed":
                    raise Refused(f"{name} is not installed in Odoo after installing it "
                                  f"({states.get(name, 'unknown')})")
            cr.execute("SELECT coalesce(max(id), 0) FROM ir_model_data")
            self.xmlid_top = cr.fetchone()[0]
            cr.execute("SELECT module, name, model, res_id FROM ir_model_data")
            xmlids = cr.fetchall()
            self.schema = self._schema(env)
            return {"schema": self.schema, "xmlids": xmlids}

    def _import(self, folder: str) -> None:
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w") as archive:
            for root, _dirs, files in os.walk(folder):
                for name in files:
                    path = os.path.join(root, name)
                    archive.write(path, os.path.relpath(path, os.path.dirname(folder)))
        data.seek(0)
        with self._registry().cursor() as cr:
            modules = self._env(cr, self.odoo.SUPERUSER_ID, {})["ir.module.module"]
            try:
                if hasattr(modules, "_import_zipfile"):
                    modules._import_zipfile(data)
                else:  # 16.0
                    modules.import_zipfile(data)
            except Exception as exc:
                raise Refused(f"base_import_module refuses {os.path.basename(folder)}: {exc}") from exc

    def _module_crons(self, env: object) -> list[str]:
        data = env["ir.model.data"].search([("model", "=", "ir.cron"), ("module", "in", self.modules)])
        return [f"{d.module}.{d.name}" for d in data]

    def _schema(self, env: object) -> dict:
        schema = {}
        for name, model in env.registry.models.items():
            if model._abstract or not model._auto or not model._table:
                continue
            fields = {}
            for fname, field in model._fields.items():
                spec = {"type": field.type, "store": bool(field.store)}
                if field.relational:
                    spec["relation"] = field.comodel_name
                if field.type == "many2many":
                    spec.update(relation_table=field.relation, column1=field.column1, column2=field.column2)
                if field.type == "many2one_reference":
                    spec["model_field"] = field.model_field
                fields[fname] = spec
            schema[name] = {"table": model._table, "fields": fields}
        return schema

    # ------------------------------------------------------------------ replay

    def replay(self, scenario: dict, logic: bool, compared: list[str]) -> dict:
        """One scenario in one transaction, rolled back afterwards (docs/verify.md)."""
        registry = self._registry()
        start = datetime.datetime.fromisoformat(scenario["start"])
        self.clock.move_to(start)
        # Odoo draws some defaults at random (a tag's colour): the same draws in both runs
        random.seed(scenario["name"])
        cr = registry.cursor()
        commit = cr.commit
        cr.commit = cr.flush  # code that commits ends its request; the scenario stays one transaction
        raw = cr._obj
        sequences = collect.sequences(raw)
        try:
            cr._now = start
            env = self._env(cr)
            rules = self._rules_off(cr)
            with self._residual(env):
                ids = self._starting_records(env, scenario)
                env.flush_all()
                # what their request would do at its end (tracking, templates) is dropped, as
                # the embedded runtime forgets it (verify/replay.py)
                cr.precommit.clear()
            if logic:
                self._rules_on(cr, rules)
            env.flush_all()
            base = collect.baseline(raw, self.schema, compared)
            uid = ids[scenario["user"]][1] if scenario.get("user") else USER
            outcomes = [self._step(cr, step, ids, logic, uid) for step in scenario["steps"]]
            env.flush_all()
            found = collect.collect(raw, base, self.schema, compared, self.xmlid_top)
            return {"raw": found, "base": base, "ids": ids, "outcomes": outcomes}
        finally:
            cr.commit = commit
            cr.rollback()
            moved = [name for name, (last, _) in collect.sequences(raw).items() if sequences.get(name, (last,))[0] != last]
            collect.restore_sequences(raw, sequences)
            _keep_committed_ids(raw, moved)
            cr.rollback()
            cr.close()
            if hasattr(registry, "clear_all_caches"):
                registry.clear_all_caches()
            else:
                registry.clear_caches()

    @contextlib.contextmanager
    def _residual(self, env: object) -> Iterator[None]:
        """The addon's moved methods out of its classes for a while: run A's starting records
        are made as in the embedded runtime, by the addon without them (run B's residual)."""
        removed = []
        for model, method in self.moved if self.label == "module" else ():
            if model not in env:
                continue
            for cls in type(env[model]).__mro__:
                if cls.__module__.startswith(f"odoo.addons.{self.addon}.") and method in vars(cls):
                    removed.append((cls, method, vars(cls)[method]))
                    delattr(cls, method)
        try:
            yield
        finally:
            for cls, method, function in removed:
                setattr(cls, method, function)

    def _rules_off(self, cr: object) -> list[int]:
        """Automation rules stop acting (starting records are made without them; a run
        without the logic keeps them off)."""
        cr.execute("SELECT to_regclass('base_automation') IS NOT NULL")
        if not cr.fetchone()[0]:
            return []
        cr.execute("UPDATE base_automation SET active = false WHERE active RETURNING id")
        ids = [row[0] for row in cr.fetchall()]
        self._invalidate(cr)
        return ids

    def _rules_on(self, cr: object, ids: list[int]) -> None:
        if ids:
            cr.execute("UPDATE base_automation SET active = true WHERE id = ANY(%s)", (ids,))
            self._invalidate(cr)

    def _invalidate(self, cr: object) -> None:
        self._env(cr).invalidate_all()

    def _starting_records(self, env: object, scenario: dict) -> dict[str, list]:
        ids: dict[str, list] = {}
        for record in scenario["records"]:
            # a record the scenario names by an xml id real Odoo has already stands for itself
            existing = env.ref(record["xmlid"], raise_if_not_found=False) if record.get("xmlid") else None
            try:
                given = self._resolve(env, record["model"], record["values"], ids)
                created = existing.write(given) and existing if existing else env[record["model"]].create(given)
            except (UsageError, Refused):
                raise
            except Exception as exc:
                raise Refused(f"cannot create the starting record {record['ref']} ({record['model']}): "
                              f"{type(exc).__name__}: {exc}") from exc
            ids[record["ref"]] = [record["model"], created.id]
            if record.get("xmlid") and not existing:
                module, _, name = record["xmlid"].partition(".")
                env["ir.model.data"].sudo().create({"module": module, "name": name, "model": record["model"],
                                                    "res_id": created.id})
        return ids

    def _resolve(self, env: object, model: str, given: dict, ids: dict) -> dict:
        if model not in env:
            raise UsageError(f"scenario: no model {model} in this Odoo")
        return values.resolve(env, model, given, {k: tuple(v) for k, v in ids.items()},
                              self.odoo.fields.Datetime.now())

    def _step(self, cr: object, step: dict, ids: dict, logic: bool, uid: int = USER) -> str:
        """One operation as one request, as `uid`: its outcome, "ok" or the error it raised (rolled back)."""
        env = self._env(cr, uid)
        cr._now = self.odoo.fields.Datetime.now()
        try:
            with cr.savepoint():
                self._execute(env, step, ids, logic)
        except (UsageError, Refused):
            raise
        except _NotCreated as missing:
            return f"skipped: {missing} was not created"
        except Exception as exc:
            if step["op"] == "create":
                for name in step["refs"] or [step["ref"]]:  # later steps on them are skipped
                    ids[name] = [step.get("model") or "", 0]
            return f"error: {type(exc).__name__}: {exc}"
        return "ok"

    def _execute(self, env: object, step: dict, ids: dict, logic: bool) -> None:
        op = step["op"]
        if op == "create" and step["refs"]:
            records = env[step["model"]].create([self._resolve(env, step["model"], values, ids)
                                                 for values in step["values_list"]])
            for name, record in zip(step["refs"], records):
                ids[name] = [step["model"], record.id]
        elif op == "create":
            record = env[step["model"]].create(self._resolve(env, step["model"], step["values"], ids))
            ids[step["ref"]] = [step["model"], record.id]
        elif step["refs"]:
            records = self._records(env, step, ids)
            if op == "write":
                records.write(self._resolve(env, records._name, step["values"], ids))
            else:
                records.unlink()
        elif op in ("write", "unlink", "button"):
            record = self._record(env, step["ref"], op, ids)
            if op == "write":
                record.write(self._resolve(env, record._name, step["values"], ids))
            elif op == "unlink":
                record.unlink()
            elif logic:
                self._button(env, record, step)
        elif op == "advance":
            self.clock.tick(datetime.timedelta(**step["delta"]))
            env.cr._now = self.odoo.fields.Datetime.now()
        elif not logic:
            return  # a button, a cron or the rules' check: nothing without the logic
        elif op == "run_cron":
            self._run_cron(env, step["method"])
        elif op in ("run_crons", "scheduler"):
            self._due_crons(env)
        if logic and op in ("run_time_rules", "scheduler"):
            self._time_rules(env)

    def _record(self, env: object, ref: str, op: str, ids: dict) -> object:
        if ref not in ids:
            raise UsageError(f"scenario: {op} of {ref!r}, a record the scenario has not created")
        model, record_id = ids[ref]
        if not record_id:
            raise _NotCreated(ref)
        return env[model].browse(record_id)

    def _records(self, env: object, step: dict, ids: dict) -> object:
        found = [self._record(env, name, step["op"], ids) for name in step["refs"]]
        if len({record._name for record in found}) != 1:
            raise UsageError(f"scenario: {step['op']} of {', '.join(step['refs'])}: records of one model in one call")
        return found[0].browse([record.id for record in found])

    def _button(self, env: object, record: object, step: dict) -> None:
        """Run A calls the method; run B runs the server action bound in its place (or Odoo's own
        button, whose move a rule now follows)."""
        method = step["method"]
        if self.label == "module":
            if not hasattr(type(record), method):
                raise Refused(f"cannot replay: the addon has no method {record._name}.{method}")
            getattr(record, method)()
            return
        xmlid = step.get("action") or self.buttons.get(f"{record._name}.{method}")
        if xmlid == "":  # the override became a rule on what Odoo's own button writes: press that
            getattr(record, method)()
            return
        action = env.ref(xmlid, raise_if_not_found=False) if xmlid else None
        if action is None:
            raise Refused(f"cannot replay: no server action replaces the button {record._name}.{method}"
                          + (f" ({xmlid} not found)" if xmlid else ""))
        action.with_context(active_model=record._name, active_id=record.id, active_ids=record.ids).run()

    def _run_cron(self, env: object, method: str) -> None:
        if method in self.time_rule_methods:
            self._time_rules(env)
            return
        xmlid = self.crons.get(method)
        cron = env.ref(xmlid, raise_if_not_found=False) if xmlid else None
        if cron is None:
            raise Refused(f"cannot replay: no cron runs {method} with the {self.label}")
        self._call(env, cron)

    def _call(self, env: object, cron: object) -> None:
        """A cron's action as its user, as the scheduler runs it (Odoo's _callback)."""
        action = cron.sudo().ir_actions_server_id
        user = cron.sudo().user_id
        action.with_user(user).with_context(lastcall=cron.sudo().lastcall).run()

    def _due_crons(self, env: object) -> None:
        """The crons of the modules under test whose nextcall has come, by priority, as the
        scheduler runs them (16/17 also count numbercall down)."""
        from dateutil.relativedelta import relativedelta

        now = self.odoo.fields.Datetime.now()
        ids = [env.ref(x).id for x in self._module_crons(env) if env.ref(x, raise_if_not_found=False)]
        crons = env["ir.cron"].sudo().search([("id", "in", ids), ("active", "=", True), ("nextcall", "<=", now)],
                                             order="priority, id")
        for cron in crons:
            interval = relativedelta(**{cron.interval_type: cron.interval_number})
            missed, nextcall = 0, cron.nextcall
            while nextcall <= now:
                nextcall += interval
                missed += 1
            calls, vals = 1, {"nextcall": nextcall, "lastcall": now}
            if "numbercall" in cron._fields:
                calls = missed if cron.doall else 1
                if cron.numbercall > 0:
                    calls = min(calls, cron.numbercall)
                    vals["numbercall"] = cron.numbercall - calls
                    vals["active"] = vals["numbercall"] != 0
            for _ in range(calls):
                self._call(env, cron)
            cron.write(vals)

    def _time_rules(self, env: object) -> None:
        """The automation rules' time check, as its cron runs it (as OdooBot), without commits."""
        if "base.automation" not in env:
            return
        rules = env(user=self.odoo.SUPERUSER_ID)["base.automation"]
        if self.major >= 19:
            rules._cron_process_time_based_actions()
        else:
            rules._check(False)


def _keep_committed_ids(cr: object, moved: list[str]) -> None:
    """Rows Odoo commits on a cursor of its own during a scenario outlive its rollback (the
    `log()` of server actions writes ir_logging so): the sequences of their tables, put
    back by restore_sequences, move on past them again."""
    for sequence in moved:
        if not sequence.endswith("_id_seq"):
            continue  # ir.sequence's own (ir_sequence_003: a document number, not a table's ids)
        table = sequence.partition(".")[2].removesuffix("_id_seq")
        cr.execute("SELECT to_regclass(%s) IS NOT NULL", (table,))
        if not cr.fetchone()[0]:
            continue
        cr.execute(f'SELECT max(id) FROM "{table}"')
        top = cr.fetchone()[0]
        if top:
            cr.execute("SELECT setval(%s::regclass, GREATEST(%s, coalesce((SELECT last_value FROM pg_sequences "
                       "WHERE schemaname || '.' || sequencename = %s), 0)))", (sequence, top, sequence))


class _NotCreated(Exception):
    """The step acts on a record whose creation failed."""


if __name__ == "__main__":
    main()
