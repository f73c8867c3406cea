from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from regiodeal.core.errors import DomainError
from regiodeal.organisations.services import load_places


class Command(BaseCommand):
    # A property rather than a class attribute: argparse cannot format a lazy string, and a plain
    # gettext call at import time would freeze the language.
    @property
    def help(self) -> str:
        return _(
            "Loads the CBS list of municipalities and provinces (by default the shipped 2025 list)."
        )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipalities",
            type=Path,
            metavar="FILE",
            help=_("CSV with %(columns)s") % {"columns": "code,name,province_code"},
        )
        parser.add_argument(
            "--provinces",
            type=Path,
            metavar="FILE",
            help=_("CSV with %(columns)s") % {"columns": "code,name"},
        )

    def handle(self, *args, municipalities: Path | None, provinces: Path | None, **options) -> None:
        try:
            result = load_places(municipalities_path=municipalities, provinces_path=provinces)
        except DomainError as error:
            # CommandError prints the message without a traceback and exits with status 1.
            raise CommandError(" ".join(error.messages)) from error
        except OSError as error:
            raise CommandError(_("Cannot read the file: %(error)s") % {"error": error}) from error
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "%(municipalities)s municipalities and %(provinces)s provinces loaded "
                    "(%(created)s new, %(updated)s updated)."
                )
                % {
                    "municipalities": result.municipalities,
                    "provinces": result.provinces,
                    "created": result.created,
                    "updated": result.updated,
                }
            )
        )
