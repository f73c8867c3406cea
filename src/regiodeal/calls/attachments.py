"""Attachments of an application: checked by size, name and content before anything is stored.

A name says nothing about a file: a renamed executable or a macro workbook saved as ``.xlsx``
must be refused. Each allowed kind is recognised by its own signature: the PDF header, the PNG
and JPEG magic numbers, and for the office formats the ZIP container with the mimetype of the
format (ODF's ``mimetype`` member, the main part's content type in OOXML's
``[Content_Types].xml``).
"""

import datetime
import zipfile
import zlib
from pathlib import PurePath

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from regiodeal.core.errors import DomainError

from .applications import check_editable
from .constants import ATTACHMENT_EXTENSIONS, ATTACHMENT_MAX_BYTES
from .models import Application, Attachment

MAX_ATTACHMENTS = 20
# Bytes of a ZIP member read to find a mimetype: the real ones are far smaller, and a
# compressed bomb must not be inflated to find out.
MEMBER_LIMIT = 256 * 1024

MAGIC = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
}
ODF_MIMETYPES = {
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
OOXML_MAIN_PARTS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "odt": ODF_MIMETYPES["odt"],
    "ods": ODF_MIMETYPES["ods"],
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
KIND_NAMES = {
    "pdf": "PDF",
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "odt": "OpenDocument-tekst (odt)",
    "ods": "OpenDocument-spreadsheet (ods)",
    "docx": "Word (docx)",
    "xlsx": "Excel (xlsx)",
}


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().removeprefix(".")


def _member(archive: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MEMBER_LIMIT:
        return None
    with archive.open(info) as member:
        return member.read(MEMBER_LIMIT + 1)


def content_matches(extension: str, upload: UploadedFile) -> bool:
    """Whether the bytes are a file of the kind the extension names."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if extension in MAGIC:
        return head.startswith(MAGIC[extension])
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(upload) as archive:
            if extension in ODF_MIMETYPES:
                mimetype = _member(archive, "mimetype")
                return mimetype is not None and mimetype.strip() == ODF_MIMETYPES[extension].encode(
                    "ascii"
                )
            types = _member(archive, "[Content_Types].xml")
            return types is not None and OOXML_MAIN_PARTS[extension].encode("ascii") in types
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError):
        return False  # damaged, encrypted or with an unknown compression: not a usable document
    finally:
        upload.seek(0)


def check_upload(upload: UploadedFile) -> str:
    """The file's extension if it may be attached; otherwise a DomainError that says why."""
    name = upload.name or ""
    extension = extension_of(name)
    if extension not in ATTACHMENT_EXTENSIONS:
        raise DomainError(
            {
                "file": _("%(name)s cannot be attached: only files of these kinds can: %(kinds)s.")
                % {"name": name, "kinds": ", ".join(ATTACHMENT_EXTENSIONS)}
            }
        )
    if not upload.size:
        raise DomainError({"file": _("%(name)s is empty.") % {"name": name}})
    if upload.size > ATTACHMENT_MAX_BYTES:
        raise DomainError(
            {
                "file": _("%(name)s is %(size)s; an attachment may be at most %(max)s.")
                % {
                    "name": name,
                    "size": filesizeformat(upload.size),
                    "max": filesizeformat(ATTACHMENT_MAX_BYTES),
                }
            }
        )
    if not content_matches(extension, upload):
        raise DomainError(
            {
                "file": _(
                    "%(name)s is not a %(kind)s file, whatever its name says. Save it again as "
                    "%(kind)s, or attach it in another of the allowed formats."
                )
                % {"name": name, "kind": KIND_NAMES[extension]}
            }
        )
    return extension


def stored_name(name: str) -> str:
    """A safe, short file name that keeps the original's recognisable part and its extension."""
    path = PurePath(get_valid_filename(PurePath(name).name))
    stem = path.stem[:60] or "bijlage"
    return f"{stem}.{extension_of(path.name)}"


@transaction.atomic
def add_attachment(
    application: Application,
    *,
    user: AbstractBaseUser,
    upload: UploadedFile,
    description: str = "",
    now: datetime.datetime | None = None,
) -> Attachment:
    application = (
        Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    )
    if application.applicant_id != user.pk:
        raise DomainError(_("Only the applicant can change this application."))
    check_editable(application, now)
    if application.attachments.count() >= MAX_ATTACHMENTS:
        raise DomainError(
            {
                "file": _(
                    "An application has at most %(count)s attachments; remove one first, or "
                    "combine files into one PDF."
                )
                % {"count": MAX_ATTACHMENTS}
            }
        )
    check_upload(upload)
    upload.name = stored_name(upload.name)
    attachment = Attachment(application=application, description=description.strip())
    attachment._history_user = user
    attachment.file.save(upload.name, upload, save=False)
    name = attachment.file.name
    try:
        attachment.save()
    except Exception:
        attachment.file.storage.delete(name)
        raise
    return attachment


@transaction.atomic
def remove_attachment(
    attachment: Attachment, *, user: AbstractBaseUser, now: datetime.datetime | None = None
) -> None:
    application = (
        Application.objects.select_for_update()
        .select_related("call")
        .get(pk=attachment.application_id)
    )
    if application.applicant_id != user.pk:
        raise DomainError(_("Only the applicant can change this application."))
    check_editable(application, now)
    storage, name = attachment.file.storage, attachment.file.name
    attachment._history_user = user
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))


def content_type_of(attachment: Attachment) -> str:
    return CONTENT_TYPES.get(extension_of(attachment.file.name), "application/octet-stream")
