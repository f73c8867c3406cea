from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "regiodeal.decisions"
    verbose_name = _("Steering group and decisions")
