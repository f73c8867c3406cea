"""Monitoring read side: a project's status, progress and results; the portfolio."""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch, prefetch_related_objects

from regiodeal.core.aggregates import MoneySum
from regiodeal.core.money import allocate_pro_rata, to_money
from regiodeal.decisions.models import Decision
from regiodeal.finance.constants import COMMITTED_KINDS, GrantState
from regiodeal.finance.models import GrantDecision, LedgerEntry
from regiodeal.finance.selectors import Figures
from regiodeal.programmes.models import Programme
from regiodeal.projects.models import Project

from .constants import ImplementationStatus, ReportState
from .models import BroadProsperityTheme, Indicator, IndicatorPeriod, ProgressReport
from .progress import achievement, combined_progress, mean_achievement, project_progress

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class IndicatorRow:
    indicator: Indicator
    period: IndicatorPeriod | None  # the latest period with a target or an actual
    achievement: Decimal | None


@dataclass(frozen=True)
class TimelineEvent:
    date: datetime.date
    label: str
    kind: str  # "decision", "milestone", "planned", "report"


@dataclass
class ProjectMonitoring:
    project: Project
    status: str  # an ImplementationStatus value, or "" before the first accepted report
    progress: Decimal | None
    own_progress: Decimal | None
    indicators: list[IndicatorRow]
    timeline: list[TimelineEvent]
    lessons: list[tuple[datetime.date, str]]
    # Each with ``is_public``: the public page links only those.
    extensions: list[Project] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return ImplementationStatus(self.status).label if self.status else ""


def _latest_period(
    periods: list[IndicatorPeriod], year: int | None = None
) -> IndicatorPeriod | None:
    if year is not None:
        periods = [p for p in periods if p.start.year <= year <= p.end.year]
    filled = [p for p in periods if p.actual is not None or p.actual_text]
    candidates = filled or [p for p in periods if p.target is not None or p.target_text]
    return max(candidates, key=lambda p: p.end) if candidates else None


def indicator_row(
    indicator: Indicator, periods: list[IndicatorPeriod], *, year: int | None = None
) -> IndicatorRow:
    """The indicator with its latest period, or its latest period that covers ``year``."""
    period = _latest_period(periods, year)
    value = (
        achievement(baseline=indicator.baseline_value, target=period.target, actual=period.actual)
        if period is not None and indicator.is_quantitative
        else None
    )
    return IndicatorRow(indicator=indicator, period=period, achievement=value)


def indicator_rows(indicators, *, year: int | None = None) -> list[IndicatorRow]:
    """Each indicator with its latest period, or its latest period that covers ``year``."""
    return [indicator_row(i, list(i.periods.all()), year=year) for i in indicators]


def _committed_by_project(project_ids) -> dict[int, Decimal]:
    return dict(
        LedgerEntry.objects.filter(project_id__in=project_ids, kind__in=COMMITTED_KINDS)
        .order_by()
        .values_list("project_id")
        .annotate(total=MoneySum("amount"))
    )


def status_and_progress(
    reports, milestones, until: datetime.date | None = None
) -> tuple[str, Decimal | None]:
    """From the last accepted report and the milestones; as they stood on ``until`` if given."""
    accepted = [
        r
        for r in reports
        if r.state == ReportState.GEACCEPTEERD and (until is None or r.period_end <= until)
    ]
    latest = max(accepted, key=lambda r: r.period_end) if accepted else None
    reached = [
        (m.weight, m.reached_on is not None and (until is None or m.reached_on <= until))
        for m in milestones
    ]
    return (
        latest.status if latest else "",
        project_progress(latest.progress if latest else None, reached),
    )


def _own_status_and_progress(
    project: Project, until: datetime.date | None = None
) -> tuple[str, Decimal | None]:
    return status_and_progress(project.reports.all(), project.milestones.all(), until)


def _monitoring_lookups() -> tuple:
    return (
        "milestones",
        Prefetch("reports", queryset=ProgressReport.objects.order_by("-period_end")),
        Prefetch(
            "results__indicators",
            queryset=Indicator.objects.prefetch_related("periods", "broad_prosperity"),
        ),
    )


def _with_monitoring(queryset):
    return queryset.prefetch_related(*_monitoring_lookups())


def project_monitoring(
    project: Project, *, published_decisions: list[Decision] | None = None
) -> ProjectMonitoring:
    """``published_decisions``: the project's, with their meetings, when the caller has them
    already (the public page lists them too)."""
    public = Decision.objects.published().filter(project=OuterRef("pk"))
    extensions = list(project.extensions.annotate(is_public=Exists(public)).order_by("title"))
    # The project and its extensions in one batch: one query per relation, not one per
    # project. On the instance given, not a fresh copy: the public page renders from it too.
    prefetch_related_objects([project, *extensions], *_monitoring_lookups())
    if published_decisions is None:
        published_decisions = list(project.decisions.published().select_related("meeting"))
    return monitoring_from(
        project,
        milestones=list(project.milestones.all()),
        reports=list(project.reports.all()),
        indicators=indicator_rows(
            i for result in project.results.all() for i in result.indicators.all()
        ),
        decisions=published_decisions,
        extensions=[(e, _own_status_and_progress(e)[1]) for e in extensions],
        committed=_committed_by_project([project.pk, *(e.pk for e in extensions)])
        if extensions
        else {},
    )


def monitoring_from(
    project: Project,
    *,
    milestones: list,
    reports: list,
    indicators: list[IndicatorRow],
    decisions: list[Decision],
    extensions: list[tuple[Project, Decimal | None]],
    committed: dict[int, Decimal],
) -> ProjectMonitoring:
    """A project's monitoring from its records, however they were read: ``reports`` newest
    first, each decision with its meeting, each extension with its own progress, and
    ``committed`` per project id (needed only with extensions)."""
    status, own = status_and_progress(reports, milestones)
    progress = own
    if extensions:  # combined progress weighs each part by its money; alone, there is no sum
        parts = [(own, committed.get(project.pk, ZERO))] + [
            (part, committed.get(e.pk, ZERO)) for e, part in extensions
        ]
        progress = combined_progress(parts)
    timeline = [
        TimelineEvent(
            m.reached_on or m.planned_date,
            m.title,
            "milestone" if m.reached_on else "planned",
        )
        for m in milestones
    ]
    timeline += [TimelineEvent(d.meeting.date, d.heading, "decision") for d in decisions]
    accepted = [r for r in reports if r.state == ReportState.GEACCEPTEERD]
    timeline += [TimelineEvent(r.period_end, r.get_status_display(), "report") for r in accepted]
    timeline.sort(key=lambda event: event.date)
    return ProjectMonitoring(
        project=project,
        status=status,
        progress=progress,
        own_progress=own,
        indicators=indicators,
        timeline=timeline,
        lessons=[(r.period_end, r.lessons_learned) for r in accepted if r.lessons_learned.strip()],
        extensions=[e for e, _ in extensions],
    )


@dataclass
class PortfolioRow:
    key: str
    name: str
    committed: Decimal = ZERO
    projects: int = 0
    statuses: Counter = field(default_factory=Counter)
    achievements: list = field(default_factory=list)

    @property
    def achievement(self) -> Decimal | None:
        return mean_achievement(self.achievements)


@dataclass
class Portfolio:
    programme: Programme
    projects: list[ProjectMonitoring]
    per_pillar: list[PortfolioRow]
    per_theme: list[PortfolioRow]
    per_broad_prosperity: list[PortfolioRow]
    per_municipality: list[PortfolioRow]
    per_status: list[PortfolioRow]


def portfolio(programme: Programme, *, public: bool = True) -> Portfolio:
    """Money, status and results per pillar, theme, broad-prosperity theme and municipality.

    A project's money counts in full in every theme it has (themes overlap); per municipality
    it is split evenly over its places.
    """
    projects = Project.objects.filter(programme=programme)
    if public:
        projects = projects.public()
    projects = list(
        _with_monitoring(projects.select_related("pillar")).prefetch_related("themes", "places")
    )
    committed = _committed_by_project([p.pk for p in projects])
    rows: dict[str, dict[str, PortfolioRow]] = defaultdict(dict)

    def row(group: str, key: str, name: str) -> PortfolioRow:
        return rows[group].setdefault(key, PortfolioRow(key=key, name=name))

    for theme in BroadProsperityTheme.objects.all():
        row("bp", theme.slug, theme.name)
    for pillar in programme.pillars.all():
        row("pillar", pillar.slug, pillar.name)
    for status in ImplementationStatus:
        row("status", status.value, str(status.label))
    summaries = []
    for project in projects:
        status, own = _own_status_and_progress(project)
        indicators = indicator_rows(
            [i for result in project.results.all() for i in result.indicators.all()]
        )
        summaries.append(
            ProjectMonitoring(project, status, own, own, indicators, timeline=[], lessons=[])
        )
        money = committed.get(project.pk, ZERO)
        values = [r.achievement for r in indicators]
        places = list(project.places.all())
        targets = (
            [row("pillar", project.pillar.slug, project.pillar.name)] if project.pillar else []
        )
        targets += [row("theme", t.slug, t.name) for t in project.themes.all()]
        targets += [
            row("bp", theme.slug, theme.name)
            for theme in {t for r in indicators for t in r.indicator.broad_prosperity.all()}
        ]
        if status:
            targets.append(row("status", status, ImplementationStatus(status).label))
        for target in targets:
            target.committed += money
            target.projects += 1
            target.statuses[status or "nog_geen_rapportage"] += 1
            target.achievements += values
        shares = allocate_pro_rata(money, [Decimal(1)] * len(places)) if places else []
        for place, share in zip(places, shares, strict=True):
            target = row("municipality", place.code, place.name)
            target.committed += share
            target.projects += 1
            target.statuses[status or "nog_geen_rapportage"] += 1
            target.achievements += values
    return Portfolio(
        programme=programme,
        projects=summaries,
        per_pillar=list(rows["pillar"].values()),
        per_theme=list(rows["theme"].values()),
        per_broad_prosperity=list(rows["bp"].values()),
        per_municipality=sorted(rows["municipality"].values(), key=lambda r: -r.committed),
        per_status=list(rows["status"].values()),
    )


# ----------------------------------------------------------- for the learning pages and documents


def with_monitoring(queryset):
    """Projects with their milestones, reports and indicators prefetched."""
    return _with_monitoring(queryset)


def project_money(project_ids, *, until: datetime.date | None = None) -> dict[int, Figures]:
    """Committed, granted, paid (and the rest) per project in two queries.

    The same sums as ``finance.project_figures`` for one project: ledger entries exist only for
    published decisions and issued letters, so every figure here may be shown to the public.
    """
    money: dict[int, Figures] = defaultdict(Figures)
    entries = LedgerEntry.objects.filter(project_id__in=project_ids)
    grants = GrantDecision.objects.filter(project_id__in=project_ids, state=GrantState.VERLEEND)
    if until is not None:
        entries = entries.filter(booked_on__lte=until)
        grants = grants.filter(date__lte=until)
    for project_id, kind, total in (
        entries.order_by().values_list("project_id", "kind").annotate(total=MoneySum("amount"))
    ):
        money[project_id].add_entry(kind, to_money(total))
    for project_id, total in (
        grants.order_by().values_list("project_id").annotate(total=MoneySum("granted_amount"))
    ):
        money[project_id].granted = to_money(total)
    return money


def monitoring_at(
    projects, *, until: datetime.date | None = None, year: int | None = None
) -> list[ProjectMonitoring]:
    """Projects prefetched by ``with_monitoring`` as they stood on ``until``: status, progress,
    the indicators' periods of ``year`` (or their latest) and the lessons accepted by then."""
    found = []
    for project in projects:
        status, own = _own_status_and_progress(project, until)
        indicators = [i for result in project.results.all() for i in result.indicators.all()]
        lessons = [
            (r.period_end, r.lessons_learned)
            for r in project.reports.all()
            if r.state == ReportState.GEACCEPTEERD
            and r.lessons_learned.strip()
            and (until is None or r.period_end <= until)
        ]
        found.append(
            ProjectMonitoring(
                project=project,
                status=status,
                progress=own,
                own_progress=own,
                indicators=indicator_rows(indicators, year=year),
                timeline=[],
                lessons=sorted(lessons),
            )
        )
    return found


def programme_years(programme: Programme) -> range:
    return range(programme.start_date.year, programme.end_date.year + 1)


def decided_projects(programme: Programme, *, until: datetime.date):
    """The programme's projects with a decision published by ``until``, with monitoring."""
    decided = Decision.objects.published().filter(project=OuterRef("pk"), meeting__date__lte=until)
    projects = Project.objects.filter(programme=programme).filter(Exists(decided))
    return _with_monitoring(projects.select_related("pillar").order_by("title", "pk"))
