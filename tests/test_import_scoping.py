"""An office account works on its own programmes' imports only: another programme's import is
not listed, not reviewed and not published, and no file goes into another programme."""

from pathlib import Path

import pytest
from django.urls import reverse

from regiodeal.decisions.models import DecisionList
from regiodeal.ingest.models import SourceDocument
from regiodeal.ingest.services import import_document
from regiodeal.programmes.tests.test_scoping import office_account, records

SEED = Path(__file__).parent / "corpus" / "seed-besluitenlijst-december-2021.txt"

pytestmark = pytest.mark.django_db


@pytest.fixture
def imports():
    """One import of the seed list into each of two programmes."""
    found = {}
    for letter in "ab":
        programme = records(letter)["programme"]
        found[letter] = import_document(
            programme=programme, data=SEED.read_bytes(), filename=f"lijst-{letter}.txt", user=None
        ).source
    return found


@pytest.fixture
def member_of_a(client, imports):
    user = office_account("bureau-a", imports["a"].programme)
    client.force_login(user)
    return user


def review(source: SourceDocument) -> str:
    return reverse("admin:ingest_sourcedocument_review", args=[source.pk])


def test_the_list_shows_the_own_programmes_imports_only(client, member_of_a, imports):
    response = client.get(reverse("admin:ingest_sourcedocument_changelist"))
    assert list(response.context["cl"].result_list) == [imports["a"]]
    detail = reverse("admin:ingest_sourcedocument_change", args=[imports["b"].pk])
    assert client.get(detail).status_code == 404


def test_another_programmes_import_cannot_be_reviewed_or_published(client, member_of_a, imports):
    assert client.get(review(imports["a"])).status_code == 200
    assert client.get(review(imports["b"])).status_code == 404
    response = client.post(review(imports["b"]), {"action": "publish"})
    assert response.status_code == 404
    assert not DecisionList.objects.exists()


def test_a_file_goes_into_the_own_programmes_only(client, member_of_a, imports):
    upload = reverse("admin:ingest_sourcedocument_upload")
    offered = client.get(upload).context["form"].fields["programme"].queryset
    assert list(offered) == [imports["a"].programme]

    before = SourceDocument.objects.count()
    with SEED.open("rb") as file:
        response = client.post(upload, {"programme": imports["b"].programme.pk, "file": file})
    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert SourceDocument.objects.count() == before


def test_the_national_office_sees_every_import(client, imports):
    client.force_login(office_account("landelijk"))
    response = client.get(reverse("admin:ingest_sourcedocument_changelist"))
    assert set(response.context["cl"].result_list) == {imports["a"], imports["b"]}
    assert client.get(review(imports["b"])).status_code == 200
