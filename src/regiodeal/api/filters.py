"""Filters of the list resources; an unknown value is a 400, not an empty list."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from regiodeal.decisions.constants import DecisionKind
from regiodeal.decisions.models import Decision
from regiodeal.organisations.models import Municipality
from regiodeal.programmes.models import Pillar, Programme
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project


class ExistingValueFilter(filters.CharFilter):
    """Filters on ``field_name``; refuses a value that names no ``model`` by ``model_field``."""

    def __init__(self, *, model, model_field: str, **kwargs) -> None:
        # Not ``self.model``: the filter set sets that to the model being filtered.
        self.value_model, self.model_field = model, model_field
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if value in ([], (), {}, "", None):
            return qs
        if not self.value_model._default_manager.filter(**{self.model_field: value}).exists():
            raise ValidationError({self.field_name_param: [_("Unknown value: %s") % value]})
        # A semi-join rather than a join with DISTINCT: through a many-to-many relation (the
        # places of a project) the join repeats rows, and DISTINCT over every column of a
        # million decisions sorts them all.
        first, _separator, rest = self.field_name.partition("__")
        field = qs.model._meta.get_field(first)
        if rest and field.many_to_one:
            # Through a foreign key first (a decision's project): the few matching projects,
            # which the planner then looks up decisions for by index.
            related = field.related_model._default_manager.filter(**{rest: value})
            return qs.filter(**{f"{first}__in": related.values("pk")})
        matching = qs.model._default_manager.filter(**{self.field_name: value}).values("pk")
        return qs.filter(pk__in=matching)

    @property
    def field_name_param(self) -> str:
        filters_ = self.parent.filters.items() if self.parent else ()
        return next((name for name, bound in filters_ if bound is self), self.field_name)


@extend_schema_field({"type": "integer", "minimum": 1900, "maximum": 2999})
class YearFilter(filters.Filter):
    field_class = forms.IntegerField


def gemeente(field: str) -> ExistingValueFilter:
    return ExistingValueFilter(
        field_name=field,
        model=Municipality,
        model_field="code",
        help_text=_("CBS code of a municipality among the project's places, e.g. GM0109."),
    )


def programma(field: str) -> ExistingValueFilter:
    return ExistingValueFilter(
        field_name=field, model=Programme, model_field="slug", help_text=_("Programme slug.")
    )


def pijler(field: str) -> ExistingValueFilter:
    return ExistingValueFilter(
        field_name=field, model=Pillar, model_field="slug", help_text=_("Pillar slug.")
    )


class ProjectFilter(filters.FilterSet):
    gemeente = gemeente("places__code")
    programma = programma("programme__slug")
    pijler = pijler("pillar__slug")
    status = filters.ChoiceFilter(choices=ProjectStatus.choices)
    q = filters.CharFilter(method="search", help_text=_("Words in the title or summary."))

    class Meta:
        model = Project
        fields: list[str] = []

    def search(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            qs = qs.filter(Q(title__icontains=word) | Q(summary__icontains=word))
        return qs


class DecisionFilter(filters.FilterSet):
    gemeente = gemeente("project__places__code")
    programma = programma("meeting__programme__slug")
    pijler = pijler("pillar__slug")
    jaar = YearFilter(
        field_name="meeting__date__year",
        min_value=1900,
        max_value=2999,
        help_text=_("Year of the meeting."),
    )
    soort = filters.ChoiceFilter(field_name="kind", choices=DecisionKind.choices)
    project = ExistingValueFilter(
        field_name="project__slug", model=Project, model_field="slug", help_text=_("Project slug.")
    )

    class Meta:
        model = Decision
        fields: list[str] = []


class PillarFilter(filters.FilterSet):
    programma = programma("programme__slug")

    class Meta:
        model = Pillar
        fields: list[str] = []
