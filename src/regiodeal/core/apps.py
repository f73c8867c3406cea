from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "regiodeal.core"
    verbose_name = _("General")

    def ready(self) -> None:
        from .roles import create_role_groups

        # Sent once per migrate (and flush) for this app, after every migration has run.
        post_migrate.connect(create_role_groups, sender=self)
