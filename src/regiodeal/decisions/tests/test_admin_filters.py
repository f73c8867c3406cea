"""The decision list's filters on meetings and pillars offer one programme's, never all."""

import pytest
from django.test import Client
from django.urls import reverse

from regiodeal.decisions.tests.factories import make_meeting
from regiodeal.programmes.tests.test_scoping import office_account, records

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:decisions_decision_changelist"


def offered(client, field: str, **params: str) -> set[str]:
    """The labels of the records that the filter on ``field`` offers; empty when it is hidden."""
    response = client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    # The admin leaves out a filter with nothing to offer.
    for spec in response.context["cl"].filter_specs:
        if getattr(spec, "field_path", None) == field:
            return {label for _pk, label in spec.lookup_choices}
    return set()


@pytest.fixture
def a_and_b():
    a, b = records("a"), records("b")
    for programme in (a, b):
        make_meeting(programme["programme"], date=programme["meeting"].date.replace(year=2022))
    return a, b


def test_the_national_office_chooses_a_programme_before_its_meetings(a_and_b):
    _a, b = a_and_b
    national = Client()
    national.force_login(office_account("landelijk"))

    assert offered(national, "meeting") == set()
    assert offered(national, "pillar") == set()
    chosen = {"meeting__programme__id__exact": str(b["programme"].pk)}
    assert offered(national, "meeting", **chosen) == {str(m) for m in b["programme"].meetings.all()}
    assert offered(national, "pillar", **chosen) == {str(b["pillar"])}


def test_an_office_sees_its_own_programmes_meetings_only(a_and_b):
    a, b = a_and_b
    member = Client()
    member.force_login(office_account("bureau-a", a["programme"]))

    own = {str(meeting) for meeting in a["programme"].meetings.all()}
    assert len(own) == 2
    assert offered(member, "meeting") == own
    # Naming another programme in the address shows none of its meetings.
    other = {"meeting__programme__id__exact": str(b["programme"].pk)}
    assert offered(member, "meeting", **other) == set()
