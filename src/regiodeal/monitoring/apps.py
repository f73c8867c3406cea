from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "regiodeal.monitoring"
    verbose_name = _("Monitoring and learning")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .models import ensure_broad_prosperity_themes

        post_migrate.connect(
            ensure_broad_prosperity_themes, sender=self, dispatch_uid="monitoring-bp-themes"
        )
