"""The public project page, read in a handful of hand-written queries.

Why by hand (core.sql): at a national instance's scale (a million decisions) the page read
through the ORM took about 40 ms, of which about 10 ms in the database; the rest went into
composing fifteen queries, prefetching relations and building instances (bench/README.md).
Here each relation is one plain query, the project's names come in the query of the project,
and the records of the project and its extensions come together: nine queries at most, and
the page takes about 16 ms. The rules stay where they were: monitoring from
``monitoring.selectors.monitoring_from``, money from ``finance.selectors.Figures``.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from regiodeal.core.money import to_money
from regiodeal.core.sql import decimal, fetch, instance, placeholders, prefixed, read_alias
from regiodeal.decisions.constants import DecisionState
from regiodeal.decisions.models import Decision, DecisionList, Meeting
from regiodeal.finance.constants import COMMITTED_KINDS, GrantState
from regiodeal.finance.selectors import Figures
from regiodeal.monitoring.constants import ReportState
from regiodeal.monitoring.models import (
    Indicator,
    IndicatorPeriod,
    Milestone,
    ProgressReport,
    Result,
)
from regiodeal.monitoring.selectors import (
    ProjectMonitoring,
    indicator_row,
    monitoring_from,
    status_and_progress,
)
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import Pillar, Programme, Theme
from regiodeal.projects.models import Project

PUBLISHED = DecisionState.GEPUBLICEERD.value
# Whether the project ``{project}`` (a column) has a published decision: what makes it public.
IS_PUBLIC = (
    "EXISTS (SELECT 1 FROM decisions_decision pd WHERE pd.project_id = {project} AND pd.state = %s)"
)


@dataclass
class ProjectPage:
    project: Project  # with its programme, pillar and lead organisation
    parent: Project | None  # only when public
    themes: list[Theme]
    partners: list[Organisation]
    places: list[Municipality]
    decisions: list[Decision]  # published, each with its meeting and besluitenlijst
    money: Figures
    monitoring: ProjectMonitoring

    @property
    def public_extensions(self) -> list[Project]:
        return [e for e in self.monitoring.extensions if e.is_public]


def project_page(slug: str) -> ProjectPage:
    """Everything the public page of the project ``slug`` shows but its similar projects.

    Raises Project.DoesNotExist when there is no public project of that slug.
    """
    alias = read_alias(Project)
    project = _project(alias, slug)
    themes, partners, places = _names(alias, project.pk)
    decisions = _decisions(alias, project)
    extensions = _extensions(alias, project.pk)
    ids = [project.pk, *(e.pk for e in extensions)]
    milestones = _per_project(alias, Milestone, _MILESTONES, ids)
    reports = _per_project(
        alias, ProgressReport, _ACCEPTED_REPORTS, ids, ReportState.GEACCEPTEERD.value
    )
    monitoring = monitoring_from(
        project,
        milestones=milestones.get(project.pk, []),
        reports=reports.get(project.pk, []),
        indicators=_indicators(alias, project.pk),
        decisions=decisions,
        extensions=[
            (e, _progress(milestones.get(e.pk, []), reports.get(e.pk, []))) for e in extensions
        ],
        committed=_committed(alias, ids) if extensions else {},
    )
    return ProjectPage(
        project=project,
        parent=_parent(alias, project.parent_id) if project.parent_id else None,
        themes=themes,
        partners=partners,
        places=places,
        decisions=decisions,
        money=_money(alias, project.pk),
        monitoring=monitoring,
    )


def _progress(milestones: list[Milestone], reports: list[ProgressReport]) -> Decimal | None:
    return status_and_progress(reports, milestones)[1]


def _project(alias: str, slug: str) -> Project:
    rows = fetch(
        alias,
        "SELECT p.id, p.programme_id, p.title, p.slug, p.summary, p.description, p.pillar_id, "  # nosec B608 - constant SQL text; values are parameters
        "p.lead_organisation_id, p.status, p.parent_id, p.planned_start, p.planned_end, "
        # Each joined table's columns by a prefix of its own, for prefixed().
        "pr.id AS pr_id, pr.name AS pr_name, pr.slug AS pr_slug, pr.logo AS pr_logo, "
        "pr.primary_colour AS pr_primary_colour, pr.link_colour AS pr_link_colour, "
        "pl.id AS pl_id, pl.programme_id AS pl_programme_id, pl.name AS pl_name, "
        "pl.slug AS pl_slug, o.id AS o_id, o.name AS o_name, o.slug AS o_slug "
        "FROM projects_project p "
        "JOIN programmes_programme pr ON pr.id = p.programme_id "
        "LEFT JOIN programmes_pillar pl ON pl.id = p.pillar_id "
        "LEFT JOIN organisations_organisation o ON o.id = p.lead_organisation_id "
        f"WHERE p.slug = %s AND {IS_PUBLIC.format(project='p.id')}",
        [slug, PUBLISHED],
    )
    if not rows:
        raise Project.DoesNotExist(slug)
    row = rows[0]
    project = instance(Project, alias, row)
    project.programme = instance(Programme, alias, prefixed(row, "pr_"))
    if row["pillar_id"] is not None:
        project.pillar = instance(Pillar, alias, prefixed(row, "pl_"))
    if row["lead_organisation_id"] is not None:
        project.lead_organisation = instance(Organisation, alias, prefixed(row, "o_"))
    return project


def _names(
    alias: str, project_id: int
) -> tuple[list[Theme], list[Organisation], list[Municipality]]:
    """Themes, partners and places in one query, each by name."""
    rows = fetch(
        alias,
        "SELECT 1 AS relation, t.id, t.name, t.slug FROM projects_project_themes x "
        "JOIN programmes_theme t ON t.id = x.theme_id WHERE x.project_id = %s "
        "UNION ALL SELECT 2, o.id, o.name, o.slug FROM projects_project_partners x "
        "JOIN organisations_organisation o ON o.id = x.organisation_id WHERE x.project_id = %s "
        "UNION ALL SELECT 3, m.id, m.name, m.slug FROM projects_project_places x "
        "JOIN organisations_municipality m ON m.id = x.municipality_id WHERE x.project_id = %s "
        "ORDER BY 1, 3, 2",
        [project_id] * 3,
    )
    kinds = {1: Theme, 2: Organisation, 3: Municipality}
    found: dict[int, list] = {1: [], 2: [], 3: []}
    for row in rows:
        relation = row.pop("relation")
        found[relation].append(instance(kinds[relation], alias, row))
    return found[1], found[2], found[3]


def _decisions(alias: str, project: Project) -> list[Decision]:
    rows = fetch(
        alias,
        "SELECT d.id, d.meeting_id, d.project_id, d.position, d.kind, d.title, d.amount, "
        "d.state, d.corrects_id, m.date AS meeting_date, m.slug AS meeting_slug, "
        "l.id AS list_id, l.title AS list_title FROM decisions_decision d "
        "JOIN decisions_meeting m ON m.id = d.meeting_id "
        "LEFT JOIN decisions_decisionlist l ON l.meeting_id = m.id "
        "WHERE d.project_id = %s AND d.state = %s ORDER BY m.date, d.position, d.id",
        [project.pk, PUBLISHED],
    )
    decisions = []
    for row in rows:
        decision = instance(Decision, alias, row)
        decision.project = project
        meeting = instance(
            Meeting,
            alias,
            {"id": row["meeting_id"], "date": row["meeting_date"], "slug": row["meeting_slug"]},
        )
        if row["list_id"] is not None:
            meeting.besluitenlijst = instance(
                DecisionList,
                alias,
                {"id": row["list_id"], "meeting_id": meeting.pk, "title": row["list_title"]},
            )
        decision.meeting = meeting
        decisions.append(decision)
    return decisions


def _money(alias: str, project_id: int) -> Figures:
    """The ledger's sums per kind and the granted amount, in one query. SQLite sums in binary
    floating point: each sum goes back to whole cents (as core.aggregates.MoneySum does)."""
    rows = fetch(
        alias,
        "SELECT 'ledger' AS source, kind, SUM(amount) AS total FROM finance_ledgerentry "
        "WHERE project_id = %s GROUP BY kind "
        "UNION ALL SELECT 'granted', '', SUM(granted_amount) FROM finance_grantdecision "
        "WHERE project_id = %s AND state = %s",
        [project_id, project_id, GrantState.VERLEEND.value],
    )
    figures = Figures()
    for row in rows:
        if row["total"] is None:
            continue
        if row["source"] == "granted":
            figures.granted = to_money(decimal(row["total"]))
        else:
            figures.add_entry(row["kind"], decimal(row["total"]))
    return figures


def _extensions(alias: str, project_id: int) -> list[Project]:
    rows = fetch(
        alias,
        "SELECT e.id, e.title, e.slug, e.parent_id, "  # nosec B608 - constant SQL text; values are parameters
        f"{IS_PUBLIC.format(project='e.id')} AS is_public FROM projects_project e "
        "WHERE e.parent_id = %s ORDER BY e.title, e.id",
        [PUBLISHED, project_id],
    )
    extensions = []
    for row in rows:
        is_public = bool(row.pop("is_public"))
        extension = instance(Project, alias, row)
        extension.is_public = is_public
        extensions.append(extension)
    return extensions


def _parent(alias: str, parent_id: int) -> Project | None:
    rows = fetch(
        alias,
        "SELECT p.id, p.title, p.slug FROM projects_project p "  # nosec B608 - constant SQL text; values are parameters
        f"WHERE p.id = %s AND {IS_PUBLIC.format(project='p.id')}",
        [parent_id, PUBLISHED],
    )
    return instance(Project, alias, rows[0]) if rows else None


_MILESTONES = (
    "SELECT id, project_id, title, planned_date, reached_on, weight FROM monitoring_milestone "
    "WHERE project_id IN ({ids}) ORDER BY project_id, planned_date, id"
)
# Only accepted reports: nothing else of a report is ever public.
_ACCEPTED_REPORTS = (
    "SELECT id, project_id, period_start, period_end, state, status, progress, lessons_learned "
    "FROM monitoring_progressreport WHERE project_id IN ({ids}) AND state = %s "
    "ORDER BY project_id, period_end DESC, id DESC"
)


def _per_project(alias: str, model: type, sql: str, ids: list[int], *params: Any) -> dict:
    found: dict[int, list] = {}
    for row in fetch(alias, sql.format(ids=placeholders(ids)), [*ids, *params]):
        found.setdefault(row["project_id"], []).append(instance(model, alias, row))
    return found


def _indicators(alias: str, project_id: int) -> list:
    """The project's indicators, each with its result and latest period (IndicatorRow)."""
    rows = fetch(
        alias,
        "SELECT r.id AS result_id, r.kind AS result_kind, r.title AS result_title, i.id, "
        "i.title, i.unit, i.measure, i.baseline_value, i.baseline_text, i.baseline_year, "
        # "end" is a keyword of both databases: quoted.
        'ip.id AS period_id, ip.start, ip."end" AS period_end, ip.target, ip.actual, '
        "ip.target_text, ip.actual_text FROM monitoring_result r "
        "JOIN monitoring_indicator i ON i.result_id = r.id "
        "LEFT JOIN monitoring_indicatorperiod ip ON ip.indicator_id = i.id "
        "WHERE r.project_id = %s ORDER BY r.position, r.id, i.position, i.id, ip.start",
        [project_id],
    )
    indicators: dict[int, tuple[Indicator, list[IndicatorPeriod]]] = {}
    results: dict[int, Result] = {}
    for row in rows:
        if row["id"] not in indicators:
            if row["result_id"] not in results:
                result = {"id": row["result_id"], "kind": row["result_kind"]}
                result["title"] = row["result_title"]
                results[row["result_id"]] = instance(Result, alias, result)
            values = {name: row[name] for name in _INDICATOR_COLUMNS}
            indicator = instance(Indicator, alias, values)
            indicator.result = results[row["result_id"]]
            indicators[row["id"]] = (indicator, [])
        if row["period_id"] is not None:
            period = {name: row[column] for name, column in _PERIOD_COLUMNS.items()}
            indicators[row["id"]][1].append(instance(IndicatorPeriod, alias, period))
    return [indicator_row(indicator, periods) for indicator, periods in indicators.values()]


_INDICATOR_COLUMNS = (
    "id",
    "result_id",
    "title",
    "unit",
    "measure",
    "baseline_value",
    "baseline_text",
    "baseline_year",
)
# Field of IndicatorPeriod: column of the query.
_PERIOD_COLUMNS = {
    "id": "period_id",
    "indicator_id": "id",
    "start": "start",
    "end": "period_end",
    "target": "target",
    "actual": "actual",
    "target_text": "target_text",
    "actual_text": "actual_text",
}


def _committed(alias: str, ids: list[int]) -> dict[int, Decimal]:
    kinds = [str(kind) for kind in COMMITTED_KINDS]
    rows = fetch(
        alias,
        "SELECT project_id, SUM(amount) AS total FROM finance_ledgerentry "  # nosec B608 - constant SQL text; values are parameters
        f"WHERE project_id IN ({placeholders(ids)}) AND kind IN ({placeholders(kinds)}) "
        "GROUP BY project_id",
        [*ids, *kinds],
    )
    return {row["project_id"]: to_money(decimal(row["total"])) for row in rows}
