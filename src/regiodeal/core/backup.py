"""Backup and restore of the whole instance: every row and every stored file, in one zip.

Rows go through Django's own serialiser (dumpdata/loaddata) with their primary keys, so a
restore gives back the same rows, history included; files are copied byte for byte. A restore
replaces everything and runs in one transaction: if any row cannot be loaded, nothing changes.
"""

import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiodeal.portal.caching import invalidate_public_cache

from .errors import DomainError

# XML, not JSON: Django's JSON encoder cuts timestamps to milliseconds, the XML serialiser
# keeps them whole, so a restored history is the same to the microsecond.
DATA_NAME = "data.xml"
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media/"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class BackupSummary:
    objects: int
    files: int


def create_backup(path: Path) -> BackupSummary:
    data = io.StringIO()
    call_command("dumpdata", format="xml", stdout=data, verbosity=0)
    rows = data.getvalue()
    media_root = Path(settings.MEDIA_ROOT)
    files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(DATA_NAME, rows)
        for file in files:
            archive.write(file, MEDIA_PREFIX + file.relative_to(media_root).as_posix())
        manifest = {
            "format": FORMAT_VERSION,
            "created": timezone.now().isoformat(),
            "objects": rows.count("<object "),
            "files": len(files),
        }
        archive.writestr(MANIFEST_NAME, json.dumps(manifest))
    return BackupSummary(objects=manifest["objects"], files=len(files))


def restore_backup(path: Path) -> BackupSummary:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise DomainError(_("%(file)s is not a regiodeal backup.") % {"file": path}) from error
    with archive:
        names = set(archive.namelist())
        if DATA_NAME not in names or MANIFEST_NAME not in names:
            raise DomainError(_("%(file)s is not a regiodeal backup.") % {"file": path})
        try:
            manifest = json.loads(archive.read(MANIFEST_NAME))
        except ValueError as error:
            raise DomainError(_("%(file)s is not a regiodeal backup.") % {"file": path}) from error
        media_names = [n for n in names if n.startswith(MEDIA_PREFIX) and not n.endswith("/")]
        if any(".." in Path(n).parts or n.startswith("/") for n in media_names):
            raise DomainError(_("%(file)s holds unsafe file names.") % {"file": path})
        with tempfile.TemporaryDirectory() as work:
            fixture = Path(work) / DATA_NAME
            fixture.write_bytes(archive.read(DATA_NAME))
            staged = Path(work) / "media"
            staged.mkdir()
            for name in media_names:
                target = staged / name.removeprefix(MEDIA_PREFIX)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(name))
            with transaction.atomic(), _history_paused():
                # Without post_migrate, flush leaves content types and permissions empty too,
                # so the backup's own rows (with their primary keys) can take their place.
                call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
                call_command("loaddata", str(fixture), verbosity=0)
            _replace_media(staged)
    # A raw fixture load sends no change the public cache listens to.
    invalidate_public_cache()
    return BackupSummary(objects=manifest.get("objects", 0), files=len(media_names))


@contextmanager
def _history_paused() -> Iterator[None]:
    """The backup holds the audit trail itself: loading it must not write history of its own.

    django-simple-history records many-to-many changes even for raw fixture loads; its
    SIMPLE_HISTORY_ENABLED switch is read on every signal, so it is turned off for the load.
    """
    previous = getattr(settings, "SIMPLE_HISTORY_ENABLED", True)
    settings.SIMPLE_HISTORY_ENABLED = False
    try:
        yield
    finally:
        settings.SIMPLE_HISTORY_ENABLED = previous


def _replace_media(staged: Path) -> None:
    """Copy next to the media folder first and swap by renaming, so a failed copy (a full disk)
    leaves the old files in place."""
    media_root = Path(settings.MEDIA_ROOT)
    incoming = media_root.with_name(media_root.name + ".restoring")
    outgoing = media_root.with_name(media_root.name + ".replaced")
    shutil.rmtree(incoming, ignore_errors=True)
    shutil.copytree(staged, incoming)
    if media_root.exists():
        media_root.rename(outgoing)
    incoming.rename(media_root)
    shutil.rmtree(outgoing, ignore_errors=True)
