from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "regiodeal.portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from . import invalidation

        invalidation.connect()
