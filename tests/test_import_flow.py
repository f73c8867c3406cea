"""Import → review → adopt → publish, end to end through the back office, for the seed list.

The seed is read as plain text, as a PDF and as a DOCX made from the same text, so the same five
decisions must come out of every format.
"""

import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from pypdf import PdfWriter
from weasyprint import HTML

from regiodeal.core.demo import ensure_demo_user
from regiodeal.decisions.models import Decision, DecisionList, Meeting
from regiodeal.ingest.errors import IngestError
from regiodeal.ingest.models import SourceDocument
from regiodeal.ingest.services import import_document
from regiodeal.projects.models import Project

SEED = Path(__file__).parent / "corpus" / "seed-besluitenlijst-december-2021.txt"
AMOUNTS = [Decimal(x) for x in ("480000", "50000", "375000", "70000", "167500")]

pytestmark = pytest.mark.django_db


def _paragraphs() -> list[str]:
    return [p.strip() for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def seed_as(fmt: str) -> tuple[bytes, str]:
    paragraphs = _paragraphs()
    if fmt == "txt":
        return SEED.read_bytes(), "besluitenlijst-december-2021.txt"
    if fmt == "docx":
        document = docx.Document()
        for paragraph in paragraphs:
            heading = len(paragraph) < 120 and not paragraph.endswith(".")
            level = 1 if paragraph is paragraphs[0] else 2
            document.add_heading(paragraph, level) if heading else document.add_paragraph(paragraph)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue(), "besluitenlijst-december-2021.docx"
    html = "".join(
        f"<h2>{p}</h2>" if len(p) < 120 and not p.endswith(".") else f"<p>{p}</p>"
        for p in paragraphs
    )
    return HTML(string=f"<html lang='nl'><body>{html}</body></html>").write_pdf(), (
        "besluitenlijst-december-2021.pdf"
    )


@pytest.fixture
def programme(demo):
    return demo


@pytest.fixture
def office(client, programme):
    user = ensure_demo_user("importeur", "een-lang-wachtwoord-42")
    client.force_login(user)
    return user


def _counts() -> tuple[int, ...]:
    return (
        SourceDocument.objects.count(),
        Meeting.objects.count(),
        Decision.objects.count(),
        Project.objects.count(),
    )


@pytest.mark.parametrize("fmt", ["txt", "pdf", "docx"])
def test_import_review_adopt_publish_in_the_back_office(client, office, programme, fmt):
    data, name = seed_as(fmt)
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post(
        reverse("admin:ingest_sourcedocument_upload"),
        {"programme": programme.pk, "file": upload},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    source = SourceDocument.objects.get(original_name=name)
    review_url = response["Location"]
    page = client.get(review_url).content.decode()
    assert 'class="evidence-amount"' in page and 'class="evidence-title"' in page

    decisions = list(source.meeting.decisions.order_by("position"))
    assert [d.amount for d in decisions] == AMOUNTS
    assert source.meeting.date.strftime("%Y-%m") == "2021-12"

    form = {"action": "Opslaan"}
    for decision in decisions:
        prefix = f"besluit-{decision.pk}"
        form.update(
            {
                f"{prefix}-title": decision.heading,
                f"{prefix}-kind": decision.kind,
                f"{prefix}-amount": f"{decision.amount:.2f}".replace(".", ","),
                f"{prefix}-project": decision.project_id,
                f"{prefix}-text": decision.text,
                f"{prefix}-adopt": "on",
                f"{prefix}-version": decision.version,
            }
        )
    response = client.post(review_url, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert all(d.state == "vastgesteld" for d in source.meeting.decisions.all())

    response = client.post(review_url, {"action": "publish"})
    besluitenlijst = DecisionList.objects.get(meeting=source.meeting)
    assert response["Location"] == besluitenlijst.get_absolute_url()
    public = client.get(besluitenlijst.get_absolute_url()).content.decode()
    for amount in ("480.000 euro", "50.000 euro", "375.000 euro", "70.000 euro", "167.500 euro"):
        assert amount in public


def test_review_links_an_import_to_an_existing_project(client, office, programme):
    data, name = seed_as("txt")
    source = import_document(programme=programme, data=data, filename=name).source
    decision = source.meeting.decisions.order_by("position").first()
    # The demo already has this project: the import found it by its title.
    assert decision.project.slug == "toekomstbestendige-bedrijventerreinen"
    assert decision.evidence.created_project is None


def test_reimporting_the_same_file_creates_nothing(programme):
    data, name = seed_as("txt")
    first = import_document(programme=programme, data=data, filename=name)
    before = _counts()
    again = import_document(programme=programme, data=data, filename="andere-naam.txt")
    assert first.created and not again.created
    assert again.source == first.source
    assert _counts() == before


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"", "leeg.txt"),
        (b"\x00\x01\x02\xff" * 500, "ruis.pdf"),
        (b"%PDF-1.7 kapot", "kapot.docx"),
        (b"MZ\x90\x00", "programma.exe"),
    ],
)
def test_bad_files_change_nothing(programme, data, name):
    before = _counts()
    with pytest.raises(IngestError) as refused:
        import_document(programme=programme, data=data, filename=name)
    assert name in " ".join(refused.value.messages)
    assert _counts() == before


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(seed_as("pdf")[0]))
    writer.encrypt("geheim")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _image_only_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _zip_bomb_docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/padding.bin", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1 << 20)
            for _ in range(300):
                entry.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("make", "name"),
    [
        (_encrypted_pdf, "beveiligd.pdf"),
        (_image_only_pdf, "scan.pdf"),
        (_zip_bomb_docx, "bom.docx"),
    ],
)
def test_encrypted_scanned_and_zip_bomb_files_change_nothing(programme, make, name):
    before = _counts()
    with pytest.raises(IngestError) as refused:
        import_document(programme=programme, data=make(), filename=name)
    assert name in " ".join(refused.value.messages)
    assert _counts() == before


def test_file_over_the_limit_is_refused_on_the_upload_page(client, office, programme, settings):
    settings.REGIODEAL_IMPORT_MAX_BYTES = 100
    before = _counts()
    upload = io.BytesIO(b"x" * 101)
    upload.name = "groot.txt"
    response = client.post(
        reverse("admin:ingest_sourcedocument_upload"), {"programme": programme.pk, "file": upload}
    )
    assert response.status_code == 200
    assert "limiet" in response.content.decode()
    assert _counts() == before


def test_extract_command_prints_the_contract(capsys):
    call_command("extract", str(SEED), "--json")
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"source", "title", "date", "decisions"}
    assert result["title"] == "Besluitenlijst december 2021"
    assert result["date"] == "2021-12"
    assert [d["amount"] for d in result["decisions"]] == [f"{a:.2f}" for a in AMOUNTS]
    assert [d["title"] for d in result["decisions"]] == [
        "Toekomstbestendige bedrijventerreinen",
        "Haalbaarheidsonderzoek internationaal MBO Coevorden",
        "360-graden arbeidsmarkt; excellente vakkrachten voor de (EU)Regio",
        "Levensloop bestendig wonen",
        "Monitoren en leren van jeugdprojecten",
    ]
    assert all(d["kind"] == "new" for d in result["decisions"])
    assert result["decisions"][-1]["pillar"] == "welzijn"
    for decision in result["decisions"][1:3]:  # the two projects in and around Coevorden
        assert {"name": "Coevorden", "code": "GM0109"} in decision["places"]
    first = result["decisions"][0]
    assert set(first) == {
        "title", "amount", "approximate", "kind", "pillar", "places", "organisations",
        "description", "confidence", "evidence",
    }  # fmt: skip
    assert first["evidence"]["amount"][1] > first["evidence"]["amount"][0]


def test_import_command_reports_bad_files_and_exits_non_zero(tmp_path, programme):
    bad = tmp_path / "leeg.txt"
    bad.write_bytes(b"")
    before = _counts()
    with pytest.raises(CommandError):
        call_command("import", str(bad), "--programme", programme.slug)
    assert _counts() == before


def test_import_command_imports_the_seed(programme, capsys):
    call_command("import", str(SEED), "--programme", programme.slug)
    assert re.search(r"5 ", capsys.readouterr().out)
    call_command("import", str(SEED), "--programme", programme.slug)
    assert SourceDocument.objects.count() == 1


def test_stored_file_name_comes_from_the_content_not_the_upload(programme):
    data, _name = seed_as("txt")
    source = import_document(
        programme=programme, data=data, filename="../../etc/passwd; rm -rf.txt"
    ).source
    assert source.original_name == "../../etc/passwd; rm -rf.txt"
    stored = Path(source.file.name)
    # The storage may add a suffix when the same content is stored twice (other programmes).
    assert stored.name.startswith(source.sha256)
    assert stored.suffix == ".txt"
    assert ".." not in stored.parts
