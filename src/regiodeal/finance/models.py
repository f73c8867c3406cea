"""Money after the steering group decides: grants, advances, settlements and the ledger.

Ledger entries and their attribution to funders are written once and never changed; every
balance is a sum over them. Grant decisions and settlements are drafts until issued, and final
after that.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regiodeal.core.errors import ImmutableRecordError
from regiodeal.core.models import VersionedModel
from regiodeal.decisions.models import Decision
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import MONEY, FunderContribution, Pillar, Programme
from regiodeal.projects.models import Project

from .constants import EntryKind, GrantState, SettlementState

PERCENTAGE = {"max_digits": 5, "decimal_places": 2}
ENTRY_IS_FINAL = _("A ledger entry is never changed or deleted; book a new entry that corrects it.")


class FunderInstalment(models.Model):
    """A payment a funder makes into the programme, as scheduled and, once done, received."""

    contribution = models.ForeignKey(
        FunderContribution,
        on_delete=models.CASCADE,
        related_name="instalments",
        verbose_name=_("funder contribution"),
    )
    due_date = models.DateField(_("due date"))
    amount = models.DecimalField(
        _("amount"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["contribution", "due_date"]
        verbose_name = _("payment by a funder")
        verbose_name_plural = _("payments by funders")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="funder_instalment_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contribution.organisation} {self.due_date}"


class AttributionKey(models.Model):
    """A funder's weight in paying for decisions: programme-wide, or for one decision.

    Without keys, money is attributed pro rata to the funders' contributions.
    """

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="attribution_keys",
        verbose_name=_("programme"),
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.CASCADE,
        related_name="attribution_keys",
        null=True,
        blank=True,
        verbose_name=_("decision"),
        help_text=_("Leave empty for the programme's own rule."),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("funder")
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=14,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001"))],
        help_text=_("Relative share, e.g. a percentage or the contributed amount."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "decision", "-weight"]
        verbose_name = _("attribution key")
        verbose_name_plural = _("attribution keys")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "decision", "organisation"], name="one_key_per_funder"
            ),
            # NULLs are distinct in a unique constraint: the programme-wide keys need their own.
            models.UniqueConstraint(
                fields=["programme", "organisation"],
                condition=models.Q(decision__isnull=True),
                name="one_programme_key_per_funder",
            ),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="key_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.weight}"

    def clean(self) -> None:
        if self.decision_id is None:
            return
        if self.decision.corrects_id:
            raise ValidationError(
                {"decision": _("Give the key to the first decision, not to its correction.")}
            )
        if LedgerEntry.objects.filter(decision_id=self.decision_id).exists():
            raise ValidationError(
                {
                    "decision": _(
                        "Money of this decision has been booked with its attribution; a key "
                        "now would apply to nothing."
                    )
                }
            )


class PlaceShare(models.Model):
    """The share of a project's money that lands in one of its places (default: equal)."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="place_shares", verbose_name=_("project")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("municipality")
    )
    weight = models.DecimalField(
        _("weight"),
        max_digits=9,
        decimal_places=4,
        validators=[MinValueValidator(Decimal("0.0001"))],
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "-weight"]
        verbose_name = _("share of a place")
        verbose_name_plural = _("shares of places")
        constraints = [
            models.UniqueConstraint(fields=["project", "municipality"], name="one_share_per_place"),
            models.CheckConstraint(condition=models.Q(weight__gt=0), name="place_share_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.municipality}"

    def clean(self) -> None:
        if (
            self.project_id
            and self.municipality_id
            and not self.project.places.filter(pk=self.municipality_id).exists()
        ):
            raise ValidationError(
                {"municipality": _("This municipality is not one of the project's places.")}
            )


class IssuedQuerySet(models.QuerySet):
    """Bulk updates and deletes bypass save() and delete(): refused once a record is issued."""

    issued_lookup = "issued_at__isnull"

    def _touches_issued(self) -> bool:
        return self.filter(**{self.issued_lookup: False}).exists()

    def update(self, **kwargs) -> int:
        if self._touches_issued():
            raise ImmutableRecordError(_("An issued letter cannot be changed or deleted."))
        return super().update(**kwargs)

    def delete(self):
        if self._touches_issued():
            raise ImmutableRecordError(_("An issued letter cannot be changed or deleted."))
        return super().delete()


class InstalmentQuerySet(IssuedQuerySet):
    issued_lookup = "grant__issued_at__isnull"


class FinalOnceIssued(models.Model):
    """Editable as a draft; refuses every change once the stored record has been issued."""

    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("issued by"),
    )

    class Meta:
        abstract = True

    final_message = _("An issued letter cannot be changed or deleted.")

    def save(self, *args, **kwargs) -> None:
        if self._stored_is_issued():
            raise ImmutableRecordError(self.final_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._stored_is_issued():
            raise ImmutableRecordError(self.final_message)
        return super().delete(*args, **kwargs)

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    def _stored_is_issued(self) -> bool:
        return (
            self.pk is not None
            and type(self)._base_manager.filter(pk=self.pk, issued_at__isnull=False).exists()
        )


class GrantDecision(FinalOnceIssued, VersionedModel):
    """The beschikking: the programme office's grant to a project after the steering group."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="grants", verbose_name=_("project")
    )
    decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        related_name="grant",
        verbose_name=_("steering group decision"),
        help_text=_("The decision whose amount is the ceiling of this grant."),
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    recipient = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="grants",
        verbose_name=_("recipient"),
    )
    date = models.DateField(_("date of the grant decision"))
    eligible_costs = models.DecimalField(
        _("eligible costs"), **MONEY, validators=[MinValueValidator(Decimal("0.01"))]
    )
    subsidy_percentage = models.DecimalField(
        _("subsidy percentage"),
        **PERCENTAGE,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    maximum_amount = models.DecimalField(
        _("maximum amount"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Leave empty when only the percentage and the decision limit the grant."),
    )
    granted_amount = models.DecimalField(_("granted amount"), **MONEY, editable=False)
    conditions = models.TextField(_("conditions"), blank=True)
    reporting_duties = models.TextField(_("reporting duties"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=GrantState.choices,
        default=GrantState.CONCEPT,
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    final_message = _(
        "An issued grant decision cannot be changed or deleted; settle it, or record a new "
        "decision."
    )
    objects = IssuedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "reference"]
        verbose_name = _("grant decision (beschikking)")
        verbose_name_plural = _("grant decisions (beschikkingen)")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(subsidy_percentage__gt=0)
                & models.Q(subsidy_percentage__lte=100),
                name="grant_percentage_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(granted_amount__gte=0), name="grant_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} – {self.project}"

    def get_absolute_url(self) -> str:
        """The public letter; it answers only once the grant decision has been issued."""
        return reverse("finance:grant-letter", args=[self.reference, "pdf"])


class AdvanceInstalment(models.Model):
    """One advance in the schedule of a grant: a percentage of the grant or an amount."""

    grant = models.ForeignKey(
        GrantDecision,
        on_delete=models.CASCADE,
        related_name="instalments",
        verbose_name=_("grant decision"),
    )
    due_date = models.DateField(_("due date"))
    percentage = models.DecimalField(
        _("percentage of the grant"),
        **PERCENTAGE,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
    )
    amount = models.DecimalField(
        _("amount"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    history = HistoricalRecords()

    objects = InstalmentQuerySet.as_manager()

    class Meta:
        ordering = ["grant", "due_date", "pk"]
        verbose_name = _("advance")
        verbose_name_plural = _("advance schedule")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(percentage__isnull=True) & models.Q(amount__isnull=False))
                | (models.Q(percentage__isnull=False) & models.Q(amount__isnull=True)),
                name="advance_percentage_or_amount",
            )
        ]

    def __str__(self) -> str:
        return f"{self.grant.reference} {self.due_date}"

    def save(self, *args, **kwargs) -> None:
        if self.grant_id and self.grant.is_issued:
            raise ImmutableRecordError(self.grant.final_message)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.grant.is_issued:
            raise ImmutableRecordError(self.grant.final_message)
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        if (self.percentage is None) == (self.amount is None):
            raise ValidationError(_("Enter either a percentage or an amount for each advance."))


class Settlement(FinalOnceIssued, VersionedModel):
    """The vaststelling: the final amount of a grant, from the costs actually made."""

    grant = models.OneToOneField(
        GrantDecision,
        on_delete=models.PROTECT,
        related_name="settlement",
        verbose_name=_("grant decision"),
    )
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    date = models.DateField(_("date of the settlement"))
    actual_costs = models.DecimalField(
        _("actual eligible costs"), **MONEY, validators=[MinValueValidator(Decimal("0.00"))]
    )
    settled_amount = models.DecimalField(_("settled amount"), **MONEY, editable=False)
    released_amount = models.DecimalField(_("released amount"), **MONEY, editable=False)
    paid_before = models.DecimalField(_("advances paid"), **MONEY, editable=False)
    recovery_amount = models.DecimalField(_("amount to recover"), **MONEY, editable=False)
    balance_due = models.DecimalField(_("balance still to pay"), **MONEY, editable=False)
    note = models.TextField(_("explanation"), blank=True)
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=SettlementState.choices,
        default=SettlementState.CONCEPT,
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    final_message = _("An issued settlement cannot be changed or deleted.")
    objects = IssuedQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("settlement (vaststelling)")
        verbose_name_plural = _("settlements (vaststellingen)")

    def __str__(self) -> str:
        return f"{self.reference} – {self.grant.project}"

    def get_absolute_url(self) -> str:
        return reverse("finance:settlement-letter", args=[self.reference, "pdf"])


class AppendOnlyQuerySet(models.QuerySet):
    # Bulk operations bypass save() and delete(); they are refused for the ledger as a whole.
    def update(self, **kwargs) -> int:
        raise ImmutableRecordError(ENTRY_IS_FINAL)

    def delete(self):
        raise ImmutableRecordError(ENTRY_IS_FINAL)


class AppendOnlyModel(models.Model):
    """Written once: a stored row is never saved again nor deleted, alone or in bulk."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ImmutableRecordError(ENTRY_IS_FINAL)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError(ENTRY_IS_FINAL)


class LedgerEntry(AppendOnlyModel):
    """One money movement. Amounts are positive, except a change, which carries its sign, and
    a release taken back by a lower correction."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="ledger", verbose_name=_("programme")
    )
    pillar = models.ForeignKey(
        Pillar,
        on_delete=models.PROTECT,
        related_name="ledger",
        null=True,
        blank=True,
        verbose_name=_("pillar"),
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="ledger", verbose_name=_("project")
    )
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="ledger",
        verbose_name=_("decision"),
        help_text=_("The first decision of the chain of corrections this money belongs to."),
    )
    source_decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("booked by decision"),
    )
    grant = models.ForeignKey(
        GrantDecision,
        on_delete=models.PROTECT,
        related_name="ledger",
        null=True,
        blank=True,
        verbose_name=_("grant decision"),
    )
    settlement = models.ForeignKey(
        Settlement,
        on_delete=models.PROTECT,
        related_name="ledger",
        null=True,
        blank=True,
        verbose_name=_("settlement"),
    )
    instalment = models.OneToOneField(
        AdvanceInstalment,
        on_delete=models.PROTECT,
        related_name="payment",
        null=True,
        blank=True,
        verbose_name=_("advance"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EntryKind.choices)
    amount = models.DecimalField(_("amount"), **MONEY)
    booked_on = models.DateField(_("booked on"))
    description = models.CharField(_("description"), max_length=300)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("booked by"),
    )

    class Meta:
        ordering = ["booked_on", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger")
        indexes = [
            models.Index(fields=["programme", "kind"]),
            models.Index(fields=["pillar", "kind"]),
            models.Index(fields=["project", "kind"]),
            models.Index(fields=["programme", "booked_on"]),
            # The ledger in booking order (the back office's list over every programme).
            models.Index(fields=["booked_on", "id"], name="ledger_booked_order_idx"),
        ]
        constraints = [
            # A change carries its sign; a release is negative only when a lower correction
            # takes back what issuing the grant released. Nothing is booked at zero.
            models.CheckConstraint(
                condition=(
                    models.Q(kind__in=[EntryKind.CHANGE, EntryKind.RELEASE]) & ~models.Q(amount=0)
                )
                | models.Q(amount__gt=0),
                name="ledger_amount_signed_only_for_change_and_release",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.amount} ({self.booked_on})"


class LedgerAllocation(AppendOnlyModel):
    """The part of a ledger entry attributed to one funder; the parts add up to the entry."""

    entry = models.ForeignKey(
        LedgerEntry, on_delete=models.PROTECT, related_name="allocations", verbose_name=_("entry")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("funder")
    )
    amount = models.DecimalField(_("amount"), **MONEY)

    class Meta:
        ordering = ["entry", "-amount"]
        verbose_name = _("attribution to a funder")
        verbose_name_plural = _("attributions to funders")
        indexes = [models.Index(fields=["organisation", "entry"])]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.amount}"
