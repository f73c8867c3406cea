from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from regiodeal.core.backup import create_backup


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Write every row and stored file to one backup file (zip).")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        summary = create_backup(file)
        self.stdout.write(
            _("Backup written to %(file)s: %(objects)d rows, %(files)d files.")
            % {"file": file, "objects": summary.objects, "files": summary.files}
        )
