from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regiodeal.core.backup import restore_backup
from regiodeal.core.errors import DomainError


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Replace all data and stored files with those of a backup file.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help=_("Do not ask for confirmation."))

    def handle(self, *args, file: Path, yes: bool = False, **options):
        if not file.is_file():
            raise CommandError(_("File not found: %(file)s") % {"file": file})
        if not yes:
            answer = input(_("This replaces ALL data with the backup. Type 'ja' to continue: "))
            if answer.strip().lower() != "ja":
                raise CommandError(_("Restore cancelled; nothing changed."))
        try:
            summary = restore_backup(file)
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _("Restored from %(file)s: %(objects)d rows, %(files)d files.")
            % {"file": file, "objects": summary.objects, "files": summary.files}
        )
