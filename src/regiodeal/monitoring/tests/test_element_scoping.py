"""Intervention elements are shared by every programme; an office account links its own
programmes' projects only, and never undoes another programme's links."""

import pytest
from django.urls import reverse

from regiodeal.monitoring.models import InterventionElement
from regiodeal.programmes.tests.test_scoping import office_account, records

pytestmark = pytest.mark.django_db


@pytest.fixture
def element():
    """An element with one project of programme a and one of programme b."""
    a, b = records("a"), records("b")
    element = InterventionElement.objects.create(name="Pilot", slug="pilot")
    element.projects.set([a["project"], b["project"]])
    return element, a, b


def change(element: InterventionElement) -> str:
    return reverse("admin:monitoring_interventionelement_change", args=[element.pk])


def form_data(element: InterventionElement, projects: list) -> dict:
    return {"name": element.name, "slug": element.slug, "description": "", "projects": projects}


def test_an_office_chooses_among_its_own_projects(client, element):
    element, a, b = element
    client.force_login(office_account("bureau-a", a["programme"]))
    offered = client.get(change(element)).context["adminform"].form.fields["projects"]
    assert list(offered.queryset) == [a["project"]]

    response = client.post(change(element), form_data(element, [a["project"].pk, b["project"].pk]))
    assert response.status_code == 200
    assert "projects" in response.context["adminform"].form.errors


def test_saving_keeps_the_links_of_other_programmes(client, element):
    element, a, b = element
    client.force_login(office_account("bureau-a", a["programme"]))
    # Programme a's own project taken off: b's stays.
    response = client.post(change(element), form_data(element, []))
    assert response.status_code == 302
    assert list(element.projects.all()) == [b["project"]]


def test_the_national_office_links_any_project(client, element):
    element, _a, b = element
    client.force_login(office_account("landelijk"))
    response = client.post(change(element), form_data(element, [b["project"].pk]))
    assert response.status_code == 302
    assert list(element.projects.all()) == [b["project"]]
    listed = client.get(reverse("admin:monitoring_interventionelement_changelist"))
    assert [row.project_total for row in listed.context["cl"].result_list] == [1]


def test_an_office_cannot_delete_an_element_other_programmes_use(client, element):
    element, a, b = element
    client.force_login(office_account("bureau-a", a["programme"]))
    delete = reverse("admin:monitoring_interventionelement_delete", args=[element.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:monitoring_interventionelement_changelist")
    bulk = {"action": "delete_selected", "_selected_action": [element.pk], "post": "yes"}
    client.post(changelist, bulk)
    assert InterventionElement.objects.filter(pk=element.pk).exists()
    # Once only its own programme uses it, the office may delete it.
    element.projects.remove(b["project"])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not InterventionElement.objects.filter(pk=element.pk).exists()
