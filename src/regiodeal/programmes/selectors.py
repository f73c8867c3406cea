"""Figures of all programmes at once, for the national overview: grouped aggregates only, so
that the number of queries does not grow with the number of programmes."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet
from django.urls import reverse

from regiodeal.core.aggregates import MoneySum
from regiodeal.decisions.models import Decision, DecisionList
from regiodeal.finance.constants import COMMITTED_KINDS
from regiodeal.finance.models import LedgerEntry
from regiodeal.finance.selectors import per_municipality
from regiodeal.organisations.models import Municipality, Province
from regiodeal.projects.models import Project

from .models import FunderContribution, Programme

ZERO = Decimal("0.00")


def published_programmes() -> QuerySet[Programme]:
    """Programmes with at least one published besluitenlijst: the others have nothing to show."""
    return Programme.objects.filter(
        Exists(DecisionList.objects.filter(meeting__programme=OuterRef("pk")))
    )


@dataclass(frozen=True)
class ProgrammeSummary:
    programme: Programme
    total: Decimal  # what the funders contribute
    committed: Decimal  # published decisions, a correction counted instead of what it corrects
    public_projects: int


@dataclass(frozen=True)
class Overview:
    programmes: list[ProgrammeSummary]

    @property
    def total(self) -> Decimal:
        return sum((p.total for p in self.programmes), ZERO)

    @property
    def committed(self) -> Decimal:
        return sum((p.committed for p in self.programmes), ZERO)

    @property
    def public_projects(self) -> int:
        return sum(p.public_projects for p in self.programmes)


def _grouped(queryset: QuerySet, key: str, aggregate) -> dict:
    return dict(queryset.order_by().values_list(key).annotate(value=aggregate))


def programme_overview(programmes: list[Programme] | None = None) -> Overview:
    """Every published programme with its budget, commitments and public projects, in four
    queries (three when ``programmes`` is given)."""
    if programmes is None:
        programmes = list(published_programmes().order_by("-start_date", "name"))
    ids = [p.pk for p in programmes]
    totals = _grouped(
        FunderContribution.objects.filter(programme__in=ids), "programme", MoneySum("amount")
    )
    # The counting rule of decisions.selectors.committed_amount, grouped per programme.
    committed = _grouped(
        Decision.objects.committing(published_only=True).filter(meeting__programme__in=ids),
        "meeting__programme",
        MoneySum("amount"),
    )
    projects = _grouped(
        Project.objects.public().filter(programme__in=ids), "programme", Count("pk")
    )
    return Overview(
        programmes=[
            ProgrammeSummary(
                programme=p,
                total=totals.get(p.pk) or ZERO,
                committed=committed.get(p.pk) or ZERO,
                public_projects=projects.get(p.pk, 0),
            )
            for p in programmes
        ]
    )


def public_project_count(programme: Programme) -> int:
    return Project.objects.public().filter(programme=programme).count()


@dataclass(frozen=True)
class MunicipalityMoney:
    municipality: Municipality
    committed: Decimal

    @property
    def url(self) -> str:
        return reverse("places:municipality", args=[self.municipality.slug])


@dataclass
class ProvinceMoney:
    province: Province | None  # None: municipalities without a province
    committed: Decimal = ZERO
    municipalities: list[MunicipalityMoney] = field(default_factory=list)


@dataclass(frozen=True)
class MoneyByPlace:
    provinces: list[ProvinceMoney]
    unplaced: Decimal  # committed money of projects without places

    @property
    def total(self) -> Decimal:
        return sum((p.committed for p in self.provinces), self.unplaced)


def committed_per_province() -> MoneyByPlace:
    """Committed money of all programmes per province and municipality, each project's money
    split over its places the way the finance overview and the map split it."""
    # The ledger holds published commitments only, so all of it may be shown.
    # Only the commitments: the overview shows nothing else, and each figure is split apart.
    commitments = LedgerEntry.objects.filter(kind__in=COMMITTED_KINDS).order_by()
    rows, unplaced = per_municipality(None, commitments, [], names=("committed",))
    rows = [row for row in rows if row.figures.committed]
    provinces = Province.objects.in_bulk({row.obj.province_id for row in rows} - {None})
    by_province: dict[int | None, ProvinceMoney] = {}
    for row in rows:  # already highest first
        municipality: Municipality = row.obj
        key = municipality.province_id
        line = by_province.setdefault(key, ProvinceMoney(province=provinces.get(key)))
        line.committed += row.figures.committed
        line.municipalities.append(MunicipalityMoney(municipality, row.figures.committed))
    ordered = sorted(
        by_province.values(),
        key=lambda p: (p.province is None, p.province.name if p.province else ""),
    )
    return MoneyByPlace(provinces=ordered, unplaced=unplaced.committed)
