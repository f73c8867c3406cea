from django.db import models
from django.utils.translation import gettext_lazy as _

# DiWoo information category of a beschikking (TOOI thesaurus "kern").
DIWOO_BESCHIKKING = "https://identifier.overheid.nl/tooi/def/thes/kern/c_46a81018"


class EntryKind(models.TextChoices):
    COMMITMENT = "verplichting", _("commitment")
    CHANGE = "wijziging", _("change")
    ADVANCE = "voorschot", _("advance paid")
    FINAL_PAYMENT = "eindbetaling", _("final payment")
    SETTLEMENT = "vaststelling", _("settlement")
    RELEASE = "vrijval", _("release")
    RECOVERY = "terugvordering", _("recovery")


class GrantState(models.TextChoices):
    CONCEPT = "concept", _("draft")
    VERLEEND = "verleend", _("issued")


class SettlementState(models.TextChoices):
    CONCEPT = "concept", _("draft")
    VASTGESTELD = "vastgesteld", _("issued")


# Kinds whose sum is the committed amount (a change may be negative).
COMMITTED_KINDS = (EntryKind.COMMITMENT, EntryKind.CHANGE)
# Kinds whose sum is what the programme paid out.
PAID_KINDS = (EntryKind.ADVANCE, EntryKind.FINAL_PAYMENT)
