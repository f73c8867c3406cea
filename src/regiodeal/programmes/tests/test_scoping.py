"""Office accounts per programme: a member of programme A works on A only in the back office;
an account without memberships (the national office) works on all programmes."""

from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from regiodeal.calls.tests.factories import make_call
from regiodeal.core.roles import Role, group_of
from regiodeal.decisions.tests.factories import make_decision, make_meeting
from regiodeal.finance.tests.factories import make_grant, make_published_decision
from regiodeal.organisations.tests.factories import OrganisationFactory
from regiodeal.programmes.models import ProgrammeMembership
from regiodeal.programmes.scoping import (
    ProgrammeScopedAdminMixin,
    programme_ids_of,
    programmes_of,
)
from regiodeal.programmes.tests.factories import (
    FunderContributionFactory,
    PillarFactory,
    ProgrammeFactory,
)
from regiodeal.projects.models import Project
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def office_account(username: str, *programmes):
    user = get_user_model().objects.create_user(username, password="x", is_staff=True)
    user.groups.add(group_of(Role.MEDEWERKER))
    for programme in programmes:
        ProgrammeMembership.objects.create(user=user, programme=programme)
    return user


def records(letter: str) -> dict:
    programme = ProgrammeFactory(name=f"Programma {letter}", slug=f"programma-{letter}")
    FunderContributionFactory(programme=programme, amount=Decimal("1000000"))
    pillar = PillarFactory(programme=programme, name=f"Pijler {letter}", slug=f"pijler-{letter}")
    project = ProjectFactory(
        programme=programme,
        pillar=pillar,
        title=f"Project {letter}",
        slug=f"project-{letter}",
        lead_organisation=OrganisationFactory(),
    )
    meeting = make_meeting(programme)
    decision = make_decision(meeting, project, title=f"Besluit {letter}")
    return {
        "programme": programme,
        "pillar": pillar,
        "project": project,
        "meeting": meeting,
        "decision": decision,
    }


@pytest.fixture
def a():
    return records("a")


@pytest.fixture
def b():
    return records("b")


@pytest.fixture
def member_of_a(client, a, b):
    user = office_account("bureau-a", a["programme"])
    client.force_login(user)
    return user


ADMIN_NAMES = {
    "programme": "programmes_programme",
    "pillar": "programmes_pillar",
    "project": "projects_project",
    "meeting": "decisions_meeting",
    "decision": "decisions_decision",
}


def change_url(kind: str, obj) -> str:
    return reverse(f"admin:{ADMIN_NAMES[kind]}_change", args=[obj.pk])


def test_memberships_name_the_programmes_and_none_means_all(a, b):
    member = office_account("lid", a["programme"])
    national = office_account("landelijk")
    assert list(programmes_of(member)) == [a["programme"]]
    assert programme_ids_of(member) == frozenset({a["programme"].pk})
    assert programmes_of(national) is None


@pytest.mark.parametrize("kind", ["programme", "pillar", "project", "meeting", "decision"])
def test_other_programmes_records_are_not_found(client, member_of_a, a, b, kind):
    assert client.get(change_url(kind, a[kind])).status_code == 200
    assert client.get(change_url(kind, b[kind])).status_code == 404
    history = reverse(f"admin:{ADMIN_NAMES[kind]}_history", args=[b[kind].pk])
    assert client.get(history).status_code == 404


@pytest.mark.parametrize("kind", ["programme", "pillar", "project", "meeting", "decision"])
def test_other_programmes_records_are_absent_from_the_lists(client, member_of_a, a, b, kind):
    response = client.get(reverse(f"admin:{ADMIN_NAMES[kind]}_changelist"))
    shown = list(response.context["cl"].result_list)
    assert a[kind] in shown
    assert b[kind] not in shown


def test_list_filters_offer_the_users_programmes_only(client, member_of_a, a, b):
    second = PillarFactory(programme=a["programme"], name="Pijler a2", slug="pijler-a2")
    make_decision(a["meeting"], ProjectFactory(programme=a["programme"], pillar=second))
    response = client.get(reverse("admin:decisions_decision_changelist"))
    offered = {
        spec.field_path: {label for _pk, label in spec.lookup_choices}
        for spec in response.context["cl"].filter_specs
        if hasattr(spec, "lookup_choices") and hasattr(spec, "field_path")
    }
    assert offered["pillar"] == {"Pijler a", "Pijler a2"}
    # One programme left: Django leaves out a filter with a single choice.
    assert "meeting__programme" not in offered
    body = response.content.decode()
    assert "Pijler b" not in body and "Programma b" not in body


def test_choices_are_those_of_the_users_programmes(client, member_of_a, a, b):
    form = client.get(reverse("admin:projects_project_add")).context["adminform"].form
    assert list(form.fields["programme"].queryset) == [a["programme"]]
    assert list(form.fields["pillar"].queryset) == [a["pillar"]]

    form = client.get(reverse("admin:decisions_decision_add")).context["adminform"].form
    assert list(form.fields["project"].queryset) == [a["project"]]
    assert list(form.fields["meeting"].queryset) == [a["meeting"]]
    assert list(form.fields["pillar"].queryset) == [a["pillar"]]


def test_autocomplete_offers_the_users_programmes_only(client, member_of_a, a, b):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "decisions",
            "model_name": "decision",
            "field_name": "project",
            "term": "Project",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Project a"]


def test_a_project_cannot_be_saved_into_another_programme(client, member_of_a, a, b):
    data = {
        "programme": b["programme"].pk,
        "pillar": b["pillar"].pk,
        "title": "Ingeslopen",
        "slug": "ingeslopen",
        "status": "idee",
    }
    response = client.post(reverse("admin:projects_project_add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors.keys() >= {"programme", "pillar"}
    assert not Project.objects.filter(slug="ingeslopen").exists()
    # Nor moved there: the change page of B's project is not found, A's refuses B as a choice.
    assert client.post(change_url("project", b["project"]), data).status_code == 404
    data["slug"] = a["project"].slug
    response = client.post(change_url("project", a["project"]), data)
    assert response.status_code == 200 and "programme" in response.context["adminform"].form.errors
    a["project"].refresh_from_db()
    assert a["project"].programme == a["programme"]


def test_a_new_programme_is_the_national_offices(client, member_of_a):
    assert client.get(reverse("admin:programmes_programme_add")).status_code == 403


def test_the_national_office_sees_every_programme(client, a, b):
    client.force_login(office_account("landelijk"))
    for kind in ADMIN_NAMES:
        assert client.get(change_url(kind, b[kind])).status_code == 200
        shown = list(
            client.get(reverse(f"admin:{ADMIN_NAMES[kind]}_changelist")).context["cl"].result_list
        )
        assert a[kind] in shown and b[kind] in shown
    form = client.get(reverse("admin:projects_project_add")).context["adminform"].form
    assert set(form.fields["pillar"].queryset) >= {a["pillar"], b["pillar"]}


def test_action_pages_refuse_other_programmes_records(client, member_of_a, a, b):
    call = make_call(programme=b["programme"])
    allocation = reverse("admin:calls_call_allocation", args=[call.pk])
    assert client.get(allocation).status_code == 404

    grant = make_grant(make_published_decision(b["project"]), issue=False)
    issue = reverse("admin:finance_grantdecision_issue", args=[grant.pk])
    assert client.get(issue).status_code == 404
    letter = reverse("admin:finance_grantdecision_letter", args=[grant.pk, "odt"])
    assert client.get(letter).status_code == 404

    own = make_published_decision(a["project"], amount=Decimal("5000"))
    form = client.get(reverse("admin:finance_grantdecision_add")).context["form"]
    assert list(form.fields["decision"].queryset) == [own]


def test_memberships_are_kept_on_the_account_page(client, a):
    administrator = get_user_model().objects.create_superuser("beheer", password="x")
    client.force_login(administrator)
    member = office_account("nieuw")
    response = client.get(reverse("admin:auth_user_change", args=[member.pk]))
    assert response.status_code == 200
    assert "programme_memberships-TOTAL_FORMS" in response.content.decode()


def test_every_scoped_list_and_add_page_opens_for_a_member(client, member_of_a):
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, ProgrammeScopedAdminMixin):
            continue
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        assert client.get(changelist).status_code == 200, changelist
        add = client.get(reverse(f"admin:{meta.app_label}_{meta.model_name}_add"))
        assert add.status_code in (200, 403), meta.label
