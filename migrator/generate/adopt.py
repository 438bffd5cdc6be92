"""Carried records taken over where the addon is installed, not made twice.

The data module is installed while the addon still is (CONVERSION.md: install, check, then
uninstall the addon). A plain copy of each carried record would then exist twice: two stages
named "Triage" in the kanban, tasks left in the addon's one (which its uninstall then cannot
delete: a task's stage is `ondelete='restrict'`), and Odoo refuses the copy outright where
names are unique (project tags, activity types in some series).

So the data module first takes the addon's records over: a server action run once at install
(a `noupdate` file, loaded before the records) gives each carried record that exists under the
addon's xml id the data module's xml id too. Odoo then updates that record when it loads the
data module's `<record>` instead of creating one (an existing xml id), and keeps it when the
addon is uninstalled (a record another module's xml id names is not deleted). Where the addon
was never installed (a new database, Odoo Online), nothing is found and the records are
created as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from migrator.generate.carried import CarriedRecord, full_id
from migrator.generate.records import Field, Record

ADOPT_FILE = "data/adopt_records.xml"
ADOPT_ACTION = "action_adopt_records"


def adopt_action(addon: str, data_module: str, carried: Sequence[CarriedRecord]) -> Record:
    """The server action giving the addon's carried records the data module's xml ids."""
    rows = "\n".join(f"    ({full_id(r.original.xmlid, addon)!r}, {r.xmlid!r}, {r.original.model!r}, {r.noupdate}),"
                     for r in carried)
    code = "\n".join((
        f"# Runs once, when this module is installed. Where {addon} is installed, the records this",
        "# module carries are its records: they get this module's xml ids too, so that they are",
        f"# updated rather than made twice, and stay when {addon} is uninstalled.",
        "for original, name, res_model, noupdate in [",
        rows,
        "]:",
        "    found = env.ref(original, raise_if_not_found=False)",
        f"    if found and not env.ref({data_module + '.'!r} + name, raise_if_not_found=False):",
        f"        env['ir.model.data'].create({{'module': {data_module!r}, 'name': name, 'model': res_model,",
        "                                     'res_id': found.id, 'noupdate': noupdate})",
    ))
    fields = (Field("name", f"{data_module}: take over the records of {addon} it carries"),
              Field("model_id", ref="base.model_ir_model_data"), Field("state", "code"),
              Field("code", code, code=True))
    return Record("data_record", ADOPT_ACTION, "ir.actions.server",
                  f"run once at install: {addon}'s records this module carries become its own", fields)


def adopt_function(addon: str) -> str:
    return (f"    <!-- run once, at install, before the records: where {addon} is installed, its records are taken over -->\n"
            f"    <function model=\"ir.actions.server\" name=\"run\" eval=\"[ref('{ADOPT_ACTION}')]\"/>")
