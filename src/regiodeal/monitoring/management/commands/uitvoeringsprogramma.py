"""``regiodeal uitvoeringsprogramma --programme SLUG --year 2022 --format pdf -o FILE``."""

from pathlib import Path

from babel.numbers import format_decimal
from django.core.management.base import BaseCommand, CommandError, CommandParser

from regiodeal.core.errors import DomainError
from regiodeal.monitoring.uitvoeringsprogramma import FORMATS, build_document
from regiodeal.monitoring.uitvoeringsprogramma_renderers import render
from regiodeal.programmes.models import Programme

STDOUT = "-"


class Command(BaseCommand):
    help = (
        "Schrijft het uitvoeringsprogramma van een programma over een jaar als PDF, DOCX, ODT "
        "of Markdown. Zonder -o (of met -o -) gaat Markdown naar de standaarduitvoer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--programme", "--programma", required=True, metavar="SLUG", help="Het programma."
        )
        parser.add_argument("--year", "--jaar", required=True, metavar="JAAR", help="Het jaar.")
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

    def handle(
        self, *args, programme: str, year: str, fmt: str | None, output: str, **options
    ) -> None:
        fmt = fmt or _format_from_name(output)
        if output == STDOUT and fmt != "md":
            raise CommandError(
                f"Een {fmt}-bestand is binair en kan niet naar de standaarduitvoer; "
                "geef met -o een bestandsnaam op."
            )
        found = Programme.objects.filter(slug=programme).first()
        if found is None:
            known = ", ".join(Programme.objects.order_by("slug").values_list("slug", flat=True))
            raise CommandError(
                f"Er is geen programma met de naam \u201c{programme}\u201d."
                + (f" Bekende programma's: {known}." if known else "")
            )
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            raise CommandError(
                f"\u201c{year}\u201d is geen jaartal; geef het jaar op in vier cijfers, "
                "bijvoorbeeld 2022."
            )
        try:
            document = build_document(found, int(year))
        except DomainError as error:
            raise CommandError(" ".join(error.messages)) from None

        rendered = render(document, fmt)
        if output == STDOUT:
            self.stdout.write(rendered.content.decode("utf-8"), ending="")
            return
        path = Path(output)
        try:
            path.write_bytes(rendered.content)
        except OSError as error:
            raise CommandError(f"Kan {path} niet schrijven: {error.strerror}.") from error
        size = format_decimal(len(rendered.content) / 1000, format="#,##0.0", locale="nl_NL")
        self.stdout.write(
            self.style.SUCCESS(f"{document.title} geschreven naar {path} ({size} kB)")
        )


def _format_from_name(output: str) -> str:
    suffix = Path(output).suffix.lstrip(".").lower()
    return suffix if suffix in FORMATS else "md"
