"""The acceptance lines of the foundation issue, checked against the demo programme."""

import io
import re
from decimal import Decimal

import docx
import pytest
from django.urls import reverse
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odf
from pypdf import PdfReader

from regiodeal.core.errors import ImmutableRecordError
from regiodeal.decisions import services
from regiodeal.decisions.models import Decision

SEED_TITLES = [
    "Toekomstbestendige bedrijventerreinen",
    "Haalbaarheidsonderzoek internationaal MBO Coevorden",
    "360-graden arbeidsmarkt; excellente vakkrachten voor de (EU)Regio",
    "Levensloop bestendig wonen",
    "Monitoren en leren van jeugdprojecten",
]
SEED_AMOUNTS = ["480.000 euro", "50.000 euro", "375.000 euro", "70.000 euro", "167.500 euro"]
NBSP = "\u00a0"

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    html = response.content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(NBSP, " ")


def test_archive_links_to_december_2021(demo, client):
    response = client.get("/besluitenlijsten/")
    assert response.status_code == 200
    assert 'href="/besluitenlijsten/december-2021/"' in response.content.decode()
    assert "Besluitenlijst december 2021" in _text(response)


def test_besluitenlijst_page_reads_like_the_seed(demo, client):
    text = _text(client.get("/besluitenlijsten/december-2021/"))
    assert "Besluitenlijst december 2021" in text
    assert demo.decision_list_introduction[:60] in text
    for title, amount in zip(SEED_TITLES, SEED_AMOUNTS, strict=True):
        assert title in text
        assert f"Hiervoor is een bijdrage van {amount} beschikbaar gesteld." in text
    # In the order of the list.
    positions = [text.index(title) for title in SEED_TITLES]
    assert positions == sorted(positions)


def _download(client, fmt: str) -> bytes:
    url = reverse("portal:besluitenlijst_download", args=["december-2021", fmt])
    response = client.get(url)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    return b"".join(response.streaming_content) if response.streaming else response.content


def _assert_titles_and_amounts(text: str) -> None:
    text = re.sub(r"\s+", " ", text)
    for title, amount in zip(SEED_TITLES, SEED_AMOUNTS, strict=True):
        assert title in text, title
        assert amount in text, amount


def test_pdf_download(demo, client):
    reader = PdfReader(io.BytesIO(_download(client, "pdf")))
    _assert_titles_and_amounts(" ".join(page.extract_text() for page in reader.pages))
    assert reader.metadata.title == "Besluitenlijst december 2021"


def test_docx_download(demo, client):
    document = docx.Document(io.BytesIO(_download(client, "docx")))
    _assert_titles_and_amounts("\n".join(p.text for p in document.paragraphs))
    assert document.core_properties.title == "Besluitenlijst december 2021"


def test_odt_download(demo, client):
    document = load_odf(io.BytesIO(_download(client, "odt")))
    parts = [
        teletype.extractText(element)
        for kind in (odf_text.H, odf_text.P)
        for element in document.getElementsByType(kind)
    ]
    _assert_titles_and_amounts("\n".join(parts))


def test_markdown_download(demo, client):
    _assert_titles_and_amounts(_download(client, "md").decode("utf-8"))


def test_home_shows_total_committed_and_available_per_pillar(demo, client):
    text = _text(client.get("/"))
    assert "€ 40.000.001" in text
    assert "€ 1.142.500" in text
    # Available: 40.000.001 − 1.142.500 committed + 8.000 released by the demo's settlement.
    assert "€ 38.865.501" in text
    # Werken: 480.000 + 50.000 + 375.000 committed of an illustrative 16 million, and the
    # 8.000 the settled feasibility study left unspent back in it.
    assert re.search(r"Werken .*€ 16\.000\.000 € 905\.000 € 15\.103\.000", text)
    assert re.search(r"Wonen .*€ 10\.000\.000 € 70\.000 € 9\.930\.000", text)
    assert re.search(r"Welzijn .*€ 14\.000\.001 € 167\.500 € 13\.832\.501", text)


def test_changing_a_published_demo_decision_fails_with_a_dutch_message(demo):
    decision = Decision.objects.get(project__slug="levensloop-bestendig-wonen")
    decision.amount = Decimal("700000")
    with pytest.raises(ImmutableRecordError) as refused:
        decision.save()
    assert "Een gepubliceerd besluit kan niet worden gewijzigd" in refused.value.messages[0]
    assert Decision.objects.get(pk=decision.pk).amount == Decimal("70000")


def test_adopting_above_budget_without_reason_fails_and_changes_nothing(demo):
    from regiodeal.projects.models import Project

    wonen = demo.pillars.get(slug="wonen")
    project = Project.objects.create(
        programme=demo, title="Te groot project", slug="te-groot", pillar=wonen
    )
    meeting = services.create_meeting(programme=demo, date=demo.end_date)
    decision = services.create_decision(
        meeting=meeting, project=project, kind="nieuw", amount=Decimal("9930000.01")
    )
    with pytest.raises(services.BudgetExceededError) as refused:
        services.adopt_decision(decision)
    assert "Dit besluit brengt pijler Wonen boven het budget" in refused.value.messages[0]
    decision.refresh_from_db()
    assert decision.state == "concept"
