from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regiodeal.core.aggregates import MoneySum
from regiodeal.core.models import VersionedModel
from regiodeal.organisations.models import Organisation

MONEY = {"max_digits": 14, "decimal_places": 2}

HEX_COLOUR = RegexValidator(
    r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$",
    _("Enter a colour as # followed by three or six hexadecimal digits, e.g. #00557a."),
)


class Programme(VersionedModel):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    start_date = models.DateField(_("start of period"))
    end_date = models.DateField(_("end of period"))
    description = models.TextField(_("description"), blank=True)
    decision_list_introduction = models.TextField(
        _("standing introduction of the besluitenlijsten"),
        blank=True,
        help_text=_("Printed at the top of every besluitenlijst of this programme."),
    )
    # The programme's own look on its public pages; empty fields keep the site's look.
    logo = models.CharField(
        _("logo"),
        max_length=300,
        blank=True,
        help_text=_("A static file path or a site-relative URL of the programme's logo."),
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, blank=True, validators=[HEX_COLOUR]
    )
    link_colour = models.CharField(
        _("link colour"), max_length=7, blank=True, validators=[HEX_COLOUR]
    )
    region = models.CharField(
        _("region"),
        max_length=200,
        blank=True,
        help_text=_("The region the programme covers, as shown on the national overview."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="programme_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The period cannot end before it starts.")})

    @property
    def total_budget(self) -> Decimal:
        """The programme's budget is what its funders contribute; never stored separately."""
        total = self.contributions.aggregate(total=MoneySum("amount"))["total"]
        return total or Decimal("0.00")


class FunderContribution(VersionedModel):
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("programme"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("funder"),
    )
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-amount", "organisation__name"]
        verbose_name = _("funder contribution")
        verbose_name_plural = _("funder contributions")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation"], name="one_contribution_per_funder"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="contribution_amount_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.programme}"


class Pillar(VersionedModel):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="pillars", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    budget = models.DecimalField(
        _("budget"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("Leave empty if the programme has no budget per pillar."),
    )
    budget_note = models.CharField(
        _("note on the budget"),
        max_length=200,
        blank=True,
        help_text=_("Shown next to the budget, e.g. that it is illustrative."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "position", "name"]
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="pillar_slug_per_programme"),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="pillar_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="themes", verbose_name=_("programme")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["programme", "slug"], name="theme_slug_per_programme"),
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeMembership(models.Model):
    """An office account's programme: an account with memberships works on those programmes
    only; an account without any (the national office) works on all of them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="programme_memberships",
        verbose_name=_("user"),
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("programme"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "user"]
        verbose_name = _("programme membership")
        verbose_name_plural = _("programme memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"], name="one_membership_per_programme"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.programme}"
