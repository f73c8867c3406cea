from django.db import models
from django.utils.translation import gettext_lazy as _

TOOI_GEMEENTE = "https://identifier.overheid.nl/tooi/id/gemeente/{code}"
TOOI_PROVINCIE = "https://identifier.overheid.nl/tooi/id/provincie/{code}"


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("municipality")
    PROVINCIE = "provincie", _("province")
    RIJKSOVERHEID = "rijksoverheid", _("national government")
    BUITENLANDSE_OVERHEID = "buitenlandse_overheid", _("foreign government")
    ONDERWIJSINSTELLING = "onderwijsinstelling", _("educational institution")
    KENNISINSTELLING = "kennisinstelling", _("knowledge institution")
    BEDRIJF = "bedrijf", _("company")
    ONDERNEMERSVERENIGING = "ondernemersvereniging", _("business association")
    WATERSCHAP = "waterschap", _("water board")
    MAATSCHAPPELIJKE_ORGANISATIE = "maatschappelijke_organisatie", _("civil society organisation")
    ANDERS = "anders", _("other")
