from django.db import models
from django.utils.translation import gettext_lazy as _


class ProjectStatus(models.TextChoices):
    IDEE = "idee", _("idea")
    VOORGEDRAGEN = "voorgedragen", _("nominated")
    BESLOTEN = "besloten", _("decided")
    LOPEND = "lopend", _("running")
    AFGEROND = "afgerond", _("completed")
    AFGEWEZEN = "afgewezen", _("rejected")
    INGETROKKEN = "ingetrokken", _("withdrawn")
