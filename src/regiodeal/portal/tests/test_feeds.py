"""The Atom feed of published besluitenlijsten."""

import xml.etree.ElementTree as ET  # nosec B405: parses our own output in tests
from decimal import Decimal

import pytest

from regiodeal.decisions.models import DecisionList
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.programmes.tests.factories import FunderContributionFactory
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_the_feed_lists_published_besluitenlijsten_newest_first(
    client, django_assert_max_num_queries
):
    project = ProjectFactory()
    FunderContributionFactory(programme=project.programme, amount=Decimal("1000000"))
    meeting = make_meeting(project.programme)
    older = make_published_list(meeting, make_decision(meeting, project))
    newer_meeting = make_meeting(project.programme, older.meeting.date.replace(year=2023))
    newer = make_published_list(newer_meeting, make_decision(newer_meeting, project))
    draft_meeting = make_meeting(project.programme, older.meeting.date.replace(year=2024))
    make_decision(draft_meeting, ProjectFactory(programme=project.programme), amount=Decimal(1))

    with django_assert_max_num_queries(3):
        response = client.get("/besluitenlijsten/feed.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # nosec B314
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [newer.title, older.title]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link == f"http://testserver{newer.get_absolute_url()}"
    assert entries[0].find(f"{ATOM}updated").text.startswith(str(newer.published_at.year))
    assert DecisionList.objects.count() == 2  # the draft meeting has no list and no entry
    self_link = [a.get("href") for a in feed.findall(f"{ATOM}link") if a.get("rel") == "self"]
    assert self_link == ["http://testserver/besluitenlijsten/feed.atom"]


def test_an_empty_feed_is_still_a_valid_feed(client):
    feed = ET.fromstring(client.get("/besluitenlijsten/feed.atom").content)  # nosec B314
    assert feed.tag == f"{ATOM}feed"
    assert feed.findall(f"{ATOM}entry") == []
