"""Mail for the replay runtime: chatter messages, followers, activities, mail templates
and SMS on the models that have them in Odoo. `install_mail(registry)` before the
registry builds its models; pass `MAIL_MODELS` in `install(extra_models=...)`."""

from __future__ import annotations

from migrator.runtime.mail.activity import ActivityCreate, ActivityMethods
from migrator.runtime.mail.channels import UserChannels, seed_channels
from migrator.runtime.mail.data import seed_mail
from migrator.runtime.mail.lifecycle import ThreadLifecycle
from migrator.runtime.mail.models import MODEL_CLASSES
from migrator.runtime.mail.sms import SmsMethods
from migrator.runtime.mail.template import TemplateMethods, TemplatePostMethods
from migrator.runtime.mail.thread import MessageCreate, ThreadMethods
from migrator.runtime.registry import Registry

# Models mail needs a table for besides the registry's base models.
MAIL_MODELS = ("mail.message.subtype",)
SMS_MODELS = ("sms.sms", "sms.template")


def has_chatter(model: str, spec: dict) -> bool:
    """Odoo's mail.thread models: the catalogue gives them `message_ids`."""
    return "message_ids" in spec["fields"]


def has_activities(model: str, spec: dict) -> bool:
    return "activity_ids" in spec["fields"]


def mail_models(registry: Registry) -> tuple[str, ...]:
    """The extra models to install: SMS ones only where the catalogue has them."""
    sms = SMS_MODELS if all(registry.has_model(m) for m in SMS_MODELS) else ()
    return (*MAIL_MODELS, *sms)


def install_mail(registry: Registry) -> None:
    registry.add_classes(MODEL_CLASSES)
    registry.notified = []  # (model, id, what its notification emails show): notify.py
    registry.tracking = {}  # model -> id -> tracked values before the request's first write: tracking.py
    registry.created_changes = []  # (model, id, uid, tracked fields given at creation): tracking.py
    registry.add_mixin(ThreadLifecycle, has_chatter)
    registry.add_mixin(ThreadMethods, has_chatter)
    registry.add_mixin(MessageCreate, lambda model, spec: model == "mail.message")
    registry.add_mixin(TemplatePostMethods, has_chatter)
    if all(registry.has_model(m) for m in SMS_MODELS):
        registry.add_mixin(SmsMethods, has_chatter)
    registry.add_mixin(ActivityMethods, has_activities)
    registry.add_mixin(ActivityCreate, lambda model, spec: model == "mail.activity")
    registry.add_mixin(TemplateMethods, lambda model, spec: model == "mail.template")
    registry.add_mixin(UserChannels, lambda model, spec: model == "res.users")
    registry.add_seeder(seed_mail)
    registry.add_seeder(seed_channels)


__all__ = ["MAIL_MODELS", "has_activities", "has_chatter", "install_mail", "mail_models"]
