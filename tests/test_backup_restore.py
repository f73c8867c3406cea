"""A backup and a restore give back every row and every stored file, byte for byte."""

import hashlib
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from regiodeal.decisions.models import Meeting
from regiodeal.ingest.models import SourceDocument
from regiodeal.ingest.services import import_document
from regiodeal.programmes.models import Pillar

SEED = Path(__file__).parent / "corpus" / "seed-besluitenlijst-december-2021.txt"


def _rows() -> dict[str, list[dict]]:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def _files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return settings.MEDIA_ROOT


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(demo, media, tmp_path):
    import_document(programme=demo, data=SEED.read_bytes(), filename=SEED.name)
    before_rows, before_files = _rows(), _files(media)
    assert before_files  # the imported file is stored

    backup = tmp_path / "backup.zip"
    call_command("backup", str(backup))

    # Change things after the backup: a budget, a new meeting, a lost file.
    pillar = Pillar.objects.first()
    pillar.budget = 1
    pillar.save()
    Meeting.objects.create(programme=demo, date="2030-01-01", title="Later", slug="later")
    Path(media, SourceDocument.objects.get().file.name).unlink()

    call_command("restore", str(backup), "--yes")
    after_rows = _rows()
    differing = {
        label: [(b, a) for b, a in zip(rows, after_rows[label], strict=False) if a != b][:2]
        for label, rows in before_rows.items()
        if rows != after_rows[label]
    }
    assert not differing
    assert _files(media) == before_files


@pytest.mark.django_db
def test_restoring_something_else_changes_nothing(demo, tmp_path):
    not_a_backup = tmp_path / "foto.zip"
    not_a_backup.write_bytes(b"PK\x03\x04 kapot")
    before = _rows()
    with pytest.raises(CommandError):
        call_command("restore", str(not_a_backup), "--yes")
    assert _rows() == before
