from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _


class Command(BaseCommand):
    # A property, as in `demo`: argparse cannot format a lazy string.
    @property
    def help(self) -> str:
        return _(
            "Fills the database with synthetic programmes, projects, decisions, ledger entries "
            "and progress reports for benchmarks of a national instance. The records are "
            "written in bulk: they have no history (django-simple-history) records."
        )

    def add_arguments(self, parser):
        parser.add_argument("--programmes", type=int, default=10, help=_("Number of programmes."))
        parser.add_argument("--projects", type=int, default=1000, help=_("Number of projects."))
        parser.add_argument(
            "--decisions",
            type=int,
            default=3000,
            help=_("Number of decisions; with fewer decisions than projects, the rest are ideas."),
        )
        parser.add_argument(
            "--seed", type=int, default=1, help=_("Seed: the same seed gives the same data.")
        )
        parser.add_argument(
            "--no-progress", action="store_true", help=_("Do not show a progress bar.")
        )

    def handle(self, *args, **options):
        from regiodeal.synthetic.load import STAGES, GenerationRefused, generate

        arguments = {key: options[key] for key in ("programmes", "projects", "decisions", "seed")}
        if options["no_progress"]:
            summary = self._run(generate, arguments, None, GenerationRefused)
        else:
            from rich.progress import Progress

            totals = {
                "programmes": arguments["programmes"],
                "projects": arguments["projects"],
                "decisions": arguments["decisions"],
            }
            labels = {
                "programmes": _("Programmes"),
                "projects": _("Projects"),
                "decisions": _("Decisions"),
                "ledger": _("Ledger entries"),
                "monitoring": _("Progress reports"),
                "search": _("Search index"),
            }
            with Progress(transient=False) as progress:
                tasks = {
                    stage: progress.add_task(labels[stage], total=totals.get(stage))
                    for stage in STAGES
                }

                def report(stage: str, count: int) -> None:
                    progress.advance(tasks[stage], count)

                summary = self._run(generate, arguments, report, GenerationRefused)
                for stage in STAGES:
                    done = progress.tasks[tasks[stage]].completed
                    progress.update(tasks[stage], total=done, completed=done)
        counts = summary.counts
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Generated %(programmes)s programmes, %(projects)s projects, %(decisions)s "
                    "decisions, %(entries)s ledger entries (%(allocations)s attributions), "
                    "%(reports)s progress reports and %(lists)s besluitenlijsten "
                    "in %(seconds).1f seconds."
                )
                % {
                    "programmes": counts["programme"],
                    "projects": counts["project"],
                    "decisions": counts["decision"],
                    "entries": counts["ledger_entry"],
                    "allocations": counts["ledger_allocation"],
                    "reports": counts["report"],
                    "lists": counts["decision_list"],
                    "seconds": summary.seconds,
                }
            )
        )

    @staticmethod
    def _run(generate, arguments, report, refused):
        try:
            return generate(**arguments, report=report)
        except refused as error:
            raise CommandError(str(error)) from error
