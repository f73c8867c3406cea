"""Attachments: the content must be what the name says, within the size; only the applicant
uploads, downloads and removes, and only while the application may change."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from docx import Document
from odf.opendocument import OpenDocumentSpreadsheet, OpenDocumentText
from openpyxl import Workbook

from regiodeal.calls import applications as flow
from regiodeal.calls import attachments
from regiodeal.calls.attachments import check_upload, stored_name
from regiodeal.calls.models import Application, Attachment
from regiodeal.calls.tests.factories import UserFactory
from regiodeal.calls.tests.test_public_views import draft, form_data, nl, open_call, said
from regiodeal.core.errors import DomainError

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    (document.save if hasattr(document, "save") else document.write)(buffer)
    return buffer.getvalue()


def docx() -> bytes:
    document = Document()
    document.add_paragraph("Begroting per jaar")
    return _saved(document)


def xlsx() -> bytes:
    return _saved(Workbook())


def odt() -> bytes:
    return _saved(OpenDocumentText())


def ods() -> bytes:
    return _saved(OpenDocumentSpreadsheet())


def zip_of(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name.replace("__", "/").replace("CT", "[Content_Types].xml"), content)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# --- The checks, without a database --------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", PDF),
        ("PLAN.PDF", PDF),
        ("foto.png", PNG),
        ("foto.jpg", JPEG),
        ("foto.jpeg", JPEG),
        ("begroting.docx", docx()),
        ("begroting.xlsx", xlsx()),
        ("begroting.odt", odt()),
        ("begroting.ods", ods()),
    ],
)
def test_real_files_of_every_allowed_kind_pass(name, content):
    assert check_upload(upload(name, content)) == name.rsplit(".", 1)[1].lower()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", b"MZ\x90\x00 an executable renamed"),
        ("plan.pdf", b"Gewoon tekst."),
        ("foto.png", JPEG),
        ("foto.jpg", PNG),
        ("begroting.docx", xlsx()),  # a workbook called a document
        ("begroting.xlsx", docx()),
        ("begroting.odt", ods()),
        ("begroting.ods", odt()),
        ("begroting.docx", odt()),
        ("begroting.odt", docx()),
        ("begroting.docx", zip_of(CT=b"<Types/>")),  # a ZIP, but no Word document in it
        ("begroting.odt", zip_of(mimetype=b"application/zip")),
        ("begroting.xlsx", b"PK\x03\x04 broken beyond repair"),
        (
            "macro.xlsx",  # a macro workbook renamed .xlsx
            zip_of(
                CT=b'<Types><Override PartName="/xl/workbook.xml" ContentType="application/'
                b'vnd.ms-excel.sheet.macroEnabled.main+xml"/></Types>'
            ),
        ),
    ],
)
def test_content_that_does_not_match_the_name_is_refused(name, content):
    with pytest.raises(DomainError) as refused:
        check_upload(upload(name, content))
    kind = attachments.KIND_NAMES[name.rsplit(".", 1)[1]]
    assert refused.value.message_dict["file"] == [
        nl(
            "%(name)s is not a %(kind)s file, whatever its name says. Save it again as %(kind)s, "
            "or attach it in another of the allowed formats.",
            name=name,
            kind=kind,
        )
    ]


@pytest.mark.parametrize(
    "name", ["setup.exe", "plan.doc", "script.js", "zonder-extensie", "x.pdf.exe"]
)
def test_other_kinds_of_files_are_refused_by_name(name):
    with pytest.raises(DomainError) as refused:
        check_upload(upload(name, PDF))
    assert refused.value.message_dict["file"] == [
        nl(
            "%(name)s cannot be attached: only files of these kinds can: %(kinds)s.",
            name=name,
            kinds="pdf, docx, odt, xlsx, ods, png, jpg, jpeg",
        )
    ]


def test_size_limits(monkeypatch):
    monkeypatch.setattr(attachments, "ATTACHMENT_MAX_BYTES", 1000)
    with pytest.raises(DomainError, match="1000"):
        check_upload(upload("groot.pdf", PDF + b"0" * 1000))
    assert check_upload(upload("precies.pdf", PDF + b"0" * (1000 - len(PDF)))) == "pdf"
    with pytest.raises(DomainError):
        check_upload(upload("leeg.pdf", b""))


def test_a_zip_member_too_large_to_be_a_mimetype_is_not_inflated():
    bomb = zip_of(mimetype=b"application/vnd.oasis.opendocument.text" + b" " * 300_000)
    with pytest.raises(DomainError):
        check_upload(upload("bom.odt", bomb))


def test_stored_names_are_safe_and_short():
    assert stored_name("../../etc/Begroting 2025 (def).PDF") == "Begroting_2025_def.pdf"
    assert stored_name("a" * 200 + ".docx") == "a" * 60 + ".docx"


# --- Through the pages ---------------------------------------------------------------------
@pytest.mark.django_db
def test_the_applicant_attaches_downloads_and_removes_a_file(client):
    application = draft(open_call())
    client.force_login(application.applicant)
    url = reverse("calls:attachment_add", args=[application.reference])
    assert client.get(url).status_code == 405
    response = client.post(
        url, {"file": upload("Begroting.docx", docx()), "description": "Begroting per jaar"}
    )
    assert response["Location"] == f"{application.get_absolute_url()}#bijlagen"
    attachment = application.attachments.get()
    assert attachment.description == "Begroting per jaar"
    assert attachment.file.name == f"aanvragen/{application.reference}/Begroting.docx"

    download = client.get(reverse("calls:attachment", args=[application.reference, attachment.pk]))
    assert download["Content-Type"] == attachments.CONTENT_TYPES["docx"]
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == attachment.file.open("rb").read()

    remove = reverse("calls:attachment_remove", args=[application.reference, attachment.pk])
    assert client.get(remove).status_code == 405
    client.post(remove)
    assert not application.attachments.exists()
    assert not Attachment._default_manager.filter(pk=attachment.pk).exists()


@pytest.mark.django_db
def test_a_bad_attachment_is_refused_with_a_message_and_nothing_is_stored(client):
    application = draft(open_call())
    client.force_login(application.applicant)
    response = client.post(
        reverse("calls:attachment_add", args=[application.reference]),
        {"file": upload("begroting.pdf", b"MZ\x90\x00 not a pdf")},
    )
    assert response.status_code == 200
    assert said(
        response,
        "%(name)s is not a %(kind)s file, whatever its name says. Save it again as %(kind)s, or "
        "attach it in another of the allowed formats.",
        name="begroting.pdf",
        kind="PDF",
    )
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_nobody_else_sees_or_changes_the_attachments(client):
    application = draft(open_call())
    client.force_login(application.applicant)
    client.post(
        reverse("calls:attachment_add", args=[application.reference]),
        {"file": upload("plan.pdf", PDF)},
    )
    attachment = application.attachments.get()
    download = reverse("calls:attachment", args=[application.reference, attachment.pk])
    remove = reverse("calls:attachment_remove", args=[application.reference, attachment.pk])
    add = reverse("calls:attachment_add", args=[application.reference])
    client.force_login(UserFactory())
    assert client.get(download).status_code == 404
    assert client.post(remove).status_code == 404
    assert client.post(add, {"file": upload("x.pdf", PDF)}).status_code == 404
    assert application.attachments.count() == 1
    client.logout()
    assert client.get(download)["Location"].startswith(reverse("calls:login"))


@pytest.mark.django_db
def test_attachments_are_locked_with_the_application(client):
    call = open_call()
    application = draft(call)
    client.force_login(application.applicant)
    add = reverse("calls:attachment_add", args=[application.reference])
    client.post(add, {"file": upload("plan.pdf", PDF)})
    attachment = application.attachments.get()
    client.post(application.get_absolute_url(), form_data(application, action="submit"))
    assert Application.objects.get(pk=application.pk).state == "ingediend"

    response = client.post(add, {"file": upload("nog-een.pdf", PDF)})
    assert said(
        response, "This application can no longer be changed (%(state)s).", state=nl("submitted")
    )
    remove = reverse("calls:attachment_remove", args=[application.reference, attachment.pk])
    client.post(remove)
    assert list(application.attachments.all()) == [attachment]
    # Still the applicant's to read.
    download = reverse("calls:attachment", args=[application.reference, attachment.pk])
    assert client.get(download).status_code == 200


@pytest.mark.django_db
def test_no_attachments_after_the_deadline():
    call = open_call()
    application = draft(call)
    late = call.application_deadline + datetime.timedelta(minutes=1)
    with pytest.raises(DomainError, match=flow._moment(call.application_deadline)):
        attachments.add_attachment(
            application, user=application.applicant, upload=upload("plan.pdf", PDF), now=late
        )
    assert not Attachment.objects.exists()
    assert timezone.now() < call.application_deadline  # the page itself is still open


@pytest.mark.django_db
def test_the_number_of_attachments_is_limited(monkeypatch):
    monkeypatch.setattr(attachments, "MAX_ATTACHMENTS", 2)
    application = draft(open_call())
    for number in range(2):
        attachments.add_attachment(
            application, user=application.applicant, upload=upload(f"{number}.pdf", PDF)
        )
    with pytest.raises(DomainError):
        attachments.add_attachment(
            application, user=application.applicant, upload=upload("derde.pdf", PDF)
        )
    assert application.attachments.count() == 2
