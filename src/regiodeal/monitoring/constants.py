from django.db import models
from django.utils.translation import gettext_lazy as _

# DiWoo information category "jaarplan of jaarverslag" (TOOI thesaurus "kern").
DIWOO_JAARPLAN = "https://identifier.overheid.nl/tooi/def/thes/kern/c_c6cd1213"

# The eight themes of broad prosperity (brede welvaart) of the CBS Monitor Brede Welvaart.
BROAD_PROSPERITY_THEMES = [
    ("welzijn", "Welzijn"),
    ("materiele-welvaart", "Materiële welvaart"),
    ("gezondheid", "Gezondheid"),
    ("arbeid-en-vrije-tijd", "Arbeid en vrije tijd"),
    ("wonen", "Wonen"),
    ("samenleving", "Samenleving"),
    ("veiligheid", "Veiligheid"),
    ("milieu", "Milieu"),
]


class ResultKind(models.TextChoices):
    OUTPUT = "output", _("output")
    OUTCOME = "outcome", _("outcome")
    IMPACT = "impact", _("impact")


class Measure(models.TextChoices):
    NUMBER = "number", _("number")
    PERCENTAGE = "percentage", _("percentage")
    QUALITATIVE = "qualitative", _("qualitative")


class ReportState(models.TextChoices):
    OPEN = "open", _("to be written")
    INGEDIEND = "ingediend", _("submitted")
    GEACCEPTEERD = "geaccepteerd", _("accepted")
    TERUGGESTUURD = "teruggestuurd", _("returned with a comment")


class ImplementationStatus(models.TextChoices):
    OP_SCHEMA = "op_schema", _("on schedule")
    RISICO = "risico", _("at risk")
    VERTRAAGD = "vertraagd", _("delayed")
    AFGEROND = "afgerond", _("completed")


EDITABLE_REPORT_STATES = (ReportState.OPEN, ReportState.TERUGGESTUURD)
