"""The sitemap of published documents with DiWoo metadata."""

import datetime
import xml.etree.ElementTree as ET  # nosec B405: parses our own output in tests

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from regiodeal.core.demo import load_demo
from regiodeal.decisions.models import DecisionList
from regiodeal.finance.models import GrantDecision
from regiodeal.portal.sitemaps import DIWOO_NS, SITEMAP_NS

S = f"{{{SITEMAP_NS}}}"
D = f"{{{DIWOO_NS}}}"
KERN = "https://identifier.overheid.nl/tooi/def/thes/kern/"


@pytest.mark.django_db
def test_without_published_documents_the_sitemap_is_empty_and_valid(client):
    # Before the demo is loaded (the module's demo fixture comes with the next test).
    root = ET.fromstring(client.get("/sitemap.xml").content)  # nosec B314
    assert root.tag == f"{S}urlset"
    assert root.findall(f"{S}url") == []


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo(with_calls=False).programme
        transaction.set_rollback(True)


def _entries(client) -> dict[str, ET.Element]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert b'xmlns:diwoo="https://standaarden.overheid.nl/diwoo/metadata/"' in response.content
    root = ET.fromstring(response.content)  # nosec B314
    assert root.tag == f"{S}urlset"
    urls = root.findall(f"{S}url")
    entries = {url.find(f"{S}loc").text.removeprefix("http://testserver"): url for url in urls}
    assert len(entries) == len(urls)  # one entry per document
    return entries


def _category(entry: ET.Element) -> str:
    path = f"{D}Document/{D}DiWoo/{D}classificatiecollectie/{D}informatiecategorieen/"
    return entry.find(f"{path}{D}informatiecategorie").get("resource")


@pytest.mark.django_db
def test_every_published_document_is_listed_once_with_its_diwoo_metadata(
    demo, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(10):
        entries = _entries(client)
    lists = DecisionList.objects.all()
    grants = GrantDecision.objects.filter(issued_at__isnull=False)
    assert grants.exists()
    years = range(demo.start_date.year, min(demo.end_date.year, timezone.localdate().year) + 1)
    expected = {
        *(reverse("portal:besluitenlijst", args=[bl.meeting.slug]) for bl in lists),
        *(reverse("portal:besluitenlijst_download", args=[bl.meeting.slug, "pdf"]) for bl in lists),
        *(reverse("finance:grant-letter", args=[g.reference, "pdf"]) for g in grants),
        *(reverse("monitoring:uitvoeringsprogramma", args=[demo.slug, y]) for y in years),
    }
    assert set(entries) == expected
    assert "/besluitenlijsten/december-2021/" in entries

    december = entries["/besluitenlijsten/december-2021/besluitenlijst.pdf"]
    diwoo = december.find(f"{D}Document/{D}DiWoo")
    assert diwoo.find(f"{D}titelcollectie/{D}officieleTitel").text == "Besluitenlijst december 2021"
    assert _category(december) == KERN + "c_3a248e3a"
    publisher = diwoo.find(f"{D}publisher")
    assert publisher.get("resource") == "https://identifier.overheid.nl/tooi/id/provincie/pv22"
    assert publisher.text == "Provincie Drenthe"
    assert diwoo.find(f"{D}verantwoordelijke").get("resource") == publisher.get("resource")
    assert diwoo.find(f"{D}format").text == "pdf"
    assert diwoo.find(f"{D}language").get("resource").endswith("/NLD")
    datetime.date.fromisoformat(diwoo.find(f"{D}creatiedatum").text)
    datetime.date.fromisoformat(december.find(f"{S}lastmod").text)

    grant = grants.first()
    letter = entries[reverse("finance:grant-letter", args=[grant.reference, "pdf"])]
    assert _category(letter) == KERN + "c_46a81018"
    programme_year = entries[reverse("monitoring:uitvoeringsprogramma", args=[demo.slug, 2022])]
    assert _category(programme_year) == KERN + "c_c6cd1213"


@pytest.mark.django_db
def test_the_publisher_is_configurable(demo, client, settings):
    settings.REGIODEAL_PUBLISHER_TOOI = "https://identifier.overheid.nl/tooi/id/gemeente/gm0114"
    entry = next(iter(_entries(client).values()))
    publisher = entry.find(f"{D}Document/{D}DiWoo/{D}publisher")
    assert publisher.get("resource") == settings.REGIODEAL_PUBLISHER_TOOI
    assert publisher.text == "Gemeente Emmen"
