"""The roles in the back office: actions, the import's publish button, nominations, refusals."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation

from regiodeal.core.roles import Role, group_of
from regiodeal.decisions import services
from regiodeal.decisions.models import DecisionList
from regiodeal.ingest.models import SourceDocument
from regiodeal.projects.models import Project

pytestmark = pytest.mark.django_db


def login_as(client, role: Role) -> User:
    user = User.objects.create_user(role.value, is_staff=True)
    user.groups.add(group_of(role))
    client.force_login(user)
    return user


@pytest.fixture
def adopted_meeting(demo):
    project = Project.objects.get(slug="levensloop-bestendig-wonen")
    meeting = services.create_meeting(programme=demo, date=datetime.date(2022, 3, 8))
    decision = services.create_decision(
        meeting=meeting, project=project, kind="uitbreiding", amount=Decimal("25000")
    )
    services.adopt_decision(decision)
    return meeting


def action_names(client, url: str) -> set[str]:
    form = client.get(url).context["action_form"]  # None when the list offers no action
    return {name for name, _label in form.fields["action"].choices if name} if form else set()


def test_only_the_administrator_may_publish_a_meeting(client, adopted_meeting):
    meetings = reverse("admin:decisions_meeting_changelist")
    login_as(client, Role.MEDEWERKER)
    assert "publish" not in action_names(client, meetings)
    client.post(meetings, {"action": "publish", "_selected_action": [adopted_meeting.pk]})
    assert not DecisionList.objects.filter(meeting=adopted_meeting).exists()

    login_as(client, Role.BEHEERDER)
    assert "publish" in action_names(client, meetings)
    client.post(meetings, {"action": "publish", "_selected_action": [adopted_meeting.pk]})
    assert DecisionList.objects.filter(meeting=adopted_meeting).exists()


def test_the_steering_group_reads_decisions_but_does_not_adopt_them(client, demo):
    decisions = reverse("admin:decisions_decision_changelist")
    login_as(client, Role.MEDEWERKER)
    assert {"adopt", "reopen"} <= action_names(client, decisions)
    login_as(client, Role.STUURGROEPLID)
    assert not {"adopt", "reopen", "delete_selected"} & action_names(client, decisions)


def test_publishing_from_the_import_review_needs_the_administrator(client, adopted_meeting):
    source = SourceDocument.objects.create(
        programme=adopted_meeting.programme,
        file="imports/maart.txt",
        original_name="maart.txt",
        sha256="1" * 64,
        format="txt",
        size=10,
        text="Besluitenlijst maart 2022.",
        meeting=adopted_meeting,
    )
    review = reverse("admin:ingest_sourcedocument_review", args=[source.pk])
    login_as(client, Role.MEDEWERKER)
    page = client.get(review)
    assert page.status_code == 200
    assert 'value="publish"' not in page.content.decode()
    with translation.override("nl"):
        refused = client.post(review, {"action": "publish"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert refused.status_code == 403
    assert "Alleen de beheerder van het programmabureau mag" in refused.content.decode()
    assert not DecisionList.objects.filter(meeting=adopted_meeting).exists()

    login_as(client, Role.BEHEERDER)
    assert 'value="publish"' in client.get(review).content.decode()
    assert client.post(review, {"action": "publish"}).status_code == 302
    assert DecisionList.objects.filter(meeting=adopted_meeting).exists()


def test_a_portfolio_holder_nominates_a_project_without_choosing_its_status(client, demo):
    login_as(client, Role.PORTEFEUILLEHOUDER)
    add = reverse("admin:projects_project_add")
    form = client.get(add).context["adminform"].form
    assert "status" not in form.fields
    response = client.post(
        add,
        {
            "programme": demo.pk,
            "title": "Dorpshuis Zweeloo",
            "slug": "dorpshuis-zweeloo",
            "pillar": demo.pillars.first().pk,
            "themes": [],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    project = Project.objects.get(slug="dorpshuis-zweeloo")
    assert project.status == Project._meta.get_field("status").default
    change = reverse("admin:projects_project_change", args=[project.pk])
    assert client.post(change, {"title": "Anders"}).status_code == 403


def test_a_refusal_says_why_in_dutch(client, demo):
    login_as(client, Role.PORTEFEUILLEHOUDER)
    response = client.get(reverse("admin:decisions_decision_changelist"))
    assert response.status_code == 403
    assert "Alleen het programmabureau en de stuurgroep mogen" in response.content.decode()


@pytest.mark.parametrize("role", [Role.STUURGROEPLID, Role.BEHEERDER])
def test_past_versions_are_read_not_restored(client, demo, role):
    """django-simple-history restores a version for whoever may view the history: refused."""
    project = Project.objects.get(slug="levensloop-bestendig-wonen")
    meeting = services.create_meeting(programme=demo, date=datetime.date(2022, 3, 8))
    decision = services.create_decision(
        meeting=meeting, project=project, kind="uitbreiding", amount=Decimal("25000")
    )
    services.update_draft_decision(
        decision, title="Nieuwe titel", kind="uitbreiding", amount=Decimal("30000"), text=""
    )
    first = decision.history.earliest()
    url = reverse("admin:decisions_decision_simple_history", args=[decision.pk, first.pk])
    login_as(client, role)

    assert client.get(url).status_code == 200  # reading stays possible
    response = client.post(url, {"title": "", "kind": "uitbreiding", "amount": "25000,00"})

    assert response.status_code == 403
    decision.refresh_from_db()
    assert (decision.title, decision.amount) == ("Nieuwe titel", Decimal("30000"))
