"""What makes the public cache stale: a publication, or a change to a record the public sees.

Connected in PortalConfig.ready(). Applicants' drafts, reviews, reminders and the like are left
out: they never show on a public page, and they change far more often than what does.
"""

from typing import Any

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from regiodeal.decisions.constants import DecisionState
from regiodeal.decisions.models import Decision, Meeting
from regiodeal.decisions.signals import besluitenlijst_published

from . import caching

PUBLIC_APPS = ("programmes", "projects", "decisions", "finance", "monitoring", "organisations")
PUBLIC_MODELS_ELSEWHERE = ("calls.Call", "calls.ProgrammeLine", "calls.Criterion")
PRIVATE_MODELS = ("monitoring.Reminder", "programmes.ProgrammeMembership")


def _is_public(model: type) -> bool:
    label = model._meta.label
    if label in PRIVATE_MODELS or model.__name__.startswith("Historical"):
        return False
    return model._meta.app_label in PUBLIC_APPS or label in PUBLIC_MODELS_ELSEWHERE


def invalidate_public_cache() -> None:
    # Once now, and once more when the transaction commits: a request that rendered the old
    # rows between the two (the change not yet visible to it) must not stay cached.
    caching.invalidate_public_cache()
    transaction.on_commit(caching.invalidate_public_cache)


def _shows_publicly(instance: object) -> bool:
    # Decisions and meetings show once published, and then never change again (publication
    # sends a signal of its own): planning meetings, drafting and adopting, the office's daily
    # work, leave the public cache (and the national sums it holds) alone.
    if isinstance(instance, Decision):
        return instance.state == DecisionState.GEPUBLICEERD
    if isinstance(instance, Meeting):
        return instance.is_published
    return True


def _changed(sender: type, instance: object = None, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loading fixtures or a backup: the restore clears the cache itself
        return
    if sender is not None and _is_public(sender) and _shows_publicly(instance):
        invalidate_public_cache()


def _m2m_changed(sender: type, instance: object, action: str, **kwargs: Any) -> None:
    if action.startswith("post_") and _is_public(type(instance)):
        invalidate_public_cache()


def _published(sender: object, **kwargs: Any) -> None:
    invalidate_public_cache()


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="regiodeal-public-cache-save")
    post_delete.connect(_changed, dispatch_uid="regiodeal-public-cache-delete")
    m2m_changed.connect(_m2m_changed, dispatch_uid="regiodeal-public-cache-m2m")
    besluitenlijst_published.connect(_published, dispatch_uid="regiodeal-public-cache-publish")
