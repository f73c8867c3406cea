"""Small helpers for the back office: amounts in list columns, domain errors as messages."""

from collections.abc import Callable
from decimal import Decimal

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from .models import STALE
from .money import format_euro


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
