"""Balances and overviews, always summed from the ledger and the issued grant decisions."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models.functions import ExtractYear

from regiodeal.core.aggregates import MoneySum
from regiodeal.core.money import allocate_pro_rata, to_money
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import Programme

from .constants import COMMITTED_KINDS, PAID_KINDS, EntryKind, GrantState
from .models import AttributionKey, FunderInstalment, GrantDecision, LedgerEntry, PlaceShare
from .rules import ZERO, RijkShareCheck, instalment_amounts, rijk_share


@dataclass
class Figures:
    """What was promised, granted, paid, settled and given back, for one slice of the money."""

    committed: Decimal = ZERO
    granted: Decimal = ZERO
    paid: Decimal = ZERO
    settled: Decimal = ZERO
    released: Decimal = ZERO
    recovered: Decimal = ZERO

    def add_entry(self, kind: str, amount: Decimal) -> None:
        # SQLite sums decimals in floating point: back to whole cents before anything else.
        amount = to_money(amount)
        if kind in COMMITTED_KINDS:
            self.committed += amount
        elif kind in PAID_KINDS:
            self.paid += amount
        elif kind == EntryKind.SETTLEMENT:
            self.settled += amount
        elif kind == EntryKind.RELEASE:
            self.released += amount
        elif kind == EntryKind.RECOVERY:
            self.recovered += amount

    @property
    def net_committed(self) -> Decimal:
        """Committed less released: what the decisions still hold."""
        return self.committed - self.released


@dataclass
class Row:
    key: str
    name: str
    figures: Figures = field(default_factory=Figures)
    budget: Decimal | None = None  # a pillar's budget or a funder's contribution
    obj: object = None

    @property
    def available(self) -> Decimal | None:
        if self.budget is None:
            return None
        return self.budget - self.figures.committed + self.figures.released


@dataclass(frozen=True)
class CashFlowLine:
    period: str  # "2022-K1"
    advances_due: Decimal
    funder_payments_due: Decimal


@dataclass
class FinanceSummary:
    programme: Programme
    total: Decimal
    figures: Figures
    rijk: RijkShareCheck
    per_funder: list[Row]
    per_pillar: list[Row]
    per_municipality: list[Row]
    per_year: list[Row]
    unplaced: Figures  # money of projects without places
    cash_flow: list[CashFlowLine]

    @property
    def available(self) -> Decimal:
        return self.total - self.figures.committed + self.figures.released


def _quarter(date: datetime.date) -> str:
    return f"{date.year}-K{(date.month - 1) // 3 + 1}"


def _weights_by_root(programme: Programme) -> tuple[dict, list]:
    own: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    default: list[tuple[int, Decimal]] = []
    for decision_id, org, weight in AttributionKey.objects.filter(programme=programme).values_list(
        "decision_id", "organisation_id", "weight"
    ):
        (own[decision_id] if decision_id else default).append((org, weight))
    if not default:
        default = list(
            programme.contributions.order_by("pk").values_list("organisation_id", "amount")
        )
    return own, default


def _split(amount: Decimal, weights: list[tuple[int, Decimal]]) -> dict[int, Decimal]:
    if not weights or not amount:
        return {}
    parts = allocate_pro_rata(amount, [w for _, w in weights])
    return {key: part for (key, _), part in zip(weights, parts, strict=True)}


def finance_summary(programme: Programme, *, until: datetime.date | None = None) -> FinanceSummary:
    """Every overview of the programme's money in a fixed number of queries.

    With ``until``, the money as it stood at the end of that day: entries booked and grant
    decisions dated by then (for a yearly document).
    """
    entries = LedgerEntry.objects.filter(programme=programme).order_by()
    issued = GrantDecision.objects.filter(project__programme=programme, state=GrantState.VERLEEND)
    if until is not None:
        entries = entries.filter(booked_on__lte=until)
        issued = issued.filter(date__lte=until)
    grants = list(
        issued.order_by().values_list(
            "decision_id", "decision__pillar_id", "project_id", "date", "granted_amount"
        )
    )
    figures = Figures()
    for kind, total in entries.values_list("kind").annotate(total=MoneySum("amount")):
        figures.add_entry(kind, total)
    figures.granted = sum((g[4] for g in grants), ZERO)

    contributions = list(programme.contributions.select_related("organisation").order_by("pk"))
    total = sum((c.amount for c in contributions), ZERO)
    rijk = rijk_share(
        rijk=sum((c.amount for c in contributions if c.organisation.kind == "rijksoverheid"), ZERO),
        total=total,
    )

    funders = {
        c.organisation_id: Row(
            key=c.organisation.slug, name=c.organisation.name, budget=c.amount, obj=c.organisation
        )
        for c in contributions
    }
    allocations = (
        entries.filter(allocations__isnull=False)
        .values_list("allocations__organisation_id", "kind")
        .annotate(total=MoneySum("allocations__amount"))
    )
    for org_id, kind, amount in allocations:
        if org_id not in funders:
            org = Organisation.objects.get(pk=org_id)
            funders[org_id] = Row(key=org.slug, name=org.name, obj=org)
        funders[org_id].figures.add_entry(kind, amount)
    own, default = _weights_by_root(programme)
    for decision_id, _pillar, _project, _date, amount in grants:
        for org_id, part in _split(amount, own.get(decision_id) or default).items():
            if org_id in funders:
                funders[org_id].figures.granted += part

    pillars = {
        p.pk: Row(key=p.slug, name=p.name, budget=p.budget, obj=p) for p in programme.pillars.all()
    }
    no_pillar = Row(key="", name="")
    for pillar_id, kind, amount in entries.values_list("pillar_id", "kind").annotate(
        total=MoneySum("amount")
    ):
        pillars.get(pillar_id, no_pillar).figures.add_entry(kind, amount)
    for _decision, pillar_id, _project, _date, amount in grants:
        pillars.get(pillar_id, no_pillar).figures.granted += amount
    pillar_rows = list(pillars.values())
    if no_pillar.figures != Figures():
        pillar_rows.append(no_pillar)

    years: dict[int, Row] = {}

    def year_row(year: int) -> Row:
        return years.setdefault(year, Row(key=str(year), name=str(year)))

    for year, kind, amount in (
        entries.annotate(year=ExtractYear("booked_on"))
        .values_list("year", "kind")
        .annotate(total=MoneySum("amount"))
    ):
        year_row(year).figures.add_entry(kind, amount)
    for _decision, _pillar, _project, date, amount in grants:
        year_row(date.year).figures.granted += amount

    municipalities, unplaced = per_municipality(programme, entries, grants)
    return FinanceSummary(
        programme=programme,
        total=total,
        figures=figures,
        rijk=rijk,
        per_funder=list(funders.values()),
        per_pillar=pillar_rows,
        per_municipality=municipalities,
        per_year=[years[y] for y in sorted(years)],
        unplaced=unplaced,
        cash_flow=cash_flow(programme),
    )


def _figures_per_project(entries, grants) -> dict[int, Figures]:
    per_project: dict[int, Figures] = defaultdict(Figures)
    for project_id, kind, amount in entries.values_list("project_id", "kind").annotate(
        total=MoneySum("amount")
    ):
        per_project[project_id].add_entry(kind, amount)
    for _decision, _pillar, project_id, _date, amount in grants:
        per_project[project_id].granted += amount
    return per_project


def _place_weights(project_ids) -> dict[int, list[tuple[int, Decimal]]]:
    """Per project, its municipalities and their weights: the recorded shares, or its places
    equally. ``project_ids`` None: every project's."""
    through = Municipality.projects.through.objects.all()
    recorded = PlaceShare.objects.all()
    if project_ids is not None:
        through = through.filter(project_id__in=project_ids)
        recorded = recorded.filter(project_id__in=project_ids)
    places: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    one = Decimal(1)
    for project_id, municipality_id in through.order_by("municipality_id").values_list(
        "project_id", "municipality_id"
    ):
        places[project_id].append((municipality_id, one))
    shares: dict[int, list[tuple[int, Decimal]]] = defaultdict(list)
    for project_id, municipality_id, weight in recorded.values_list(
        "project_id", "municipality_id", "weight"
    ):
        shares[project_id].append((municipality_id, weight))
    return {pk: shares.get(pk) or places[pk] for pk in set(places) | set(shares)}


FIGURE_NAMES = ("committed", "granted", "paid", "settled", "released", "recovered")


def municipality_share(municipality: Municipality, projects) -> dict[int, Figures]:
    """The municipality's part of the money of ``projects`` ((id, programme id) pairs, all in
    that municipality), per programme id: each project's figures split over its places as the
    finance overview splits them, in a fixed number of queries."""
    programme_of = dict(projects)
    ids = list(programme_of)
    grants = GrantDecision.objects.filter(project_id__in=ids, state=GrantState.VERLEEND)
    per_project = _figures_per_project(
        LedgerEntry.objects.filter(project_id__in=ids).order_by(),
        grants.order_by().values_list(
            "decision_id", "decision__pillar_id", "project_id", "date", "granted_amount"
        ),
    )
    weights = _place_weights(ids)
    result: dict[int, Figures] = defaultdict(Figures)
    for project_id, project_figures in per_project.items():
        share = result[programme_of[project_id]]
        for name in FIGURE_NAMES:
            part = _split(getattr(project_figures, name), weights.get(project_id, []))
            setattr(share, name, getattr(share, name) + part.get(municipality.pk, ZERO))
    return result


def per_municipality(
    programme, entries, grants, *, names: tuple[str, ...] = ()
) -> tuple[list[Row], Figures]:
    """Each project's figures split over its places: equally, unless shares are recorded.

    Without a programme, over the whole instance. ``names``: only these figures (all when
    empty), for a caller that shows one of them.
    """
    per_project = _figures_per_project(entries, grants)
    # The whole instance reads every project's places, not an IN list of a quarter of a
    # million ids (which took longer to build than the sums).
    weights_of = _place_weights(per_project if programme is not None else None)
    rows: dict[int, Figures] = defaultdict(Figures)
    unplaced = Figures()
    names = names or FIGURE_NAMES
    for project_id, project_figures in per_project.items():
        weights = weights_of.get(project_id)
        if not weights:
            for name in names:
                setattr(unplaced, name, getattr(unplaced, name) + getattr(project_figures, name))
            continue
        for name in names:
            for municipality_id, part in _split(getattr(project_figures, name), weights).items():
                row = rows[municipality_id]
                setattr(row, name, getattr(row, name) + part)
    municipalities = Municipality.objects.in_bulk(list(rows))
    result = [
        Row(
            key=municipalities[m].code,
            name=municipalities[m].name,
            figures=f,
            obj=municipalities[m],
        )
        for m, f in rows.items()
    ]
    result.sort(key=lambda row: (-row.figures.committed, row.name))
    return result, unplaced


def cash_flow(programme: Programme) -> list[CashFlowLine]:
    """Advances still to pay and funder payments still to receive, per quarter."""
    advances: dict[str, Decimal] = defaultdict(lambda: ZERO)
    grants = (
        GrantDecision.objects.filter(project__programme=programme, state=GrantState.VERLEEND)
        .exclude(settlement__state="vastgesteld")
        .prefetch_related("instalments__payment")
    )
    for grant in grants:
        instalments = list(grant.instalments.all())
        amounts = instalment_amounts(
            grant.granted_amount, [(i.percentage, i.amount) for i in instalments]
        )
        for instalment, amount in zip(instalments, amounts, strict=True):
            if not hasattr(instalment, "payment"):
                advances[_quarter(instalment.due_date)] += amount
    inflows: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for due_date, amount in FunderInstalment.objects.filter(
        contribution__programme=programme, received_on__isnull=True
    ).values_list("due_date", "amount"):
        inflows[_quarter(due_date)] += amount
    return [
        CashFlowLine(period=p, advances_due=advances[p], funder_payments_due=inflows[p])
        for p in sorted(set(advances) | set(inflows))
    ]


def summary_json(summary: FinanceSummary) -> dict:
    """The shape `regiodeal finance summary --json` prints; amounts as decimal strings."""
    f = summary.figures
    return {
        "programme": summary.programme.slug,
        "total": str(summary.total),
        "committed": str(f.committed),
        "granted": str(f.granted),
        "paid": str(f.paid),
        "settled": str(f.settled),
        "released": str(f.released),
        "recovered": str(f.recovered),
        "available": str(summary.available),
        "rijk_share_exceeded": summary.rijk.exceeded,
        "per_funder": [
            {
                "name": row.name,
                "contribution": str(row.budget if row.budget is not None else ZERO),
                "committed": str(row.figures.committed),
                "paid": str(row.figures.paid),
            }
            for row in summary.per_funder
        ],
        "per_pillar": [
            {
                "name": row.name,
                "budget": None if row.budget is None else str(row.budget),
                "committed": str(row.figures.committed),
                "available": None if row.available is None else str(row.available),
            }
            for row in summary.per_pillar
        ],
        "per_municipality": [
            {"code": row.key, "name": row.name, "committed": str(row.figures.committed)}
            for row in summary.per_municipality
        ],
    }


def public_finance_summary(programme: Programme) -> FinanceSummary:
    """``finance_summary`` as the public pages show it: kept until the next publication, since
    it reads every ledger entry of the programme."""
    from regiodeal.portal.caching import cached_aggregate

    return cached_aggregate("finance-summary", lambda: finance_summary(programme), programme.pk)
