"""``regiodeal besluitenlijst <vergadering> --format pdf -o besluitenlijst.pdf``."""

from pathlib import Path

from babel.numbers import format_decimal
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regiodeal.decisions.models import DecisionList, Meeting
from regiodeal.decisions.selectors import besluitenlijst_for
from regiodeal.publishing.besluitenlijst import build_document
from regiodeal.publishing.renderers import FORMATS, render_besluitenlijst

STDOUT = "-"


class Command(BaseCommand):
    help = (
        "Schrijft de gepubliceerde besluitenlijst van een stuurgroepvergadering als PDF, DOCX, "
        "ODT of Markdown. Zonder -o (of met -o -) gaat Markdown naar de standaarduitvoer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("meeting", metavar="vergadering", help="De slug van de vergadering.")
        parser.add_argument(
            "-f",
            "--format",
            dest="fmt",
            choices=FORMATS,
            help="Het bestandsformaat; standaard volgt het de extensie van -o, anders md.",
        )
        parser.add_argument(
            "-o",
            "--output",
            default=STDOUT,
            metavar="BESTAND",
            help="Het bestand om te schrijven; '-' voor de standaarduitvoer (alleen md).",
        )

    def handle(self, *args, meeting: str, fmt: str | None, output: str, **options) -> None:
        fmt = fmt or _format_from_name(output)
        if output == STDOUT and fmt != "md":
            raise CommandError(
                f"Een {fmt}-bestand is binair en kan niet naar de standaarduitvoer; "
                "geef met -o een bestandsnaam op."
            )
        try:
            besluitenlijst = besluitenlijst_for(meeting)
        except DecisionList.DoesNotExist:
            raise CommandError(_not_found_message(meeting)) from None

        rendered = render_besluitenlijst(build_document(besluitenlijst), fmt)
        if output == STDOUT:
            self.stdout.write(rendered.content.decode("utf-8"), ending="")
            return
        path = Path(output)
        try:
            path.write_bytes(rendered.content)
        except OSError as error:
            raise CommandError(f"Kan {path} niet schrijven: {error.strerror}.") from error
        size = _kilobytes(len(rendered.content))
        self.stdout.write(
            self.style.SUCCESS(f"{besluitenlijst.title} geschreven naar {path} ({size})")
        )


def _format_from_name(output: str) -> str:
    suffix = Path(output).suffix.lstrip(".").lower()
    return suffix if suffix in FORMATS else "md"


def _not_found_message(slug: str) -> str:
    message = f"Geen gepubliceerde besluitenlijst met de naam “{slug}”"
    # The same answer for both cases would leave the office guessing whether it mistyped.
    if Meeting.objects.filter(slug=slug).exists():
        return f"{message}: de besluitenlijst van deze vergadering is nog niet gepubliceerd."
    return f"{message}: er is geen vergadering met die naam."


def _kilobytes(size: int) -> str:
    return f"{format_decimal(size / 1000, format='#,##0.0', locale='nl_NL')} kB"
