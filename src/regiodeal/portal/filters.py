import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from regiodeal.organisations.models import Municipality
from regiodeal.programmes.models import Pillar
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    pillar = django_filters.ModelChoiceFilter(
        label=_("Pillar"),
        queryset=Pillar.objects.select_related("programme"),
        to_field_name="slug",
        empty_label=_("All pillars"),
    )
    gemeente = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        field_name="places",
        # Only places of public projects: an unpublished project must not show through a filter.
        queryset=Municipality.objects.filter(projects__in=Project.objects.public()).distinct(),
        to_field_name="slug",
        empty_label=_("All municipalities"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, empty_label=_("All statuses")
    )

    class Meta:
        model = Project
        fields = ["q", "pillar", "gemeente", "status"]

    def search(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        # Plain containment per word for now; ranked Dutch full-text search is a portal issue.
        for word in value.split()[:10]:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(description__icontains=word)
                | Q(lead_organisation__name__icontains=word)
            )
        return queryset
