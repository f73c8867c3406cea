"""Small helpers for the back office: amounts in list columns, domain errors as messages, and
the role rules every admin class applies."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from . import permissions
from .models import STALE
from .money import format_euro
from .permissions import Permission

Rule = Callable[..., Permission]


def euro_column(field: str, description: str) -> Callable:
    """A changelist column that shows a Decimal field as ``€ 480.000``, sortable on the field."""

    @admin.display(description=description, ordering=field)
    def column(modeladmin: admin.ModelAdmin, obj) -> str:
        value: Decimal | None = getattr(obj, field)
        return format_euro(value) if value is not None else "–"

    return column


def run_each(
    request: HttpRequest,
    modeladmin: admin.ModelAdmin,
    objects,
    action: Callable,
    done: Callable[[int], str],
) -> None:
    """Apply a service to each selected object; report successes and refusals separately."""
    succeeded = 0
    for obj in objects:
        try:
            action(obj)
        except ValidationError as error:
            modeladmin.message_user(request, f"{obj}: {' '.join(error.messages)}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done(succeeded), messages.SUCCESS)


class LocalizedDecimalMixin:
    """Amount inputs in Dutch notation (``480000,00``) in back-office forms and inlines."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        from django.db import models

        if isinstance(db_field, models.DecimalField):
            kwargs["localize"] = True
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class VersionedAdminForm(forms.ModelForm):
    """Carries the version the user loaded, so a save over someone else's change is refused."""

    # Not named "version": a model form may not list the model's non-editable field.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and loaded is not None:
            current = type(self.instance)._base_manager.filter(pk=self.instance.pk)
            if current.values_list("version", flat=True).first() != loaded:
                raise forms.ValidationError(STALE, code="stale")
            self.instance.version = loaded
        return cleaned


@dataclass(frozen=True)
class AdminRules:
    """Which permission function decides each of the admin's four questions for a model."""

    view: Rule
    add: Rule
    change: Rule
    delete: Rule

    @classmethod
    def viewed_by(cls, view: Rule, *, edit: Rule) -> "AdminRules":
        return cls(view=view, add=edit, change=edit, delete=edit)


PROGRAMME_RULES = AdminRules.viewed_by(
    permissions.may_use_back_office, edit=permissions.may_edit_programme
)
PROJECT_RULES = AdminRules(
    view=permissions.may_use_back_office,
    add=permissions.may_nominate_projects,
    change=permissions.may_edit_programme,
    delete=permissions.may_edit_programme,
)
DECISION_RULES = AdminRules.viewed_by(
    permissions.may_view_concept_decisions, edit=permissions.may_edit_decisions
)
IMPORT_RULES = AdminRules.viewed_by(permissions.may_import, edit=permissions.may_import)
ACCOUNT_RULES = AdminRules.viewed_by(
    permissions.may_manage_accounts, edit=permissions.may_manage_accounts
)


class RolePermissionMixin:
    """Answers the admin's permission questions from the roles, not from Django's per-model
    permissions: the roles are the one place where access is decided.

    For ModelAdmins and inlines alike. Put it first among the bases, so that a class's own
    rules (a published decision is closed) ask ``super()`` and get the role's answer. A refusal
    leaves its reason on the request, for the 403 page.
    """

    permission_rules: ClassVar[AdminRules]

    def allows(self, rule: Rule, request: HttpRequest) -> bool:
        permission = rule(request.user)
        if not permission.allowed:
            request.permission_refusal = permission.reason
        return permission.allowed

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.allows(self.permission_rules.view, request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.allows(self.permission_rules.view, request)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        # ModelAdmin asks with the request only, an inline with the parent object too.
        return self.allows(self.permission_rules.add, request)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.allows(self.permission_rules.change, request)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self.allows(self.permission_rules.delete, request)

    # The audit trail is to read. django-simple-history restores a past version for anyone who
    # may view the history, and a restore saves the old fields past the services' checks (a
    # budget check, a workflow state). A past version is put back by editing, which is checked
    # and audited like any change.
    def revert_disabled(self, request: HttpRequest, obj=None) -> bool:
        return True

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied(_("Past versions can be read, not restored."))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def has_view_or_change_permission(self, request: HttpRequest, obj=None) -> bool:
        # Change first: when both are refused, the reason left for the page is the view's.
        return self.has_change_permission(request, obj) or self.has_view_permission(request, obj)
