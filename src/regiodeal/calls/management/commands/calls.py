"""``regiodeal calls close-repairs``: reject the applications whose repair period has ended.

Meant for a scheduler (cron, a systemd timer): it is safe to run as often as wanted, since an
application is closed once and a run without expired periods changes nothing.
"""

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from regiodeal.calls.applications import close_expired_repairs
from regiodeal.core.dates import long_date


class Command(BaseCommand):
    help = "Taken voor openstellingen, bijvoorbeeld vanuit een planner."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, metavar="actie")
        commands.add_parser(
            "close-repairs",
            help=(
                "Wijs aanvragen waarvan de hersteltermijn verstreken is af als onvolledig en "
                "bericht de aanvragers."
            ),
        )

    def handle(self, *args, action: str, **options) -> None:
        closed = close_expired_repairs()
        if not closed:
            self.stdout.write("Geen hersteltermijnen verstreken; niets gewijzigd.")
            return
        word = "aanvraag" if len(closed) == 1 else "aanvragen"
        self.stdout.write(
            f"{len(closed)} {word} afgewezen als onvolledig; de aanvragers zijn bericht:"
        )
        for application in closed:
            due = timezone.localtime(application.repair_due)
            self.stdout.write(
                f"  {application.reference} – {application.title} ({application.call.title}; "
                f"hersteltermijn verstreken op {long_date(due.date())} {due:%H:%M})"
            )
