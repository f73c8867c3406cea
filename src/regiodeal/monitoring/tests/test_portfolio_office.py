"""The office and the steering group see unpublished projects in the portfolio; the public not."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from regiodeal.core.roles import Role, group_of
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.programmes.tests.factories import FunderContributionFactory
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_unpublished_projects_only_for_the_office_and_steering_group(client):
    published = ProjectFactory(title="Gepubliceerd project")
    FunderContributionFactory(programme=published.programme, amount=Decimal("100000"))
    meeting = make_meeting(published.programme)
    make_published_list(meeting, make_decision(meeting, published, amount=Decimal("1000")))
    draft = ProjectFactory(programme=published.programme, title="Nog niet besloten project")
    url = reverse("monitoring:portfolio") + f"?programma={published.programme.slug}"

    public = client.get(url).content.decode()
    assert "Gepubliceerd project" in public and "Nog niet besloten project" not in public

    member = User.objects.create_user("lid", is_staff=True)
    member.groups.add(group_of(Role.STUURGROEPLID))
    client.force_login(member)
    office = client.get(url).content.decode()
    assert draft.title in office and 'class="note office-view"' in office
