"""`--fields data`: the files that make the module's fields, models, views and security records
of the data module, besides its actions (migrator/generate/convert.py writes those).

Load order (the manifest's `data`): the custom models and fields and their defaults; the
groups, access rules and record rules; the copy of the old values (once, at install: a
`noupdate` file); then the actions, rules and crons; the views, window actions and menus last
(a button's `%(action)d` needs its server action loaded).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from migrator.analyze.module_facts import ModuleFacts
from migrator.catalogue import load_catalogue
from migrator.generate.custom_records import CustomRecords
from migrator.generate.data_fields import DataFields
from migrator.generate.render import render_data_file, render_record

FIELDS_FILE = "data/custom_fields.xml"
SECURITY_FILE = "security/security.xml"
COPY_FILE = "data/copy_values.xml"
VIEWS_FILE = "views/views.xml"
ORDER = (FIELDS_FILE, SECURITY_FILE, COPY_FILE)  # before the actions; VIEWS_FILE after them


@dataclass(frozen=True)
class DataPart:
    fields: DataFields
    files: dict[str, str]
    depends: tuple[str, ...]
    moved_records: tuple[str, ...] = ()  # the addon's xml ids the data module re-creates
    kept_records: dict[str, str] = field(default_factory=dict)  # the addon's xml ids that stay, why
    copies: bool = False  # the data module copies values at install
    order: tuple[str, ...] = ORDER


def data_part(facts: ModuleFacts, decision, depends: tuple[str, ...]) -> DataPart:
    data: DataFields = decision.data
    catalogue = load_catalogue(decision.series)
    mail = _needs_mail(facts, data)
    depends = tuple(dict.fromkeys(depends + (("mail",) if mail and "mail" not in depends else ())))
    custom = CustomRecords(facts, data, catalogue, depends)
    ui = decision.views
    files: dict[str, str] = {}
    head = [render_record(r) for r in custom.models() + custom.fields() + custom.defaults()] + custom.orders()
    if head:
        files[FIELDS_FILE] = render_data_file(head)
    security = [*ui.groups(), *(render_record(r) for r in custom.access()), *ui.rules()]
    if security:
        files[SECURITY_FILE] = render_data_file(security)
    copy = custom.copy_action()
    if copy is not None:
        # noupdate: Odoo runs a <function> of such a file at the first install only
        files[COPY_FILE] = render_data_file([render_record(copy), custom.copy_function()], noupdate=True)
    views = ui.views()
    if views:
        files[VIEWS_FILE] = render_data_file(views)
    return DataPart(data, files, depends, tuple(ui.moved), dict(ui.kept), copy is not None)


def _needs_mail(facts: ModuleFacts, data: DataFields) -> bool:
    """Custom fields with tracking, or custom models with the mail mixins, need mail's fields."""
    if any(spec.attrs.get("tracking") for spec in data.moving.values()):
        return True
    return any(c.model in data.models and {"mail.thread", "mail.activity.mixin"} & set(c.inherit)
               for c in facts.model_classes)
