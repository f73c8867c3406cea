"""Floor views of the benchmark (`make bench`, bench/README.md): what a page cannot beat.

Each view fetches the rows its page shows with bare SQL (a cursor, parameters, no ORM, no
templates) and returns them as JSON, so that the benchmark can time page and floor in the same
server process and report their ratio. Mounted only by ``regiodeal.urls_bench``, which only
``regiodeal.settings.bench`` uses; the SQL is documented in bench/README.md.

The SQL is put together from constant fragments only; whatever comes from the request goes in
as a parameter. That is what the ``nosec B608`` marks say.
"""

from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.http import Http404, HttpRequest, JsonResponse

from regiodeal.core.sql import fetch, placeholders
from regiodeal.portal.search import MAX_PER_KIND, MAX_RANKED, OVERVIEW_RANKED, WORD, query_terms

PAGE_SIZE = 20  # portal.views.PAGE_SIZE and the API's page size
SEARCH_LIMIT = MAX_PER_KIND

PUBLISHED = "'gepubliceerd'"
PUBLIC = (
    "EXISTS (SELECT 1 FROM decisions_decision pd "  # nosec B608
    f"WHERE pd.project_id = p.id AND pd.state = {PUBLISHED})"
)
# The published amount kept with each project (decisions.services.publish_besluitenlijst).
AMOUNT = "p.decided_amount"
# The stored, generated tsvector columns that the GIN indexes cover (portal migration 0002),
# as portal.search queries them.
PG_VECTOR = {
    "project": "p.search_vector",
    "decision": "d.search_vector",
    "lesson": "r.search_vector",
}
ALIAS = {"project": "p", "decision": "d", "lesson": "r"}
TABLE = {
    "project": "projects_project",
    "decision": "decisions_decision",
    "lesson": "monitoring_progressreport",
}


def _rows(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    return fetch(connection.alias, sql, params)


def _one(sql: str, params: list[Any]) -> dict[str, Any]:
    """The one row of a page's record, as the page answers: 404 when there is none."""
    found = _rows(sql, params)
    if not found:
        raise Http404(params[0])
    return found[0]


def _json(data: dict[str, Any]) -> JsonResponse:
    return JsonResponse(data, encoder=DjangoJSONEncoder)


def _in(ids: list[int]) -> str:
    return placeholders(ids)


@dataclass(frozen=True)
class Match:
    """SQL pieces that narrow a kind's alias to the records matching the query, ranked."""

    rank: str
    rank_params: list[str]
    join: str
    condition: str
    condition_params: list[str]


def _match(kind: str, query: str, ranked: int = MAX_RANKED) -> Match:
    if connection.vendor == "postgresql":
        # As portal.search.ranked: PostgreSQL stems the words itself, each as a prefix.
        words = list(dict.fromkeys(WORD.findall(query.lower())))[:10]
        tsquery = " & ".join(f"{word}:*" for word in words)
        vector, parsed = PG_VECTOR[kind], "to_tsquery('dutch'::regconfig, %s)"
        # As the page: only the first `ranked` + 1 matches found are ranked. Alias, table
        # and limit are constants; the words go in as a parameter.
        candidates = (
            f"{ALIAS[kind]}.id IN (SELECT c.id FROM {TABLE[kind]} c "  # nosec B608
            f"WHERE c.search_vector @@ {parsed} LIMIT {int(ranked) + 1})"
        )
        return Match(f"ts_rank({vector}, {parsed})", [tsquery], "", candidates, [tsquery])
    match = "body : (" + " AND ".join(f'"{term}"*' for term in query_terms(query)) + ")"
    return Match(
        "-bm25(portal_search)",
        [],
        f"JOIN portal_search ON portal_search.object_id = {ALIAS[kind]}.id",
        "portal_search MATCH %s AND portal_search.kind = %s",
        [match, kind],
    )


def _places(project_ids: list[int]) -> dict[int, list[str]]:
    places: dict[int, list[str]] = {}
    rows = _rows(
        "SELECT pp.project_id, m.name, m.code FROM projects_project_places pp "  # nosec B608
        "JOIN organisations_municipality m ON m.id = pp.municipality_id "
        f"WHERE pp.project_id IN ({_in(project_ids)}) ORDER BY m.name",
        project_ids,
    )
    for row in rows:
        places.setdefault(row["project_id"], []).append(row["name"])
    return places


def home(request: HttpRequest) -> JsonResponse:
    lists = _rows(
        "SELECT l.title, m.slug, m.date, pr.name AS programme FROM decisions_decisionlist l "
        "JOIN decisions_meeting m ON m.id = l.meeting_id "
        "JOIN programmes_programme pr ON pr.id = m.programme_id ORDER BY m.date DESC LIMIT 5"
    )
    programmes = _rows("SELECT id, name, slug, description FROM programmes_programme ORDER BY id")
    pillars = _rows(
        "SELECT id, programme_id, name, slug, budget, budget_note FROM programmes_pillar "
        "ORDER BY programme_id, position, id"
    )
    committed = _rows(
        "SELECT m.programme_id, d.pillar_id, SUM(d.amount) AS total FROM decisions_decision d "  # nosec B608
        "JOIN decisions_meeting m ON m.id = d.meeting_id "
        # Uncorrelated: SQLite would otherwise probe the state index once per decision.
        f"WHERE d.state = {PUBLISHED} AND d.id NOT IN (SELECT c.corrects_id FROM "
        f"decisions_decision c WHERE c.corrects_id IS NOT NULL AND c.state = {PUBLISHED}) "
        "GROUP BY m.programme_id, d.pillar_id"
    )
    released = _rows(
        "SELECT programme_id, pillar_id, SUM(amount) AS total FROM finance_ledgerentry "
        "WHERE kind = 'vrijval' GROUP BY programme_id, pillar_id"
    )
    funders = _rows(
        "SELECT c.programme_id, o.name, c.amount FROM programmes_fundercontribution c "
        "JOIN organisations_organisation o ON o.id = c.organisation_id ORDER BY c.id"
    )
    return _json(
        {
            "latest_lists": lists,
            "programmes": programmes,
            "pillars": pillars,
            "committed": committed,
            "released": released,
            "funders": funders,
        }
    )


def project_list(request: HttpRequest) -> JsonResponse:
    """/projecten/?gemeente=&pillar=&q=: the page's 20 projects and the total count."""
    joins, where, join_params, where_params = [], [PUBLIC], [], []
    if pillar := request.GET.get("pillar"):
        joins.append("JOIN programmes_pillar pl ON pl.id = p.pillar_id AND pl.slug = %s")
        join_params.append(pillar)
    if municipality := request.GET.get("gemeente"):
        # A join: a municipality occurs once per project (unique together), so no row doubles.
        joins.append(
            "JOIN projects_project_places fp ON fp.project_id = p.id "
            "JOIN organisations_municipality fm ON fm.id = fp.municipality_id AND fm.slug = %s"
        )
        join_params.append(municipality)
    rank, rank_params, order = "NULL", [], "p.title, p.id"
    query = request.GET.get("q", "")
    if query_terms(query):
        match = _match("project", query)
        rank, rank_params, order = match.rank, match.rank_params, "rank DESC, p.title, p.id"
        if match.join:
            joins.append(match.join)
        where.append(match.condition)
        where_params += match.condition_params
    body = f"FROM projects_project p {' '.join(joins)} WHERE {' AND '.join(where)}"
    projects = _rows(
        f"SELECT p.id, p.title, p.slug, p.summary, o.name AS lead_organisation, "  # nosec B608
        f"{AMOUNT} AS amount, {rank} AS rank FROM projects_project p "
        "LEFT JOIN organisations_organisation o ON o.id = p.lead_organisation_id "
        f"{' '.join(joins)} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT {PAGE_SIZE}",
        [*rank_params, *join_params, *where_params],
    )
    count = _rows(f"SELECT COUNT(*) AS n {body}", [*join_params, *where_params])[0]["n"]
    places = _places([row["id"] for row in projects])
    for row in projects:
        row["places"] = places.get(row["id"], [])
    return _json({"count": count, "projects": projects})


def search(request: HttpRequest) -> JsonResponse:
    """/zoeken/?q=: the best MAX_PER_KIND projects, decisions and lessons, each ranked."""
    query = request.GET.get("q", "")
    if not query_terms(query):
        return _json({"projects": [], "decisions": [], "lessons": []})
    found = {}
    match = _match("project", query, OVERVIEW_RANKED)
    found["projects"] = _rows(
        f"SELECT p.id, p.title, p.slug, p.summary, p.status, pl.name AS pillar, "  # nosec B608
        f"{AMOUNT} AS amount, {match.rank} AS rank FROM projects_project p "
        f"LEFT JOIN programmes_pillar pl ON pl.id = p.pillar_id {match.join} "
        f"WHERE {PUBLIC} AND {match.condition} "
        f"ORDER BY rank DESC, p.title, p.id LIMIT {SEARCH_LIMIT}",
        [*match.rank_params, *match.condition_params],
    )
    match = _match("decision", query, OVERVIEW_RANKED)
    found["decisions"] = _rows(
        f"SELECT d.id, d.title, d.text, d.amount, m.slug AS meeting, m.date, "  # nosec B608
        f"pj.title AS project, {match.rank} AS rank FROM decisions_decision d "
        "JOIN decisions_meeting m ON m.id = d.meeting_id "
        f"JOIN projects_project pj ON pj.id = d.project_id {match.join} "
        f"WHERE d.state = {PUBLISHED} AND {match.condition} "
        f"ORDER BY rank DESC, m.date DESC, d.id LIMIT {SEARCH_LIMIT}",
        [*match.rank_params, *match.condition_params],
    )
    match = _match("lesson", query, OVERVIEW_RANKED)
    found["lessons"] = _rows(
        f"SELECT r.id, r.lessons_learned, r.period_end, p.title, p.slug, {match.rank} AS rank "  # nosec B608
        "FROM monitoring_progressreport r JOIN projects_project p ON p.id = r.project_id "
        f"{match.join} WHERE r.state = 'geaccepteerd' AND r.lessons_learned <> '' "
        f"AND {PUBLIC} AND {match.condition} "
        f"ORDER BY rank DESC, r.period_end DESC, r.id LIMIT {SEARCH_LIMIT}",
        [*match.rank_params, *match.condition_params],
    )
    return _json(found)


def project(request: HttpRequest, slug: str) -> JsonResponse:
    """/projecten/<slug>/: the project, its published decisions, places, themes, partners,
    money, monitoring, parent and extensions."""
    row = _one(
        "SELECT p.id, p.title, p.slug, p.summary, p.description, p.status, p.planned_start, "  # nosec B608
        "p.planned_end, pl.name AS pillar, o.name AS lead_organisation, pr.name AS programme, "
        "p.parent_id FROM projects_project p "
        "JOIN programmes_programme pr ON pr.id = p.programme_id "
        "LEFT JOIN programmes_pillar pl ON pl.id = p.pillar_id "
        "LEFT JOIN organisations_organisation o ON o.id = p.lead_organisation_id "
        f"WHERE p.slug = %s AND {PUBLIC}",
        [slug],
    )
    row["decisions"] = _rows(
        "SELECT d.id, d.kind, d.title, d.text, d.amount, d.conditions, m.date, m.slug "  # nosec B608
        "AS meeting, l.id AS besluitenlijst FROM decisions_decision d "
        "JOIN decisions_meeting m ON m.id = d.meeting_id "
        "LEFT JOIN decisions_decisionlist l ON l.meeting_id = m.id "
        f"WHERE d.project_id = %s AND d.state = {PUBLISHED} ORDER BY m.date, d.position",
        [row["id"]],
    )
    row["places"] = _places([row["id"]]).get(row["id"], [])
    row["themes"] = _rows(
        "SELECT t.name, t.slug FROM projects_project_themes pt "
        "JOIN programmes_theme t ON t.id = pt.theme_id WHERE pt.project_id = %s ORDER BY t.name",
        [row["id"]],
    )
    row["partners"] = _rows(
        "SELECT o.name FROM projects_project_partners pp JOIN organisations_organisation o "
        "ON o.id = pp.organisation_id WHERE pp.project_id = %s ORDER BY o.name",
        [row["id"]],
    )
    row.update(_project_money_and_monitoring(row["id"], row["parent_id"]))
    return _json(row)


def _project_money_and_monitoring(project_id: int, parent_id: int | None) -> dict[str, Any]:
    """The rest of what the project page shows: money, monitoring, parent and extensions (not
    the similar projects, which the page computes from a cached corpus)."""
    return {
        "money": _rows(
            "SELECT kind, SUM(amount) AS total FROM finance_ledgerentry WHERE project_id = %s "
            "GROUP BY kind",
            [project_id],
        ),
        "granted": _rows(
            "SELECT SUM(granted_amount) AS total FROM finance_grantdecision "
            "WHERE project_id = %s AND state = 'verleend'",
            [project_id],
        ),
        "milestones": _rows(
            "SELECT title, planned_date, reached_on, weight FROM monitoring_milestone "
            "WHERE project_id = %s ORDER BY planned_date",
            [project_id],
        ),
        "reports": _rows(
            "SELECT period_end, status, progress, lessons_learned FROM monitoring_progressreport "
            "WHERE project_id = %s AND state = 'geaccepteerd' ORDER BY period_end DESC",
            [project_id],
        ),
        "indicators": _rows(
            "SELECT r.title AS result, r.kind, i.id, i.title, i.unit, i.measure, "
            "i.baseline_value, i.baseline_text, i.baseline_year, ip.start, ip.end, ip.target, "
            "ip.actual, ip.target_text, ip.actual_text FROM monitoring_result r "
            "JOIN monitoring_indicator i ON i.result_id = r.id "
            "LEFT JOIN monitoring_indicatorperiod ip ON ip.indicator_id = i.id "
            "WHERE r.project_id = %s ORDER BY r.position, i.position, ip.end",
            [project_id],
        ),
        "parent": _rows(
            f"SELECT p.title, p.slug FROM projects_project p WHERE p.id = %s AND {PUBLIC}",  # nosec B608
            [parent_id],
        ),
        "extensions": _rows(
            f"SELECT p.title, p.slug FROM projects_project p WHERE p.parent_id = %s AND {PUBLIC} "  # nosec B608
            "ORDER BY p.title",
            [project_id],
        ),
    }


def besluitenlijst(request: HttpRequest, slug: str) -> JsonResponse:
    """/besluitenlijsten/<slug>/: the list and its published decisions in order."""
    row = _one(
        "SELECT l.id, l.title, l.introduction, l.published_at, m.id AS meeting_id, m.date, "
        "m.title AS meeting, pr.name AS programme FROM decisions_decisionlist l "
        "JOIN decisions_meeting m ON m.id = l.meeting_id "
        "JOIN programmes_programme pr ON pr.id = m.programme_id WHERE m.slug = %s",
        [slug],
    )
    row["decisions"] = _rows(
        "SELECT d.id, d.position, d.kind, d.title, d.text, d.amount, d.conditions, "  # nosec B608
        "d.corrects_id, p.title AS project, p.slug AS project_slug, pl.name AS pillar "
        "FROM decisions_decision d JOIN projects_project p ON p.id = d.project_id "
        "LEFT JOIN programmes_pillar pl ON pl.id = d.pillar_id "
        f"WHERE d.meeting_id = %s AND d.state = {PUBLISHED} ORDER BY d.position, d.id",
        [row["meeting_id"]],
    )
    return _json(row)


def api_decisions(request: HttpRequest) -> JsonResponse:
    """/api/v1/besluiten?gemeente=GM....: the first page of 20 decisions and the count."""
    joins, where, params = "", f"d.state = {PUBLISHED}", []
    if code := request.GET.get("gemeente"):
        # A join, not EXISTS: a municipality occurs once per project (unique together), so no
        # row doubles, and SQLite starts from the municipality instead of every decision.
        joins = (
            "JOIN projects_project_places fp ON fp.project_id = d.project_id "
            "JOIN organisations_municipality fm ON fm.id = fp.municipality_id AND fm.code = %s "
        )
        params.append(code)
    rows = _rows(
        "SELECT d.id, d.title, d.kind, d.state, d.amount, d.text, d.conditions, d.published_at, "  # nosec B608
        "d.corrects_id, d.project_id, p.slug AS project, pr.slug AS programme, "
        "pl.slug AS pillar, m.slug AS meeting, m.date FROM decisions_decision d "
        f"{joins}JOIN projects_project p ON p.id = d.project_id "
        "JOIN decisions_meeting m ON m.id = d.meeting_id "
        "JOIN programmes_programme pr ON pr.id = m.programme_id "
        "LEFT JOIN programmes_pillar pl ON pl.id = d.pillar_id "
        f"WHERE {where} ORDER BY m.date DESC, d.position, d.id LIMIT {PAGE_SIZE}",
        params,
    )
    count = _rows(f"SELECT COUNT(*) AS n FROM decisions_decision d {joins}WHERE {where}", params)  # nosec B608
    codes: dict[int, list[str]] = {}
    project_ids = sorted({row["project_id"] for row in rows})
    for place in _rows(
        "SELECT pp.project_id, m.code FROM projects_project_places pp "  # nosec B608
        "JOIN organisations_municipality m ON m.id = pp.municipality_id "
        f"WHERE pp.project_id IN ({_in(project_ids)})",
        project_ids,
    ):
        codes.setdefault(place["project_id"], []).append(place["code"])
    for row in rows:
        row["gemeenten"] = codes.get(row["project_id"], [])
    return _json({"count": count[0]["n"], "results": rows})


# A fixed, portable shuffle: targets spread over the whole table, the same ones every run.
SPREAD = "(({id}) * 7919) %% 10007"  # %% is the modulo: the SQL has parameters


def targets(request: HttpRequest) -> JsonResponse:
    """Distinct parameters for the benchmark's requests, spread over the data, and its size."""
    limit = min(int(request.GET.get("n", "200")), 1000)
    projects = _rows(
        f"SELECT p.slug FROM projects_project p WHERE {PUBLIC} "  # nosec B608
        f"ORDER BY {SPREAD.format(id='p.id')}, p.id LIMIT %s",
        [limit],
    )
    pairs = _rows(
        "SELECT m.slug AS gemeente, pl.slug AS pillar FROM projects_project p "  # nosec B608
        "JOIN programmes_pillar pl ON pl.id = p.pillar_id "
        "JOIN projects_project_places pp ON pp.project_id = p.id "
        f"JOIN organisations_municipality m ON m.id = pp.municipality_id WHERE {PUBLIC} "
        f"GROUP BY m.slug, pl.slug ORDER BY MIN({SPREAD.format(id='p.id')}), m.slug, pl.slug "
        "LIMIT %s",
        [limit],
    )
    lists = _rows(
        "SELECT m.slug FROM decisions_decisionlist l JOIN decisions_meeting m "  # nosec B608
        f"ON m.id = l.meeting_id ORDER BY {SPREAD.format(id='l.id')}, l.id LIMIT %s",
        [limit],
    )
    codes = _rows(
        "SELECT m.code FROM organisations_municipality m WHERE EXISTS (SELECT 1 "  # nosec B608
        "FROM projects_project_places pp JOIN decisions_decision d ON d.project_id = "
        f"pp.project_id WHERE pp.municipality_id = m.id AND d.state = {PUBLISHED}) "
        f"ORDER BY {SPREAD.format(id='m.id')}, m.id LIMIT %s",
        [limit],
    )
    size = _rows(
        "SELECT (SELECT COUNT(*) FROM decisions_decision) AS decisions, "
        "(SELECT COUNT(*) FROM projects_project) AS projects, "
        "(SELECT COUNT(*) FROM programmes_programme) AS programmes"
    )[0]
    return _json(
        {
            "size": size,
            "projects": [row["slug"] for row in projects],
            "pairs": pairs,
            "besluitenlijsten": [row["slug"] for row in lists],
            "gemeenten": [row["code"] for row in codes],
        }
    )
