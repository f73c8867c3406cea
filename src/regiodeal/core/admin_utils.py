"""Small helpers for the back office: amounts in list columns, domain errors as messages."""

from collections.abc import Callable
from decimal import Decimal

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest

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
