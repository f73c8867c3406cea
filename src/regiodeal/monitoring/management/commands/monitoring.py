"""``regiodeal monitoring send-reminders [--today YYYY-MM-DD]``: open the progress reports that
fall due and remind project leads of reports due soon or overdue.

Meant for a scheduler (cron, a systemd timer), once a day: it is safe to run as often as wanted,
since a report is opened once and each reminder is sent once. ``--today`` runs it as on another
day, to catch up after an outage or to try it out.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from regiodeal.core.dates import long_date
from regiodeal.monitoring import services
from regiodeal.monitoring.models import Reminder

KINDS = {Reminder.BEFORE: "herinnering vóór de inleverdatum", Reminder.OVERDUE: "te laat"}


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"'{value}' is geen datum; schrijf hem als JJJJ-MM-DD, bijvoorbeeld 2022-06-20."
        ) from None


class Command(BaseCommand):
    help = "Taken voor de monitoring van projecten, bijvoorbeeld vanuit een planner."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, metavar="actie")
        reminders = commands.add_parser(
            "send-reminders",
            help=(
                "Open de voortgangsrapportages die binnenkort moeten worden ingeleverd en "
                "herinner projectleiders aan rapportages die binnenkort of te laat zijn."
            ),
        )
        reminders.add_argument(
            "--today",
            metavar="JJJJ-MM-DD",
            help="Werk als op deze dag (standaard: vandaag).",
        )

    def handle(self, *args, action: str, today: str | None = None, **options) -> None:
        day = _date(today) if today else timezone.localdate()
        # Opened first, apart, so the output can say which are new; send_reminders opens the
        # same ones again and finds nothing left to open.
        opened = services.open_due_reports(today=day)
        sent = services.send_reminders(today=day)
        self.stdout.write(f"Monitoring op {long_date(day)}:")
        if opened:
            word = "rapportage" if len(opened) == 1 else "rapportages"
            self.stdout.write(f"{len(opened)} {word} geopend:")
            for report in opened:
                self.stdout.write(
                    f"  {report.project.title} – periode {long_date(report.period_start)} t/m "
                    f"{long_date(report.period_end)}, in te leveren op {long_date(report.due_date)}"
                )
        else:
            self.stdout.write("Geen nieuwe rapportages te openen.")
        if not sent:
            self.stdout.write("Geen herinneringen te versturen.")
            return
        word = "herinnering" if len(sent) == 1 else "herinneringen"
        self.stdout.write(f"{len(sent)} {word} verstuurd:")
        for reminder in sent:
            report = reminder.report
            addresses = services.lead_addresses(report.project)
            to = ", ".join(addresses) if addresses else "geen e-mailadres bekend"
            self.stdout.write(
                f"  {report.project.title} – rapportage tot en met "
                f"{long_date(report.period_end)}, in te leveren op {long_date(report.due_date)}: "
                f"{KINDS[reminder.kind]} (aan {to})"
            )
