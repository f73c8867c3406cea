from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from drf_spectacular.validation import validate_schema

from regiodeal.api import pagination
from regiodeal.api.models import ApiToken
from regiodeal.core.roles import Role, group_of
from regiodeal.decisions.constants import DecisionState
from regiodeal.decisions.models import Decision, Meeting
from regiodeal.decisions.services import create_meeting

PROBLEM = "application/problem+json"


def token_for(role: Role) -> str:
    office = role in (Role.BEHEERDER, Role.MEDEWERKER, Role.STUURGROEPLID, Role.PORTEFEUILLEHOUDER)
    user = User.objects.create_user(f"api-{role.value}", is_staff=office)
    user.groups.add(group_of(role))
    return ApiToken.issue(user)[1]


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys()
    assert body["status"] == status
    return body


def test_besluiten_in_coevorden_are_those_whose_project_has_coevorden_among_its_places(
    demo, client
):
    expected = set(
        Decision.objects.published()
        .filter(project__places__code="GM0109")
        .values_list("pk", flat=True)
    )
    response = client.get("/api/v1/besluiten?gemeente=GM0109&pageSize=100")
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    found = {item["id"] for item in body["results"]}
    assert found == expected
    assert body["count"] == len(expected)
    # The two decisions of the seed that name Coevorden.
    assert {
        "haalbaarheidsonderzoek-internationaal-mbo-coevorden",
        "360-graden-arbeidsmarkt-excellente-vakkrachten",
    } <= {item["project"] for item in body["results"]}
    # Decisions on projects elsewhere only are left out.
    elsewhere = Decision.objects.published().exclude(project__places__code="GM0109")
    assert elsewhere.exists() and not found & set(elsewhere.values_list("pk", flat=True))
    assert all("GM0109" in item["gemeenten"] for item in body["results"])


def test_amounts_are_decimal_strings_and_dates_iso(demo, client):
    item = client.get("/api/v1/besluiten?gemeente=GM0109").json()["results"][0]
    assert isinstance(item["bedrag"], str)
    assert Decimal(item["bedrag"]) > 0
    assert item["bedrag"].count(".") == 1 and len(item["bedrag"].split(".")[1]) == 2
    assert len(item["datum"]) == 10 and item["datum"][4] == "-"
    programme = client.get(f"/api/v1/programmas/{demo.slug}").json()
    assert Decimal(programme["budget"]) == demo.total_budget


def test_only_published_decisions_are_shown(demo, client):
    meeting = create_meeting(programme=demo, date=demo.start_date)
    project = demo.projects.first()
    draft = Decision.objects.create(meeting=meeting, project=project, kind="nieuw")
    ids = {item["id"] for item in client.get("/api/v1/besluiten?pageSize=100").json()["results"]}
    assert draft.pk not in ids
    assert_problem(client.get(f"/api/v1/besluiten/{draft.pk}"), 404)
    assert ids == set(Decision.objects.published().values_list("pk", flat=True))


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/programmas",
        "/api/v1/pijlers",
        "/api/v1/projecten",
        "/api/v1/besluiten",
        "/api/v1/besluitenlijsten",
        "/api/v1/organisaties",
        "/api/v1/gemeenten",
    ],
)
def test_lists_answer_in_a_few_queries_whatever_their_length(
    demo, client, path, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(path + "?pageSize=100")
    body = response.json()
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    assert body["count"] >= 1
    detail = client.get(body["results"][0]["url"])
    assert detail.status_code == 200
    assert detail.json() == body["results"][0]


def test_project_filters_combine(demo, client):
    everything = client.get("/api/v1/projecten?pageSize=100").json()
    coevorden = client.get("/api/v1/projecten?gemeente=GM0109&pageSize=100").json()
    assert 0 < coevorden["count"] < everything["count"]
    status = coevorden["results"][0]["status"]
    both = client.get(f"/api/v1/projecten?gemeente=GM0109&status={status}").json()
    assert {p["slug"] for p in both["results"]} == {
        p["slug"] for p in coevorden["results"] if p["status"] == status
    }
    found = client.get("/api/v1/projecten?q=MBO").json()["results"]
    assert found and all("mbo" in (p["titel"] + p["samenvatting"]).lower() for p in found)


def test_pagination_is_bounded_and_links_on(demo, client):
    body = client.get("/api/v1/gemeenten?pageSize=1000").json()
    assert len(body["results"]) <= 100
    first = client.get("/api/v1/besluiten?pageSize=2").json()
    assert len(first["results"]) == 2
    assert first["next"].endswith("page=2&pageSize=2") or "page=2" in first["next"]
    assert_problem(client.get("/api/v1/besluiten?page=50"), 404)  # past the end
    assert_problem(client.get("/api/v1/besluiten?page=999"), 400)  # past what can be paged


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("gemeente=GM9999", "gemeente"),
        ("pijler=bestaat-niet", "pijler"),
        ("programma=bestaat-niet", "programma"),
        ("soort=onzin", "soort"),
        ("jaar=twintig", "jaar"),
        ("jaar=100000", "jaar"),
    ],
)
def test_an_unknown_filter_value_is_a_problem_not_an_empty_list(demo, client, query, parameter):
    body = assert_problem(client.get(f"/api/v1/besluiten?{query}"), 400)
    assert parameter in {p["name"] for p in body["invalidParams"]}
    assert body["instance"] == f"/api/v1/besluiten?{query}"


def test_errors_are_problems(demo, client):
    assert_problem(client.get("/api/v1/projecten/bestaat-niet"), 404)
    assert_problem(client.get("/api/v1/bestaat-niet"), 404)
    assert_problem(client.delete("/api/v1/projecten"), 405)
    assert_problem(client.get("/api/v1/projecten", HTTP_ACCEPT="text/csv"), 406)


def test_every_answer_carries_the_version(demo, client):
    for path in ("/api/v1/", "/api/v1/openapi.json", "/api/v1/docs/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["API-Version"] == "1.0.0"


def test_openapi_document_and_docs_page(demo, client):
    document = client.get("/api/v1/openapi.json")
    assert document["Content-Type"].startswith("application/json")
    schema = document.json()
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)  # against the OpenAPI 3.0 JSON Schema that drf-spectacular ships
    assert "/api/v1/besluiten" in schema["paths"]
    page = client.get("/api/v1/docs/")
    assert page["Content-Type"].startswith("text/html")
    text = page.content.decode()
    assert "GET /api/v1/besluiten" in text and "gemeente" in text
    assert "<script" not in text


def new_decision(demo) -> dict:
    meeting = create_meeting(programme=demo, date=demo.end_date)
    project = demo.projects.order_by("pk").first()
    return {"vergadering": meeting.slug, "project": project.slug, "soort": "nieuw",
            "bedrag": "12500.00", "titel": "Via de API"}  # fmt: skip


@pytest.mark.parametrize("role", [Role.BEHEERDER, Role.MEDEWERKER])
def test_the_office_records_a_draft_decision_with_a_token(demo, client, role):
    data = new_decision(demo)
    response = client.post(
        "/api/v1/besluiten",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token_for(role)}",
    )
    assert response.status_code == 201, response.content
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["status"] == "concept" and body["bedrag"] == "12500.00"
    decision = Decision.objects.get(pk=body["id"])
    assert decision.state == DecisionState.CONCEPT
    assert decision.meeting.slug == data["vergadering"]
    assert decision.history.first().history_user.username == f"api-{role.value}"


@pytest.mark.parametrize(
    "role", [Role.STUURGROEPLID, Role.PORTEFEUILLEHOUDER, Role.FINANCIER, Role.AANVRAGER]
)
def test_other_roles_may_not_write(demo, client, role):
    before = Decision.objects.count()
    response = client.post(
        "/api/v1/besluiten",
        new_decision(demo),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token_for(role)}",
    )
    body = assert_problem(response, 403)
    assert body["detail"]
    assert Decision.objects.count() == before


@pytest.mark.parametrize("header", [None, "Token ongeldig", "Token"])
def test_writing_without_a_valid_token_is_refused(demo, client, header):
    before = Decision.objects.count()
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.post(
        "/api/v1/besluiten", new_decision(demo), content_type="application/json", **extra
    )
    assert_problem(response, 401)
    assert response["WWW-Authenticate"] == "Token"
    assert Decision.objects.count() == before


def test_a_logged_in_session_is_no_token(demo, client):
    user = User.objects.create_user("office")
    user.groups.add(group_of(Role.BEHEERDER))
    client.force_login(user)
    before = Decision.objects.count()
    assert_problem(
        client.post("/api/v1/besluiten", new_decision(demo), content_type="application/json"),
        401,
    )
    assert Decision.objects.count() == before


def test_bad_input_is_refused_in_dutch_and_changes_nothing(demo, client):
    token = token_for(Role.MEDEWERKER)
    before = Decision.objects.count()
    data = {**new_decision(demo), "soort": "afwijzing", "bedrag": "100.00"}
    response = client.post(
        "/api/v1/besluiten",
        data,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
        HTTP_ACCEPT_LANGUAGE="nl",
    )
    body = assert_problem(response, 400)
    reasons = {p["name"]: p["reason"] for p in body["invalidParams"]}
    assert "amount" in reasons
    assert "afwijzing" in reasons["amount"].lower() or "bedrag" in reasons["amount"].lower()
    assert Decision.objects.count() == before

    published = Meeting.objects.filter(besluitenlijst__isnull=False).first()
    response = client.post(
        "/api/v1/besluiten",
        {**data, "vergadering": published.slug, "soort": "nieuw"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token}",
    )
    assert "vergadering" in {p["name"] for p in assert_problem(response, 400)["invalidParams"]}
    assert Decision.objects.count() == before


def test_the_office_changes_a_draft_and_not_a_published_decision(demo, client):
    token = token_for(Role.MEDEWERKER)
    auth = {"content_type": "application/json", "HTTP_AUTHORIZATION": f"Token {token}"}
    draft_id = client.post("/api/v1/besluiten", new_decision(demo), **auth).json()["id"]

    response = client.patch(f"/api/v1/besluiten/{draft_id}", {"bedrag": "20000.00"}, **auth)
    assert response.status_code == 200, response.content
    assert response.json()["bedrag"] == "20000.00" and response.json()["titel"] == "Via de API"
    assert Decision.objects.get(pk=draft_id).amount == Decimal("20000.00")

    published = Decision.objects.published().first()
    response = client.patch(
        f"/api/v1/besluiten/{published.pk}", {"bedrag": "1.00"}, HTTP_ACCEPT_LANGUAGE="nl", **auth
    )
    body = assert_problem(response, 400)
    assert "concept" in str(body).lower()
    assert Decision.objects.get(pk=published.pk).amount == published.amount

    anonymous = client.patch(
        f"/api/v1/besluiten/{draft_id}", {"bedrag": "1.00"}, content_type="application/json"
    )
    assert_problem(anonymous, 401)
    assert_problem(client.put(f"/api/v1/besluiten/{draft_id}", {}, **auth), 405)
    assert Decision.objects.get(pk=draft_id).amount == Decimal("20000.00")


def test_an_id_too_long_for_the_database_is_not_found(demo, client):
    assert_problem(client.get("/api/v1/besluiten/" + "9" * 40), 404)
    assert_problem(client.get("/api/v1/pijlers/" + "9" * 40), 404)


def test_long_lists_are_counted_and_paged_only_so_far(demo, client, monkeypatch):
    monkeypatch.setattr(pagination.bounded.BoundedPaginator, "max_rows", 4)
    first = client.get("/api/v1/besluiten?pageSize=2").json()
    assert first["count"] == 5 and first["countIsExact"] is False
    last = client.get("/api/v1/besluiten?pageSize=2&page=2").json()
    assert len(last["results"]) == 2 and last["next"] is None
    body = assert_problem(client.get("/api/v1/besluiten?pageSize=2&page=3"), 400)
    assert "page" in {p["name"] for p in body["invalidParams"]}
    small = client.get("/api/v1/programmas").json()
    assert small["countIsExact"] is True and small["count"] == len(small["results"])
