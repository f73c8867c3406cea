"""Public pages per organisation and per municipality, and the map of the money.

Only public projects (with a published decision) and ledger money are shown: the ledger holds
entries of published decisions and issued letters only, so all of it may be shown.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from regiodeal.core.aggregates import MoneySum
from regiodeal.core.charts import Bar, bar_chart
from regiodeal.core.money import format_euro
from regiodeal.decisions.selectors import default_public_programme
from regiodeal.finance.models import LedgerEntry
from regiodeal.finance.selectors import (
    Figures,
    Row,
    municipality_share,
    public_finance_summary,
)
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import FunderContribution, Programme
from regiodeal.projects.models import Project

from .maps import ATTRIBUTION, Area, choropleth, class_for, legend_classes

PROGRAMME_PARAMETER = "programma"


@dataclass
class ProjectMoney:
    project: Project
    figures: Figures = field(default_factory=Figures)


def _public_projects():
    return (
        Project.objects.public()
        .select_related("programme", "pillar", "lead_organisation")
        .order_by("title", "pk")
    )


def _with_money(projects: Iterable[Project]) -> list[ProjectMoney]:
    """Each project with its ledger figures, in one query for all of them."""
    lines = {project.pk: ProjectMoney(project) for project in projects}
    for project_id, kind, total in (
        LedgerEntry.objects.filter(project_id__in=list(lines))
        .order_by()
        .values_list("project_id", "kind")
        .annotate(total=MoneySum("amount"))
    ):
        lines[project_id].figures.add_entry(kind, total)
    return list(lines.values())


def _total(lines: Iterable[ProjectMoney]) -> Figures:
    total = Figures()
    for line in lines:
        for name in ("committed", "paid", "settled", "released", "recovered"):
            setattr(total, name, getattr(total, name) + getattr(line.figures, name))
    return total


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("municipality"), slug=slug)
    led = _with_money(_public_projects().filter(lead_organisation=organisation))
    partnered = _with_money(_public_projects().filter(partners=organisation).distinct())
    contributions = (
        FunderContribution.objects.filter(organisation=organisation)
        .select_related("programme")
        .order_by("programme__start_date", "pk")
    )
    return render(
        request,
        "places/organisation_detail.html",
        {
            "organisation": organisation,
            "led": led,
            "led_total": _total(led),
            "partnered": partnered,
            "partnered_total": _total(partnered),
            "contributions": contributions,
        },
    )


# Projects listed on a municipality page; the project list pages through all of them.
MUNICIPALITY_PROJECTS = 50


def municipality_detail(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = get_object_or_404(Municipality.objects.select_related("province"), slug=slug)
    in_municipality = _public_projects().filter(places=municipality)
    projects = _with_money(
        in_municipality.prefetch_related(
            Prefetch("places", queryset=Municipality.objects.order_by("name"))
        )[: MUNICIPALITY_PROJECTS + 1]
    )
    # The municipality's share, split over each project's places the way the finance overview
    # splits it, over all its projects.
    share = municipality_share(
        municipality, in_municipality.values_list("pk", "programme_id").order_by()
    )
    programmes = Programme.objects.filter(pk__in=list(share)).order_by("start_date", "pk")
    return render(
        request,
        "places/municipality_detail.html",
        {
            "municipality": municipality,
            "projects": projects[:MUNICIPALITY_PROJECTS],
            "more_projects": len(projects) > MUNICIPALITY_PROJECTS,
            "shares": [(programme, share[programme.pk]) for programme in programmes],
            "organisations": municipality.organisations.order_by("name"),
        },
    )


def _chosen_programme(request: HttpRequest) -> Programme | None:
    slug = request.GET.get(PROGRAMME_PARAMETER)
    if not slug:
        return default_public_programme()
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404(_("No programme with this name."))
    return programme


def _bars(rows: list[Row], *, title: str, description: str):
    bars = [Bar(row.name or _("no pillar"), row.figures.committed) for row in rows]
    figures = "; ".join(f"{bar.label}: {format_euro(bar.value)}" for bar in bars)
    return bar_chart(
        bars, title=title, description=f"{description} {figures}.", format_value=format_euro
    )


def _map_areas(rows: list[Row]) -> list[Area]:
    """The municipalities with money, and the others of their provinces at zero: the map shows
    the region, not islands of colour."""
    values = {row.key: row.figures.committed for row in rows}
    provinces = {row.obj.province_id for row in rows if row.obj is not None}
    municipalities = Municipality.objects.filter(province_id__in=provinces) | (
        Municipality.objects.filter(code__in=list(values))
    )
    return [
        Area(
            code=m.code,
            name=m.name,
            value=values.get(m.code, Decimal(0)),
            url=reverse("places:municipality", args=[m.slug]),
        )
        for m in municipalities.distinct().order_by("name")
    ]


def money_map(request: HttpRequest) -> HttpResponse:
    programme = _chosen_programme(request)
    if programme is None:
        return render(request, "places/map.html", {"programme": None})
    summary = public_finance_summary(programme)
    areas = _map_areas(summary.per_municipality)
    classes = legend_classes([area.value for area in areas])
    description = _(
        "Darker municipalities received more committed money. The table next to the map "
        "gives the same amounts."
    )
    return render(
        request,
        "places/map.html",
        {
            "programme": programme,
            "programme_parameter": PROGRAMME_PARAMETER,
            "other_programmes": Programme.objects.exclude(pk=programme.pk).only("name", "slug"),
            "summary": summary,
            "map": choropleth(
                areas,
                title=_("Committed money per municipality, %(programme)s")
                % {"programme": programme.name},
                description=description,
                format_value=format_euro,
            ),
            "legend": classes,
            "rows": [
                (row, class_for(row.figures.committed, classes)) for row in summary.per_municipality
            ],
            "attribution": ATTRIBUTION,
            "pillar_chart": _bars(
                summary.per_pillar,
                title=_("Committed money per pillar"),
                description=_("Committed money per pillar of the programme."),
            ),
            "year_chart": _bars(
                summary.per_year,
                title=_("Money per year"),
                description=_("Committed money per year of the decision."),
            ),
        },
    )
