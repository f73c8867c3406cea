"""The search and filter form of the public project list and search page."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from regiodeal.organisations.models import Municipality
from regiodeal.programmes.models import Pillar, Programme, Theme
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project

from .caching import cached_aggregate
from .search import ProjectFilters
from .widgets import FlatChoiceField


def _names_by_slug(queryset: QuerySet) -> list[tuple[str, str]]:
    names = dict(queryset.order_by("name").values_list("slug", "name").distinct())
    return sorted(names.items(), key=lambda item: item[1])


def public_choices() -> dict[str, list[tuple[str, str]]]:
    """(slug, name) of the programmes, pillars, themes and municipalities of public projects.

    Each list reads every public project, so the lists are kept until the next publication.
    """

    def compute() -> dict[str, list[tuple[str, str]]]:
        public = Project.objects.public()
        return {
            "programme": _names_by_slug(Programme.objects.filter(projects__in=public)),
            "pillar": _names_by_slug(Pillar.objects.filter(projects__in=public)),
            "theme": _names_by_slug(Theme.objects.filter(projects__in=public)),
            "gemeente": _names_by_slug(Municipality.objects.filter(projects__in=public)),
        }

    return cached_aggregate("project-filter-choices", compute, local=True)


class ProjectSearchForm(forms.Form):
    """Only choices that occur among public projects are offered, so that an unpublished project
    never shows through a filter."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    programme = FlatChoiceField(label=_("Programme"), required=False)
    # Pillars and themes by slug: a slug is unique per programme only, and the same slug in
    # two programmes (the second Regio Deal keeps its pillars) is one choice covering both.
    pillar = FlatChoiceField(label=_("Pillar"), required=False)
    theme = FlatChoiceField(label=_("Theme"), required=False)
    gemeente = FlatChoiceField(label=_("Municipality"), required=False)
    jaar = forms.IntegerField(
        label=_("Year of decision"), required=False, min_value=2000, max_value=2100
    )
    status = FlatChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *ProjectStatus.choices],
        required=False,
    )
    bedrag_van = forms.DecimalField(
        label=_("From (euro)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    bedrag_tot = forms.DecimalField(
        label=_("Up to (euro)"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    sortering = FlatChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("relevance", _("Relevance")),
            ("title", _("Title")),
            ("amount", _("Amount, highest first")),
            ("date", _("Date of decision, newest first")),
        ],
    )

    filter_fields = ("programme", "pillar", "theme", "gemeente", "jaar", "status")
    amount_fields = ("bedrag_van", "bedrag_tot")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = public_choices()
        empty = {
            "programme": _("All programmes"),
            "pillar": _("All pillars"),
            "theme": _("All themes"),
            "gemeente": _("All municipalities"),
        }
        for name, label in empty.items():
            self.fields[name].choices = [("", label), *choices[name]]

    def clean(self) -> dict:
        data = super().clean()
        low, high = data.get("bedrag_van"), data.get("bedrag_tot")
        if low is not None and high is not None and low > high:
            # A reversed range is left out whole, not half: half would be a different question.
            self.add_error("bedrag_tot", _("The upper amount must not be below the lower one."))
            data.pop("bedrag_van", None)
        return data

    def search_args(self) -> tuple[str, ProjectFilters]:
        """The query and filters from the valid fields; an invalid field is left out (and its
        error shown), the others still apply."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})

        def slug(name: str) -> str:
            value = data.get(name)
            return getattr(value, "slug", value) or ""

        return data.get("q") or "", ProjectFilters(
            programme=slug("programme"),
            pillar=slug("pillar"),
            theme=slug("theme"),
            municipality=slug("gemeente"),
            year=data.get("jaar"),
            status=data.get("status") or "",
            amount_min=data.get("bedrag_van"),
            amount_max=data.get("bedrag_tot"),
            sort=data.get("sortering") or "relevance",
        )
