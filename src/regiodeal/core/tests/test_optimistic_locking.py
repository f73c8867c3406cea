"""Two people editing the same decision or budget: the second save is refused, not lost."""

from decimal import Decimal

import pytest
from django.urls import reverse

from regiodeal.core.demo import ensure_demo_user
from regiodeal.core.models import ConcurrentEditError
from regiodeal.decisions import services
from regiodeal.decisions.models import Decision
from regiodeal.decisions.tests.factories import make_decision, make_meeting
from regiodeal.programmes.models import Pillar
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    project = ProjectFactory()
    return make_decision(make_meeting(project.programme), project, amount=Decimal("1000"))


def test_second_of_two_concurrent_saves_of_a_decision_is_refused(draft):
    alice = Decision.objects.get(pk=draft.pk)
    bob = Decision.objects.get(pk=draft.pk)
    alice.text = "Tekst van Alice"
    alice.save()
    bob.text = "Tekst van Bob"
    with pytest.raises(ConcurrentEditError):
        bob.save()
    stored = Decision.objects.get(pk=draft.pk)
    assert stored.text == "Tekst van Alice"
    assert stored.version == 2


def test_second_of_two_concurrent_budget_edits_is_refused(draft):
    pillar = draft.pillar
    first, second = Pillar.objects.get(pk=pillar.pk), Pillar.objects.get(pk=pillar.pk)
    first.budget = Decimal("600000")
    first.save()
    second.budget = Decimal("1")
    with pytest.raises(ConcurrentEditError):
        second.save()
    assert Pillar.objects.get(pk=pillar.pk).budget == Decimal("600000")


def test_service_refuses_an_edit_made_on_an_old_version(draft):
    services.update_draft_decision(
        draft, title="Nieuw", kind="nieuw", amount=Decimal("5"), text="", expected_version=1
    )
    with pytest.raises(ConcurrentEditError):
        services.update_draft_decision(
            draft, title="Oud", kind="nieuw", amount=Decimal("6"), text="", expected_version=1
        )
    assert Decision.objects.get(pk=draft.pk).title == "Nieuw"


def test_back_office_form_reports_a_stale_edit(client, draft):
    client.force_login(ensure_demo_user("kantoor", "een-lang-wachtwoord-42"))
    url = reverse("admin:decisions_decision_change", args=[draft.pk])
    form = {
        "meeting": draft.meeting_id,
        "project": draft.project_id,
        "position": draft.position,
        "kind": "nieuw",
        "title": "Eerste",
        "text": "",
        "amount": "1000,00",
        "conditions": "",
        "pillar": draft.pillar_id,
        "corrects": "",
        "budget_override_reason": "",
        "loaded_version": 1,
    }
    assert client.post(url, form).status_code == 302
    stale = client.post(url, form | {"title": "Tweede"})
    assert stale.status_code == 200
    assert "Iemand anders" in stale.content.decode()
    assert Decision.objects.get(pk=draft.pk).title == "Eerste"
