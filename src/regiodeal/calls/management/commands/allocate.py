"""``regiodeal allocate --input FILE.json --json``: the allocation of a call, replayable."""

import json
import sys
from decimal import Decimal
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regiodeal.calls.allocation_io import AllocationInputError, run
from regiodeal.core.money import format_euro


class Command(BaseCommand):
    help = (
        "Rangschikt aanvragen per programmalijn en verdeelt het budget; dezelfde invoer en "
        "startwaarde geven altijd dezelfde uitkomst. Zie de README voor het invoerformaat."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--input", required=True, metavar="BESTAND", help="JSON-invoer; '-' leest stdin."
        )
        parser.add_argument("--json", dest="as_json", action="store_true", help="Schrijf JSON.")

    def handle(self, *args, input: str, as_json: bool, **options) -> None:
        try:
            text = sys.stdin.read() if input == "-" else Path(input).read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Kan {input} niet lezen: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{input} is geen UTF-8-tekst.") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CommandError(
                f"{input} is geen geldige JSON (regel {error.lineno}, kolom {error.colno})."
            ) from None
        try:
            output = run(data)
        except AllocationInputError as error:
            raise CommandError(f"Ongeldige invoer: {error}") from None
        if as_json:
            self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
            return
        for line in output["lines"]:
            budget, allocated, remaining = (
                format_euro(Decimal(line[key])) for key in ("budget", "allocated", "remaining")
            )
            self.stdout.write(
                f"{line['name']}: budget {budget}, verdeeld {allocated}, over {remaining}"
            )
        for result in output["applications"]:
            self.stdout.write(f"  {result['id']} [{result['outcome']}] {result['reason']}")
