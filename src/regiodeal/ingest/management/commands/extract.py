import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from regiodeal.ingest.contract import to_contract
from regiodeal.ingest.errors import IngestError
from regiodeal.ingest.extract import extract
from regiodeal.ingest.readers import read_file


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Propose the decisions in a decision list file, without storing anything.")

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--json", action="store_true", help=_("Print the result as one JSON object.")
        )
        parser.add_argument(
            "--pillar",
            action="append",
            default=[],
            help=_("A pillar of the target programme (repeat for several)."),
        )

    def handle(self, *args, file: Path, json: bool = False, pillar: list[str], **options):
        if not file.is_file():
            raise CommandError(_("File not found: %(file)s") % {"file": file})
        try:
            extraction = extract(read_file(file), pillars=pillar or None)
        except IngestError as error:
            raise CommandError(" ".join(error.messages)) from error
        result = to_contract(extraction)
        if json:
            self.stdout.write(_dumps(result))
            return
        self.stdout.write(f"{result['title'] or '–'} ({result['date'] or '?'})")
        for decision in result["decisions"]:
            amount = decision["amount"] or "–"
            self.stdout.write(
                f"- {decision['title']} | {amount} | {decision['kind']} | "
                f"{decision['confidence']:.2f}"
            )


def _dumps(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, indent=2)
