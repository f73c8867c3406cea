"""``regiodeal finance summary --programme SLUG [--json]``: the programme's money at a glance."""

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError, CommandParser

from regiodeal.core.money import format_euro
from regiodeal.finance.selectors import finance_summary, summary_json
from regiodeal.programmes.models import Programme


class Command(BaseCommand):
    help = "Financieel overzicht van een programma: toegezegd, verleend, betaald, vastgesteld."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, metavar="actie")
        summary = commands.add_parser(
            "summary",
            help="Totalen van het programma, per financier, pijler en gemeente.",
        )
        summary.add_argument(
            "--programme", required=True, metavar="SLUG", help="De slug van het programma."
        )
        summary.add_argument(
            "--json",
            dest="as_json",
            action="store_true",
            help="Schrijf JSON (bedragen als decimale tekst).",
        )

    def handle(self, *args, action: str, programme: str, as_json: bool, **options) -> None:
        found = Programme.objects.filter(slug=programme).first()
        if found is None:
            known = ", ".join(Programme.objects.values_list("slug", flat=True)) or "geen"
            raise CommandError(
                f"Programma '{programme}' bestaat niet. Bekende programma's: {known}."
            )
        summary = finance_summary(found)
        if as_json:
            self.stdout.write(_dumps(summary_json(summary)))
            return
        self.stdout.write(_as_text(summary_json(summary), found.name))


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


LABELS = {
    "total": "Totaal programma",
    "committed": "Toegezegd",
    "granted": "Verleend",
    "paid": "Betaald",
    "settled": "Vastgesteld",
    "released": "Vrijgevallen",
    "recovered": "Teruggevorderd",
    "available": "Beschikbaar",
}


def _as_text(data: dict, name: str) -> str:
    width = max(len(label) for label in LABELS.values())
    lines = [name, ""]
    lines += [
        f"{label:<{width}}  {format_euro(Decimal(data[key]))}" for key, label in LABELS.items()
    ]
    if data["rijk_share_exceeded"]:
        lines += ["", "Let op: het Rijk draagt meer dan de helft van het programma bij."]
    lines += ["", "Per pijler:"]
    for row in data["per_pillar"]:
        available = format_euro(Decimal(row["available"])) if row["available"] else "–"
        lines.append(
            f"  {row['name']}: toegezegd {format_euro(Decimal(row['committed']))}, "
            f"beschikbaar {available}"
        )
    lines += ["", "Per financier:"]
    for row in data["per_funder"]:
        lines.append(
            f"  {row['name']}: bijdrage {format_euro(Decimal(row['contribution']))}, "
            f"toegezegd {format_euro(Decimal(row['committed']))}, "
            f"betaald {format_euro(Decimal(row['paid']))}"
        )
    return "\n".join(lines)
