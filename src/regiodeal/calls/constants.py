from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationState(models.TextChoices):
    AANGEMELD = "aangemeld", _("idea registered")
    VOORGETOETST = "voorgetoetst", _("pre-checked: application can be written")
    INGEDIEND = "ingediend", _("submitted")
    HERSTEL = "herstel", _("incomplete: repair period")
    VOLLEDIG = "volledig", _("complete: in review")
    ONVOLLEDIG = "onvolledig", _("rejected as incomplete")
    NIET_ONTVANKELIJK = "niet_ontvankelijk", _("not eligible")
    INGETROKKEN = "ingetrokken", _("withdrawn")


class Aggregation(models.TextChoices):
    MEAN = "mean", _("mean of the reviewers")
    MEDIAN = "median", _("median of the reviewers")


class PartialRule(models.TextChoices):
    PARTIAL = "partial", _("offer the remainder of the budget")
    SKIP = "skip", _("skip to the next application that fits")
    STOP = "stop", _("stop allocating the line")


# States in which the applicant may still change the application.
EDITABLE_STATES = (ApplicationState.VOORGETOETST, ApplicationState.HERSTEL)
# States of an application that the allocation takes into account.
ALLOCATED_STATES = (
    ApplicationState.VOLLEDIG,
    ApplicationState.ONVOLLEDIG,
    ApplicationState.NIET_ONTVANKELIJK,
)
ATTACHMENT_EXTENSIONS = ("pdf", "docx", "odt", "xlsx", "ods", "png", "jpg", "jpeg")
ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
