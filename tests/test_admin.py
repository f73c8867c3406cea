"""The back office: every admin page opens, and its actions go through the services."""

import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regiodeal.core.demo import ensure_demo_user
from regiodeal.decisions import services
from regiodeal.decisions.models import Decision, DecisionList, Meeting
from regiodeal.projects.models import Project

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, demo):
    user = ensure_demo_user("kantoor", "een-lang-wachtwoord-42")
    client.force_login(user)
    return user


def test_every_changelist_and_add_page_opens(client, office):
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        if model_admin.has_add_permission(type("R", (), {"user": office})()):
            add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
            assert client.get(add).status_code == 200, add


def test_decision_pages_show_dutch_amounts(client, office):
    response = client.get(reverse("admin:decisions_decision_changelist"))
    assert "€\u00a0480.000" in response.content.decode()


def test_publish_action_publishes_the_meeting(client, office, demo):
    project = Project.objects.create(
        programme=demo, title="Nieuw dorpshuis", slug="dorpshuis", pillar=demo.pillars.first()
    )
    meeting = services.create_meeting(programme=demo, date=datetime.date(2022, 3, 8))
    decision = services.create_decision(
        meeting=meeting, project=project, kind="nieuw", amount=Decimal("25000")
    )
    services.adopt_decision(decision, user=office)
    response = client.post(
        reverse("admin:decisions_meeting_changelist"),
        {"action": "publish", "_selected_action": [meeting.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert DecisionList.objects.filter(meeting=meeting).exists()
    decision.refresh_from_db()
    assert decision.state == "gepubliceerd"
    assert decision.history.first().history_user == office


def test_adopt_action_over_budget_reports_and_changes_nothing(client, office, demo):
    wonen = demo.pillars.get(slug="wonen")
    project = Project.objects.create(programme=demo, title="Te duur", slug="te-duur", pillar=wonen)
    meeting = services.create_meeting(programme=demo, date=datetime.date(2022, 3, 8))
    decision = services.create_decision(
        meeting=meeting, project=project, kind="nieuw", amount=Decimal("20000000")
    )
    response = client.post(
        reverse("admin:decisions_decision_changelist"),
        {"action": "adopt", "_selected_action": [decision.pk]},
        follow=True,
    )
    assert "boven het budget" in response.content.decode()
    decision.refresh_from_db()
    assert decision.state == "concept"


def test_published_decision_cannot_be_edited_or_deleted_in_the_back_office(client, office):
    decision = Decision.objects.get(project__slug="levensloop-bestendig-wonen")
    change_url = reverse("admin:decisions_decision_change", args=[decision.pk])
    assert client.get(change_url).status_code == 200  # viewable
    assert client.post(change_url, {"amount": "1", "text": "gewijzigd"}).status_code == 403
    decision.refresh_from_db()
    assert decision.amount == Decimal("70000")
    assert decision.text != "gewijzigd"
    delete_url = reverse("admin:decisions_decision_delete", args=[decision.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    assert Decision.objects.filter(pk=decision.pk).exists()
    meeting = Meeting.objects.get(slug="december-2021")
    response = client.get(reverse("admin:decisions_meeting_change", args=[meeting.pk]))
    assert response.status_code == 200


def test_changes_in_the_back_office_are_in_the_audit_trail(client, office, demo):
    project = Project.objects.get(slug="levensloop-bestendig-wonen")
    url = reverse("admin:projects_project_history", args=[project.pk])
    assert client.get(url).status_code == 200
    project.summary = "Aangepaste samenvatting"
    project._history_user = office
    project.save()
    latest = project.history.first()
    assert latest.history_user == office
    assert latest.summary == "Aangepaste samenvatting"


def test_a_meeting_page_asks_once_whether_the_meeting_is_published(client, office, demo):
    meeting = services.create_meeting(programme=demo, date=datetime.date(2022, 3, 8))
    for number in range(6):
        project = Project.objects.create(
            programme=demo,
            title=f"Project {number}",
            slug=f"p-{number}",
            pillar=demo.pillars.first(),
        )
        services.create_decision(
            meeting=meeting, project=project, kind="nieuw", amount=Decimal("1000")
        )
    page = reverse("admin:decisions_meeting_change", args=[meeting.pk])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page).status_code == 200
    published_checks = [q for q in queries if 'FROM "decisions_decisionlist"' in q["sql"]]
    assert len(published_checks) <= 1
