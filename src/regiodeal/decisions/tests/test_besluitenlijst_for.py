"""besluitenlijst_for: a published list with its meeting and programme, read in one query."""

import datetime

import pytest

from regiodeal.decisions.models import DecisionList
from regiodeal.decisions.selectors import besluitenlijst_for
from regiodeal.decisions.tests.factories import make_meeting
from regiodeal.finance.tests.factories import make_funded_project, make_published_decision
from regiodeal.programmes.models import Programme
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_list_comes_with_its_meeting_and_programme_in_one_query(
    django_assert_num_queries,
):
    project = make_funded_project()
    Programme.objects.filter(pk=project.programme_id).update(primary_colour="#123456")
    meeting = make_published_decision(project, date=datetime.date(2022, 3, 8)).meeting
    published = DecisionList.objects.get(meeting=meeting)

    with django_assert_num_queries(1):
        found = besluitenlijst_for(meeting.slug)
        seen = (found.title, found.published_at, found.meeting.date, found.meeting.slug)
        branding = (found.meeting.programme.name, found.meeting.programme.primary_colour)

    assert found == published
    assert seen == (published.title, published.published_at, meeting.date, meeting.slug)
    assert branding == (project.programme.name, "#123456")
    assert seen[1] is not None


def test_a_meeting_without_a_published_list_has_none():
    meeting = make_meeting(ProjectFactory().programme)
    with pytest.raises(DecisionList.DoesNotExist):
        besluitenlijst_for(meeting.slug)
    with pytest.raises(DecisionList.DoesNotExist):
        besluitenlijst_for("no-such-meeting")
