from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from regiodeal.core.permissions_doc import render


class Command(BaseCommand):
    # A property: argparse cannot format a lazy string (see the demo command).
    @property
    def help(self) -> str:
        return _(
            "Print docs/permissions.md, who may do what, from the permission matrix: "
            "regiodeal permissions-doc > docs/permissions.md"
        )

    def handle(self, *args, **options):
        self.stdout.write(render(), ending="")
