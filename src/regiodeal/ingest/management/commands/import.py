from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.progress import Progress

from regiodeal.ingest.errors import IngestError
from regiodeal.ingest.services import ensure_within_limit, import_document
from regiodeal.programmes.models import Programme


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _("Import decision lists as draft meetings with concept decisions to review.")

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--programme", required=True, help=_("Slug of the programme."))

    def handle(self, *args, files: list[Path], programme: str, **options):
        try:
            target = Programme.objects.get(slug=programme)
        except Programme.DoesNotExist as missing:
            raise CommandError(
                _("No programme with slug %(slug)s.") % {"slug": programme}
            ) from missing
        failures = 0
        with Progress(console=None, transient=True) as progress:
            task = progress.add_task(_("Importing"), total=len(files))
            for path in files:
                progress.update(task, description=path.name)
                try:
                    if not path.is_file():
                        raise CommandError(_("File not found: %(file)s") % {"file": path})
                    ensure_within_limit(path.stat().st_size, path.name)
                    result = import_document(
                        programme=target, data=path.read_bytes(), filename=path.name
                    )
                except (IngestError, CommandError) as error:
                    failures += 1
                    message = " ".join(getattr(error, "messages", [str(error)]))
                    self.stderr.write(f"{path}: {message}")
                else:
                    if result.created:
                        line = ngettext(
                            "%(file)s: %(count)d decision proposed in %(meeting)s.",
                            "%(file)s: %(count)d decisions proposed in %(meeting)s.",
                            result.decision_count,
                        )
                    else:
                        line = _("%(file)s: imported before, nothing new (%(meeting)s).")
                    self.stdout.write(
                        line
                        % {
                            "file": path.name,
                            "count": result.decision_count,
                            "meeting": result.source.meeting,
                        }
                    )
                progress.advance(task)
        if failures:
            raise CommandError(
                ngettext(
                    "%(failed)d of %(total)d file could not be imported.",
                    "%(failed)d of %(total)d files could not be imported.",
                    len(files),
                )
                % {"failed": failures, "total": len(files)}
            )
