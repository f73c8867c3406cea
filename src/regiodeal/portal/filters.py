"""The search and filter form of the public project list and search page."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from regiodeal.organisations.models import Municipality
from regiodeal.programmes.models import Pillar, Programme, Theme
from regiodeal.projects.constants import ProjectStatus
from regiodeal.projects.models import Project

from .search import ProjectFilters


def _public_projects() -> QuerySet[Project]:
    return Project.objects.public()


def _slug_choices(queryset: QuerySet, empty: str) -> list[tuple[str, str]]:
    names = dict(queryset.order_by("name").values_list("slug", "name").distinct())
    return [("", empty), *sorted(names.items(), key=lambda item: item[1])]


class ProjectSearchForm(forms.Form):
    """Only choices that occur among public projects are offered, so that an unpublished project
    never shows through a filter."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All programmes"),
    )
    # Pillars and themes by slug: a slug is unique per programme only, and the same slug in
    # two programmes (the second Regio Deal keeps its pillars) is one choice covering both.
    pillar = forms.ChoiceField(label=_("Pillar"), required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    gemeente = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("All municipalities"),
    )
    jaar = forms.IntegerField(
        label=_("Year of decision"), required=False, min_value=2000, max_value=2100
    )
    status = forms.ChoiceField(
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
    sortering = forms.ChoiceField(
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
        public = _public_projects()
        self.fields["programme"].queryset = Programme.objects.filter(projects__in=public).distinct()
        self.fields["pillar"].choices = _slug_choices(
            Pillar.objects.filter(projects__in=public), _("All pillars")
        )
        self.fields["theme"].choices = _slug_choices(
            Theme.objects.filter(projects__in=public), _("All themes")
        )
        self.fields["gemeente"].queryset = Municipality.objects.filter(
            projects__in=public
        ).distinct()

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
