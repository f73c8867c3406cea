"""Calls for proposals (openstellingen): lines, criteria, applications, reviews, allocations."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regiodeal.core.errors import ImmutableRecordError
from regiodeal.core.models import VersionedModel
from regiodeal.decisions.models import Decision
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import MONEY, Pillar, Programme
from regiodeal.projects.models import Project

from .constants import (
    ATTACHMENT_EXTENSIONS,
    Aggregation,
    ApplicationState,
    PartialRule,
)

PERCENTAGE = {"max_digits": 5, "decimal_places": 2}
SCORE = {"max_digits": 6, "decimal_places": 3}


class Call(VersionedModel):
    """An openstelling: a period in which anyone may propose projects for the programme."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="calls", verbose_name=_("programme")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(
        _("eligibility rules"), blank=True, help_text=_("Who may apply, for what, on which terms.")
    )
    opens_at = models.DateTimeField(_("opens"))
    registration_deadline = models.DateTimeField(_("deadline for registering an idea"))
    application_deadline = models.DateTimeField(_("deadline for applications"))
    decision_date = models.DateField(_("decision by the steering group"), null=True, blank=True)
    min_total_score = models.DecimalField(
        _("minimum total score"),
        **SCORE,
        null=True,
        blank=True,
        help_text=_("Applications below it are refused even when money remains."),
    )
    aggregation = models.CharField(
        _("score over the reviewers"),
        max_length=10,
        choices=Aggregation.choices,
        default=Aggregation.MEAN,
    )
    partial_rule = models.CharField(
        _("when the next application does not fit"),
        max_length=10,
        choices=PartialRule.choices,
        default=PartialRule.PARTIAL,
    )
    repair_days = models.PositiveSmallIntegerField(
        _("repair period in days"),
        default=14,
        validators=[MinValueValidator(1)],
        help_text=_("Time an applicant gets to complete an incomplete application."),
    )
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the public site.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("call for proposals")
        verbose_name_plural = _("calls for proposals")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(registration_deadline__gte=models.F("opens_at"))
                & models.Q(application_deadline__gte=models.F("registration_deadline")),
                name="call_deadlines_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("calls:call", args=[self.slug])

    def clean(self) -> None:
        errors = {}
        if (
            self.opens_at
            and self.registration_deadline
            and self.registration_deadline < self.opens_at
        ):
            errors["registration_deadline"] = _("Registration cannot close before the call opens.")
        if (
            self.registration_deadline
            and self.application_deadline
            and self.application_deadline < self.registration_deadline
        ):
            errors["application_deadline"] = _(
                "Applications cannot close before registration does."
            )
        if errors:
            raise ValidationError(errors)


class ProgrammeLine(models.Model):
    """A programmalijn of a call, with its own budget and limits per application."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="lines", verbose_name=_("call")
    )
    name = models.CharField(_("name"), max_length=200)
    pillar = models.ForeignKey(
        Pillar,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="call_lines",
        verbose_name=_("pillar"),
        help_text=_("The pillar whose budget the decisions of this line are charged to."),
    )
    budget = models.DecimalField(_("budget"), **MONEY, validators=[MinValueValidator(Decimal("0"))])
    percentage = models.DecimalField(
        _("subsidy percentage"),
        **PERCENTAGE,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        help_text=_("At most this percentage of the eligible costs; empty for no limit."),
    )
    max_amount = models.DecimalField(
        _("maximum per application"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "position", "name"]
        verbose_name = _("programme line")
        verbose_name_plural = _("programme lines")
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="line_name_per_call"),
            models.CheckConstraint(
                condition=models.Q(budget__gte=0), name="line_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("call")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.DecimalField(
        _("weight"),
        max_digits=6,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    max_score = models.DecimalField(
        _("highest score"),
        **SCORE,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("1"))],
    )
    tie_break_position = models.PositiveSmallIntegerField(
        _("tie-break order"),
        null=True,
        blank=True,
        help_text=_("1 decides a tie first, 2 next; empty if the criterion does not break ties."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["call", "position", "name"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["call", "name"], name="criterion_name_per_call"),
            models.UniqueConstraint(
                fields=["call", "tie_break_position"], name="one_criterion_per_tie_break_position"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Application(VersionedModel):
    """An application (aanvraag), from the registered idea to the allocation's outcome."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="applications", verbose_name=_("call")
    )
    reference = models.CharField(_("reference"), max_length=30, unique=True)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("applicant"),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ApplicationState.choices,
        default=ApplicationState.AANGEMELD,
        editable=False,
    )
    title = models.CharField(_("title"), max_length=300)
    idea = models.TextField(_("the idea"), help_text=_("What you want to do, for whom, and why."))
    line = models.ForeignKey(
        ProgrammeLine,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("programme line"),
    )
    pre_check_advice = models.TextField(_("advice of the pre-check"), blank=True, editable=False)
    pre_check_positive = models.BooleanField(_("positive pre-check"), null=True, editable=False)
    summary = models.TextField(_("summary"), blank=True)
    description = models.TextField(_("project plan"), blank=True)
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lead_applications",
        verbose_name=_("lead partner (penvoerder)"),
    )
    partners = models.ManyToManyField(
        Organisation, blank=True, related_name="partner_applications", verbose_name=_("partners")
    )
    places = models.ManyToManyField(
        Municipality, blank=True, related_name="applications", verbose_name=_("places")
    )
    eligible_costs = models.DecimalField(
        _("eligible costs"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    co_financing = models.DecimalField(
        _("co-financing"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    requested_amount = models.DecimalField(
        _("requested amount"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    repair_due = models.DateTimeField(
        _("repair period ends"), null=True, blank=True, editable=False
    )
    office_note = models.TextField(
        _("message of the programme office"),
        blank=True,
        editable=False,
        help_text=_("What is missing, or why the application is not eligible."),
    )
    project = models.OneToOneField(
        Project,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
        editable=False,
        verbose_name=_("project"),
    )
    decision = models.OneToOneField(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
        editable=False,
        verbose_name=_("proposed decision"),
    )
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[partners, places])

    class Meta:
        ordering = ["call", "reference"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        indexes = [models.Index(fields=["call", "state"])]

    def __str__(self) -> str:
        return f"{self.reference} – {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("calls:application", args=[self.reference])

    def clean(self) -> None:
        if self.line_id and self.call_id and self.line.call_id != self.call_id:
            raise ValidationError({"line": _("This programme line belongs to another call.")})


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"aanvragen/{instance.application.reference}/{filename}"


class Attachment(models.Model):
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("application"),
    )
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        validators=[FileExtensionValidator(ATTACHMENT_EXTENSIONS)],
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.description or self.file.name.rsplit("/", 1)[-1]


class ReviewAssignment(models.Model):
    """A reviewer assigned to an application; with a conflict of interest, out of it."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("application")
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="review_assignments",
        verbose_name=_("reviewer"),
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    conflict_of_interest = models.BooleanField(_("conflict of interest"), default=False)
    conflict_note = models.TextField(_("conflict of interest: explanation"), blank=True)
    completed_at = models.DateTimeField(_("review completed"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "assigned_at"]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"], name="one_review_per_reviewer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application.reference} – {self.reviewer}"


class Score(models.Model):
    review = models.ForeignKey(
        ReviewAssignment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("review")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    score = models.DecimalField(_("score"), **SCORE, validators=[MinValueValidator(Decimal("0"))])
    motivation = models.TextField(_("motivation"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "criterion__position"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="one_score_per_criterion")
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class AllocationRun(models.Model):
    """One run of the allocation: its exact input, seed and output, kept as they were."""

    call = models.ForeignKey(
        Call, on_delete=models.PROTECT, related_name="allocation_runs", verbose_name=_("call")
    )
    seed = models.BigIntegerField(_("lottery seed"))
    input = models.JSONField(_("input"))
    output = models.JSONField(_("output"))
    created_at = models.DateTimeField(_("run at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("run by"),
    )
    proposed_to = models.ForeignKey(
        "decisions.Meeting",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposed to meeting"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("allocation")
        verbose_name_plural = _("allocations")

    def __str__(self) -> str:
        return f"{self.call} – {self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs) -> None:
        if (
            self.pk is not None
            and type(self)._base_manager.filter(pk=self.pk, proposed_to__isnull=False).exists()
        ):
            raise ImmutableRecordError(_("An allocation proposed to the steering group is final."))
        super().save(*args, **kwargs)

    def outcome_of(self, reference: str) -> dict | None:
        return next((a for a in self.output["applications"] if a["id"] == reference), None)


class Notification(models.Model):
    """Every message sent about an application, kept so the applicant and office see it."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("application"),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="call_notifications",
        verbose_name=_("recipient"),
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject
