from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from regiodeal.core.demo import ensure_demo_user, load_demo


class Command(BaseCommand):
    # A property rather than a class attribute: argparse cannot format a lazy string, and a plain
    # gettext call at import time would freeze the language.
    @property
    def help(self) -> str:
        return _("Loads the demo programme Regio Deal Zuid- en Oost-Drenthe and a demo account.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Only load if there is no programme in the database yet."),
        )

    def handle(self, *args, if_empty: bool = False, **options):
        from regiodeal.programmes.models import Programme

        user = ensure_demo_user(settings.REGIODEAL_DEMO_USER, settings.REGIODEAL_DEMO_PASSWORD)
        if if_empty and Programme.objects.exists():
            self.stdout.write(
                _("There are already programmes in the database; demo not loaded again.")
            )
            return
        result = load_demo(user=user)
        if result.created:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Demo programme loaded: %(name)s.") % {"name": result.programme.name}
                )
            )
        else:
            self.stdout.write(
                _("Demo programme was already there: %(name)s.") % {"name": result.programme.name}
            )
