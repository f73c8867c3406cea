"""Office accounts per programme: which programmes an account works on, and the admin mixin that
keeps the back office to them.

An account with programme memberships works on those programmes only; an account without any
(the national office) works on all of them. The back office applies this in one place: every
ModelAdmin of a record that belongs to a programme takes ``ProgrammeScopedAdminMixin`` and
names the way from its model to the programme (``programme_path``). Records of other
programmes are then absent from the lists, their pages answer 404, and no form offers them as
a choice.
"""

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path, unquote
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from .models import Programme, ProgrammeMembership

_UNKNOWN = object()
# The path of a Programme to itself.
SELF = "pk"


def programme_ids_of(user) -> frozenset[int] | None:
    """The ids of the user's programmes; None for all of them (no memberships, or no account).

    Kept on the user object like the roles: the admin asks many times per request.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_regiodeal_programme_ids", _UNKNOWN)
    if cached is _UNKNOWN:
        ids = frozenset(
            ProgrammeMembership.objects.filter(user=user).values_list("programme_id", flat=True)
        )
        cached = ids or None
        user._regiodeal_programme_ids = cached
    return cached


def programmes_of(user) -> QuerySet[Programme] | None:
    """The programmes the user works on; None means all of them."""
    ids = programme_ids_of(user)
    return None if ids is None else Programme.objects.filter(pk__in=ids)


def programme_path_of(model: type[models.Model], site: admin.AdminSite | None = None) -> str | None:
    """The lookup from ``model`` to its programme, or None for a model outside programmes.

    Taken from the model's admin when it is scoped (its ``programme_path``), otherwise from a
    direct ``programme`` foreign key.
    """
    if model is Programme:
        return SELF
    model_admin = (site or admin.site)._registry.get(model)
    path = getattr(model_admin, "programme_path", None)
    if path:
        return path
    try:
        field = model._meta.get_field("programme")
    except FieldDoesNotExist:
        return None
    return "programme" if getattr(field, "related_model", None) is Programme else None


def in_programmes(queryset: QuerySet, path: str, ids: Iterable[int]) -> QuerySet:
    lookup = "pk__in" if path == SELF else f"{path}__in"
    return queryset.filter(**{lookup: list(ids)})


def scoped(queryset: QuerySet, user, path: str | None = None) -> QuerySet:
    """``queryset`` limited to the user's programmes (unchanged for the national office)."""
    ids = programme_ids_of(user)
    path = path or programme_path_of(queryset.model)
    if ids is None or path is None:
        return queryset
    return in_programmes(queryset, path, ids)


def limit_choices(form: forms.BaseForm, user) -> forms.BaseForm:
    """The form with every model choice limited to the user's programmes (for the admin's own
    pages whose forms are not made by a ModelAdmin)."""
    for field in form.fields.values():
        queryset = getattr(field, "queryset", None)
        if isinstance(queryset, QuerySet):
            field.queryset = scoped(queryset, user)
    return form


class ProgrammeScopedAdminMixin:
    """For ModelAdmins and inlines: the records and the choices of the user's programmes only.

    ``programme_path`` is the lookup from the admin's model to its programme ("programme",
    "meeting__programme", …; "pk" for Programme itself); an inline may leave it empty and then
    only limits its choices. ``unscoped_fields`` keep all choices, for links that may cross
    programmes (a project continuing one of an earlier programme).
    """

    programme_path: ClassVar[str | None] = None
    unscoped_fields: ClassVar[tuple[str, ...]] = ()

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if self.programme_path is None:
            return queryset
        return scoped(queryset, request.user, self.programme_path)

    def _scoped_choices(self, db_field, request: HttpRequest, kwargs: dict) -> None:
        ids = programme_ids_of(request.user)
        if ids is None or "queryset" in kwargs or db_field.name in self.unscoped_fields:
            return
        model = db_field.remote_field.model
        path = programme_path_of(model, self.admin_site)
        if path is None:
            return
        queryset = self.get_field_queryset(kwargs.get("using"), db_field, request)
        if queryset is None:
            queryset = model._default_manager.using(kwargs.get("using"))
        kwargs["queryset"] = in_programmes(queryset, path, ids)

    def get_list_filter(self, request: HttpRequest):
        # A filter on a related field offers only what the user's records refer to, not the
        # names of every programme's pillars and meetings.
        filters = super().get_list_filter(request)
        if programme_ids_of(request.user) is None:
            return filters
        return [
            (name, admin.RelatedOnlyFieldListFilter) if self._is_relation(name) else name
            for name in filters
        ]

    def _is_relation(self, name: Any) -> bool:
        if not isinstance(name, str):
            return False
        return bool(get_fields_from_path(self.model, name)[-1].is_relation)

    def formfield_for_foreignkey(self, db_field, request: HttpRequest, **kwargs):
        self._scoped_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request: HttpRequest, **kwargs):
        self._scoped_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # Django's admin answers a missing object with a redirect to its index; for a record of
    # another programme that would be a hint, so it is a plain 404. The history pages read
    # the history table directly and need the same check.
    def refuse_outside_programmes(self, request: HttpRequest, object_id) -> None:
        if self.programme_path is None or programme_ids_of(request.user) is None:
            return
        if object_id is None or self.get_object(request, unquote(str(object_id))) is None:
            raise Http404(_("This record does not exist (any more)."))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.refuse_outside_programmes(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self.refuse_outside_programmes(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self.refuse_outside_programmes(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.refuse_outside_programmes(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


def within_programmes(
    model_admin: ProgrammeScopedAdminMixin, view: Callable[..., HttpResponse]
) -> Callable[..., HttpResponse]:
    """An admin page of one record (``pk`` in the URL) that answers 404 for a record of another
    programme, for pages that look the record up themselves."""

    def scoped_view(request: HttpRequest, pk: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        model_admin.refuse_outside_programmes(request, pk)
        return view(request, pk, *args, **kwargs)

    return scoped_view


def _one_programme(request: HttpRequest, parameter: str) -> int | None:
    """The one programme a list shows: chosen in its programme filter (``parameter``), or the
    account's only one; None when it shows several. Never a programme outside the account's."""
    ids = programme_ids_of(request.user)
    chosen = request.GET.get(parameter)
    if chosen is None:
        return next(iter(ids)) if ids is not None and len(ids) == 1 else None
    try:
        programme = int(chosen)
    except ValueError:
        return None
    return None if ids is not None and programme not in ids else programme


def per_programme_filter(programme_parameter: str) -> type[admin.RelatedFieldListFilter]:
    """A list filter on records of one programme (its meetings, pillars or themes), offered
    once the list shows one programme: chosen in the list's own programme filter, whose query
    parameter is ``programme_parameter`` ("programme__id__exact"), or the account's only one.

    Over all programmes of a national instance such a filter would list tens of thousands of
    meetings, and hundreds of pillars with the same three names.
    """

    class PerProgrammeFilter(admin.RelatedFieldListFilter):
        def field_choices(self, field, request: HttpRequest, model_admin) -> list:
            programme = _one_programme(request, programme_parameter)
            if programme is None:
                return []
            related = field.remote_field.model
            path = programme_path_of(related, model_admin.admin_site)
            queryset = in_programmes(related._default_manager.all(), path, [programme])
            if ordering := self.field_admin_ordering(field, request, model_admin):
                queryset = queryset.order_by(*ordering)
            return [(record.pk, str(record)) for record in queryset]

    return PerProgrammeFilter
