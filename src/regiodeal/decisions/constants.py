from django.db import models
from django.utils.translation import gettext_lazy as _


class DecisionKind(models.TextChoices):
    NIEUW = "nieuw", _("new project")
    UITBREIDING = "uitbreiding", _("extension/continuation")
    BUDGETWIJZIGING = "budgetwijziging", _("budget change")
    AFWIJZING = "afwijzing", _("rejection")
    UITSTEL = "uitstel", _("deferral")


class DecisionState(models.TextChoices):
    CONCEPT = "concept", _("draft")
    VASTGESTELD = "vastgesteld", _("adopted")
    GEPUBLICEERD = "gepubliceerd", _("published")


# Kinds that carry no money: their amount must stay empty.
KINDS_WITHOUT_AMOUNT = (DecisionKind.AFWIJZING, DecisionKind.UITSTEL)
# States whose amounts count as committed for the budget check of the office.
COMMITTING_STATES = (DecisionState.VASTGESTELD, DecisionState.GEPUBLICEERD)
