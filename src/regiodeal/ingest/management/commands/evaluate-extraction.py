from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regiodeal.ingest.errors import IngestError
from regiodeal.ingest.evaluate import FIELDS, evaluate_corpus


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Precision, recall and F1 per field of the extractor on a labelled corpus.")

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--verbose-failures", action="store_true", help=_("List what went wrong per file.")
        )

    def handle(self, *args, directory: Path, verbose_failures: bool = False, **options):
        if not directory.is_dir():
            raise CommandError(_("Not a directory: %(dir)s") % {"dir": directory})
        try:
            report = evaluate_corpus(directory)
        except IngestError as error:
            raise CommandError(" ".join(error.messages)) from error
        if not report.documents:
            raise CommandError(
                _("No documents with a .gold.json file in %(dir)s") % {"dir": directory}
            )
        count = report.documents
        self.stdout.write(
            ngettext("%(count)d document", "%(count)d documents", count) % {"count": count}
        )
        self.stdout.write(f"{'':14}{'precision':>10}{'recall':>10}{'F1':>10}")
        for name in FIELDS:
            score = report.scores[name]
            self.stdout.write(
                f"{name:14}{score.precision:10.3f}{score.recall:10.3f}{score.f1:10.3f}"
            )
        if verbose_failures:
            for failure in report.failures:
                self.stdout.write(failure)
