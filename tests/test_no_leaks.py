"""Nothing that is not published reaches the public site, its feeds or its documents.

Unpublished work is seeded with a unique marker in every text field the office fills in; a
crawler then follows every link of the public site, downloads every document, and looks for
the marker in all of it, as an anonymous visitor and as a logged-in applicant.
"""

import io
import re
from decimal import Decimal
from urllib.parse import urldefrag, urlparse

import docx
import pytest
from django.contrib.auth.models import User
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load as load_odf
from pypdf import PdfReader

from regiodeal.decisions import services
from regiodeal.ingest.services import import_document
from regiodeal.projects.models import Project

MARKER = "LEKTEST-9c1e"
EXCLUDED_PREFIXES = ("/beheer/", "/i18n/", "/static/")
MAX_PAGES = 400

pytestmark = pytest.mark.django_db


@pytest.fixture
def unpublished(demo):
    wonen = demo.pillars.get(slug="wonen")
    draft_project = Project.objects.create(
        programme=demo,
        title=f"Concept project {MARKER}",
        slug="concept-project",
        summary=f"Samenvatting {MARKER}",
        description=f"Beschrijving {MARKER}",
        pillar=wonen,
    )
    meeting = services.create_meeting(programme=demo, date=demo.end_date)
    meeting.notes = f"Interne notitie {MARKER}"
    meeting.save()
    concept = services.create_decision(
        meeting=meeting,
        project=draft_project,
        kind="nieuw",
        amount=Decimal("12345"),
        text=f"Concepttekst {MARKER}",
        title=f"Concepttitel {MARKER}",
        conditions=f"Voorwaarde {MARKER}",
    )
    concept.budget_override_reason = f"Reden {MARKER}"
    concept.save()
    # An adopted but unpublished decision on a project that is public already.
    published_project = Project.objects.get(slug="levensloop-bestendig-wonen")
    adopted = services.create_decision(
        meeting=meeting,
        project=published_project,
        kind="uitbreiding",
        amount=Decimal("54321"),
        text=f"Vastgesteld, niet gepubliceerd {MARKER}",
    )
    services.adopt_decision(adopted)
    import_document(
        programme=demo,
        data=f"Besluitenlijst maart 2030\n\nGeheim project {MARKER}\n\nHiervoor is 1.000 euro "
        f"beschikbaar gesteld.".encode(),
        filename=f"import-{MARKER}.txt",
    )
    return demo


def _text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    if "wordprocessingml" in kind:
        return "\n".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)
    if "opendocument" in kind:
        document = load_odf(io.BytesIO(content))
        return "\n".join(
            teletype.extractText(e)
            for tag in (odf_text.H, odf_text.P)
            for e in document.getElementsByType(tag)
        )
    return content.decode("utf-8", errors="replace")


def _crawl(client) -> dict[str, str]:
    seen: dict[str, str] = {}
    queue = ["/", "/projecten/", "/besluitenlijsten/"]
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        if url in seen:
            continue
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code)
        body = _text_of(response)
        seen[url] = body
        if "html" not in response.get("Content-Type", ""):
            continue
        for href in re.findall(r'href="([^"]+)"', body):
            link = urldefrag(href.replace("&amp;", "&"))[0]
            parsed = urlparse(link)
            if parsed.netloc or not link.startswith("/") or link.startswith(EXCLUDED_PREFIXES):
                continue
            if link not in seen:
                queue.append(link)
    return seen


@pytest.mark.parametrize("visitor", ["anonymous", "applicant"])
def test_no_marker_on_any_public_page_or_document(client, unpublished, visitor):
    if visitor == "applicant":
        client.force_login(User.objects.create_user("aanvrager", password="x" * 20))
    pages = _crawl(client)
    assert any(url.endswith(".pdf") for url in pages), "the crawl reached no documents"
    assert any(re.fullmatch(r"/projecten/[\w-]+/", url) for url in pages)
    leaks = [url for url, body in pages.items() if MARKER in body]
    assert not leaks
    for secret in ("12.345", "54.321"):
        assert not [url for url, body in pages.items() if secret in body], secret
