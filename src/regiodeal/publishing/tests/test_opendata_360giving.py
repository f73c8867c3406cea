"""The 360Giving package at /open-data/360giving.json, validated offline against the schema."""

import copy
import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regiodeal.core.demo import load_demo
from regiodeal.decisions import services
from regiodeal.decisions.models import Decision
from regiodeal.decisions.tests.factories import make_meeting, make_published_list
from regiodeal.finance.tests.factories import make_funded_project, make_published_decision
from regiodeal.organisations.models import Organisation
from regiodeal.organisations.tests.factories import MunicipalityFactory
from regiodeal.publishing.opendata.threesixty import GRANT_SCHEMA_URL, validation_errors

URL = "/open-data/360giving.json"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo(with_calls=False).programme
        transaction.set_rollback(True)


def package(client: Client) -> dict:
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def grants_by_id(data: dict) -> dict[str, dict]:
    return {grant["id"]: grant for grant in data["grants"]}


def test_url_is_named():
    assert reverse("opendata:360giving") == URL


def test_demo_package_validates_against_the_360giving_schema(demo, client):
    data = package(client)
    assert validation_errors(data) == []
    assert data["version"] == "1.4"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_each_published_demo_decision_is_one_grant_with_its_amount(demo, client):
    published = list(Decision.objects.published().filter(meeting__programme=demo))
    assert len(published) == 5
    grants = grants_by_id(package(client))
    assert {key: Decimal(str(grant["amountAwarded"])) for key, grant in grants.items()} == {
        f"360G-XI-REGIODEAL-{decision.pk}": decision.amount for decision in published
    }
    first = grants[f"360G-XI-REGIODEAL-{published[0].pk}"]
    assert first["amountAwarded"] == 480000
    assert first["currency"] == "EUR"
    assert first["awardDate"] == "2021-12-15"
    assert first["recipientOrganization"][0]["name"] == "Provincie Drenthe"
    assert first["dataSource"] == "http://testserver" + URL
    assert first["url"].startswith("http://testserver/besluitenlijsten/december-2021/")


def test_grants_carry_the_cbs_codes_of_the_project_places(demo, client):
    grants = package(client)["grants"]
    coevorden = [
        grant
        for grant in grants
        if any(place["geoCode"] == "GM0109" for place in grant.get("beneficiaryLocation", []))
    ]
    # The seed names Coevorden in at least two decisions.
    assert len(coevorden) >= 2
    place = next(p for p in coevorden[0]["beneficiaryLocation"] if p["geoCode"] == "GM0109")
    assert place == {"id": "GM0109", "name": "Coevorden", "geoCode": "GM0109", "countryCode": "NL"}


def test_funders_are_the_programme_contributors(demo, client):
    grant = package(client)["grants"][0]
    names = [funder["name"] for funder in grant["fundingOrganization"]]
    assert names[:2] == ["Rijksoverheid", "Provincie Drenthe"]
    assert "Gemeente Coevorden" in names


def test_organisations_with_a_kvk_number_get_an_nl_kvk_id(demo, client):
    Organisation.objects.filter(name="Provincie Drenthe").update(kvk_number="01234567")
    grants = package(client)["grants"]
    recipients = {grant["recipientOrganization"][0]["id"] for grant in grants}
    assert "NL-KVK-01234567" in recipients
    funders = {funder["id"] for funder in grants[0]["fundingOrganization"]}
    assert "NL-KVK-01234567" in funders
    assert "XI-REGIODEAL-ORG-rijksoverheid" in funders
    assert validation_errors(package(client)) == []


def test_the_publisher_prefix_comes_from_the_setting(demo, client, settings):
    settings.REGIODEAL_360G_PREFIX = "XI-DRENTHE"
    data = package(client)
    assert all(grant["id"].startswith("360G-XI-DRENTHE-") for grant in data["grants"])
    assert data["publisher"]["identifier"] == "XI-DRENTHE"


def test_cc0_licence_when_configured(demo, client, settings):
    settings.REGIODEAL_OPEN_DATA_LICENCE = "CC0-1.0"
    assert package(client)["license"] == "https://creativecommons.org/publicdomain/zero/1.0/"


def test_a_corrected_decision_is_one_grant_with_the_amount_of_the_correction(db, client):
    project = make_funded_project()
    original = make_published_decision(project, Decimal("100000"))
    meeting = make_meeting(project.programme, datetime.date(2022, 3, 1))
    correction = services.create_correction(
        original=original, meeting=meeting, amount=Decimal("80000.50"), text="Lager bedrag."
    )
    make_published_list(meeting, correction)
    data = package(client)
    assert validation_errors(data) == []
    assert [grant["id"] for grant in data["grants"]] == [f"360G-XI-REGIODEAL-{original.pk}"]
    assert data["grants"][0]["amountAwarded"] == 80000.5
    assert data["grants"][0]["awardDate"] == "2021-12-14"


def test_rejections_drafts_and_unpublished_decisions_are_not_grants(db, client):
    project = make_funded_project()
    published = make_published_decision(project, Decimal("100000"))
    meeting = make_meeting(project.programme, datetime.date(2022, 3, 1))
    services.create_decision(
        meeting=meeting, project=project, kind="nieuw", amount=Decimal("5000"), text="Concept."
    )
    rejection_meeting = make_meeting(project.programme, datetime.date(2022, 6, 1))
    rejection = services.create_decision(
        meeting=rejection_meeting, project=project, kind="afwijzing", amount=None, text="Nee."
    )
    make_published_list(rejection_meeting, rejection)
    ids = [grant["id"] for grant in package(client)["grants"]]
    assert ids == [f"360G-XI-REGIODEAL-{published.pk}"]


def test_a_project_without_lead_or_places_still_validates(db, client):
    project = make_funded_project()
    project.lead_organisation = None
    project.save()
    project.places.add(MunicipalityFactory(code="GM0109", name="Coevorden", slug="coevorden"))
    decision = make_published_decision(project)
    data = package(client)
    assert validation_errors(data) == []
    grant = data["grants"][0]
    assert grant["id"] == f"360G-XI-REGIODEAL-{decision.pk}"
    assert grant["recipientOrganization"][0]["id"] == f"XI-REGIODEAL-PROJECT-{project.slug}"
    assert grant["beneficiaryLocation"][0]["geoCode"] == "GM0109"


def test_query_count_does_not_grow_with_the_number_of_grants(demo, client):
    with CaptureQueriesContext(connection) as before:
        package(client)
    project = make_funded_project()
    project.places.add(MunicipalityFactory(code="GM0114", name="Emmen", slug="emmen-test"))
    make_published_decision(project)
    with CaptureQueriesContext(connection) as after:
        assert len(package(client)["grants"]) == 6
    assert len(after.captured_queries) == len(before.captured_queries) <= 5


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda grant: grant.pop("currency"), "grants/0"),
        (lambda grant: grant.update(amountAwarded="480000.00"), "grants/0/amountAwarded"),
        (lambda grant: grant.update(awardDate="2021-13-15"), "grants/0/awardDate"),
        (lambda grant: grant.update(dateModified="2021-12-15"), "grants/0/dateModified"),
        (lambda grant: grant.update(recipientOrganization=[]), "grants/0/recipientOrganization"),
    ],
)
def test_the_validator_finds_what_is_wrong(demo, client, change, path):
    data = copy.deepcopy(package(client))
    change(data["grants"][0])
    errors = validation_errors(data)
    assert errors
    assert any(error.startswith(path) for error in errors), errors


def test_a_date_time_award_date_is_valid_too(demo, client):
    data = package(client)
    data["grants"][0]["awardDate"] = "2021-12-15T10:00:00+01:00"
    assert validation_errors(data) == []


def test_the_grant_schema_is_resolved_locally(monkeypatch):
    # Validation must never reach for the network: the remote URL is served from the copy.
    import urllib.request

    def no_network(*args, **kwargs):
        raise AssertionError("network access")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    errors = validation_errors({"grants": [{"id": "x"}]})
    assert errors
    assert GRANT_SCHEMA_URL.endswith("360-giving-schema.json")
