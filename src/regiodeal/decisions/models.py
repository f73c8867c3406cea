from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regiodeal.core.dates import month_year
from regiodeal.core.errors import ImmutableRecordError
from regiodeal.core.links import slug_url
from regiodeal.core.models import VersionedModel
from regiodeal.programmes.models import MONEY, Pillar, Programme
from regiodeal.projects.models import Project

from .constants import COMMITTING_STATES, KINDS_WITHOUT_AMOUNT, DecisionKind, DecisionState


class Meeting(models.Model):
    """A meeting of the steering group (stuurgroepvergadering): one round of decisions."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("programme")
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    notes = models.TextField(_("internal notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("steering group meeting")
        verbose_name_plural = _("steering group meetings")
        indexes = [
            models.Index(fields=["programme", "date"]),
            # The newest decisions of all programmes first (the API), without sorting them all.
            models.Index(fields=["date"], name="meeting_date_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.pk and self.is_published:
            raise ImmutableRecordError(
                _("The besluitenlijst of this meeting has been published; the meeting is closed.")
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise ImmutableRecordError(
                _("The meeting's besluitenlijst has been published; the meeting cannot be deleted.")
            )
        return super().delete(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return DecisionList.objects.filter(meeting_id=self.pk).exists()

    @property
    def besluitenlijst_url(self) -> str:
        """The public page of this meeting's besluitenlijst (once published)."""
        return slug_url("portal:besluitenlijst", self.slug)


class DecisionQuerySet(models.QuerySet):
    def published(self) -> "DecisionQuerySet":
        return self.filter(state=DecisionState.GEPUBLICEERD)

    def committing(self, *, published_only: bool = False) -> "DecisionQuerySet":
        """Decisions whose amounts count: not superseded by a correction that counts too."""
        states = (DecisionState.GEPUBLICEERD,) if published_only else COMMITTING_STATES
        # An uncorrelated NOT IN over the (few) corrections: the correlated NOT EXISTS that
        # excluding through the reverse relation gives makes SQLite probe once per decision,
        # tens of seconds at a million.
        superseded = Decision.objects.filter(state__in=states, corrects__isnull=False).values(
            "corrects_id"
        )
        return self.filter(state__in=states).exclude(pk__in=superseded)

    # Published decisions are immutable: the guards below hold for bulk operations too, which
    # bypass save() and delete() on the instances.
    def update(self, **kwargs) -> int:
        if self.filter(state=DecisionState.GEPUBLICEERD).exists():
            raise ImmutableRecordError(PUBLISHED_IS_FINAL)
        return super().update(**kwargs)

    def delete(self):
        if self.filter(state=DecisionState.GEPUBLICEERD).exists():
            raise ImmutableRecordError(PUBLISHED_IS_FINAL)
        return super().delete()


PUBLISHED_IS_FINAL = _(
    "A published decision cannot be changed or deleted. Record a correction: a new decision "
    "that refers to this one."
)


class Decision(VersionedModel):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("meeting")
    )
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("project")
    )
    position = models.PositiveSmallIntegerField(_("position in the list"), default=0)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DecisionKind.choices, default=DecisionKind.NIEUW
    )
    title = models.CharField(
        _("title"),
        max_length=300,
        blank=True,
        help_text=_("Heading in the besluitenlijst; the project title when left empty."),
    )
    text = models.TextField(
        _("text"), blank=True, help_text=_("The description printed in the besluitenlijst.")
    )
    amount = models.DecimalField(
        _("amount"),
        **MONEY,
        null=True,
        blank=True,
        help_text=_("Empty for a rejection or deferral; the change for a budget change."),
    )
    conditions = models.TextField(_("conditions"), blank=True)
    pillar = models.ForeignKey(
        Pillar,
        on_delete=models.PROTECT,
        related_name="decisions",
        null=True,
        blank=True,
        verbose_name=_("pillar"),
        help_text=_("The budget the amount is charged to; the project's pillar when left empty."),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=DecisionState.choices,
        default=DecisionState.CONCEPT,
        editable=False,
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        related_name="corrections",
        null=True,
        blank=True,
        verbose_name=_("corrects"),
        help_text=_("The published decision this decision corrects and replaces."),
    )
    budget_override_reason = models.TextField(
        _("reason for exceeding the budget"),
        blank=True,
        help_text=_("Required when this decision takes its pillar or programme over budget."),
    )
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True, editable=False)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("adopted by"),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "position", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        indexes = [
            models.Index(fields=["state", "pillar"]),
            # Whether a project is public (a published decision), on every public page.
            models.Index(fields=["project", "state"], name="decision_project_state_idx"),
            # A besluitenlijst in its order.
            models.Index(fields=["meeting", "position", "id"], name="decision_meeting_order_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                # A draft may still lack its amount (an imported list that did not state one);
                # an adopted decision may not.
                condition=models.Q(kind__in=[k.value for k in KINDS_WITHOUT_AMOUNT], amount=None)
                | (
                    ~models.Q(kind__in=[k.value for k in KINDS_WITHOUT_AMOUNT])
                    & (~models.Q(amount=None) | models.Q(state=DecisionState.CONCEPT))
                ),
                name="decision_amount_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.heading

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            stored_state = (
                type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
            )
            if stored_state == DecisionState.GEPUBLICEERD:
                raise ImmutableRecordError(PUBLISHED_IS_FINAL)
        elif self.state != DecisionState.CONCEPT:
            raise ImmutableRecordError(
                _("A new decision starts as a draft; adopt and publish it through the workflow.")
            )
        if not self.pillar_id and self.project_id:
            self.pillar_id = self.project.pillar_id
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"{self.meeting.besluitenlijst_url}#besluit-{self.pk}"

    def delete(self, *args, **kwargs):
        stored_state = type(self).objects.filter(pk=self.pk).values_list("state", flat=True).first()
        if stored_state == DecisionState.GEPUBLICEERD:
            raise ImmutableRecordError(PUBLISHED_IS_FINAL)
        return super().delete(*args, **kwargs)

    @property
    def heading(self) -> str:
        return self.title or (self.project.title if self.project_id else "")

    @property
    def is_published(self) -> bool:
        return self.state == DecisionState.GEPUBLICEERD

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind in KINDS_WITHOUT_AMOUNT:
            if self.amount is not None:
                errors["amount"] = _("A rejection or deferral has no amount.")
        elif self.amount is None:
            if self.state != DecisionState.CONCEPT:
                errors["amount"] = _("Enter the amount of this decision.")
        elif self.kind == DecisionKind.BUDGETWIJZIGING:
            if self.amount == 0:
                errors["amount"] = _("A budget change cannot be zero.")
        elif self.amount <= 0:
            errors["amount"] = _("The amount must be more than zero.")

        programme_id = self.meeting.programme_id if self.meeting_id else None
        if self.project_id and programme_id and self.project.programme_id != programme_id:
            errors["project"] = _("The project belongs to another programme than the meeting.")
        if self.pillar_id and programme_id and self.pillar.programme_id != programme_id:
            errors["pillar"] = _("The pillar belongs to another programme than the meeting.")
        if self.corrects_id:
            original = self.corrects
            if original.pk == self.pk:
                errors["corrects"] = _("A decision cannot correct itself.")
            elif not original.is_published:
                errors["corrects"] = _(
                    "Only a published decision needs a correction; change the decision itself."
                )
            elif self.project_id and original.project_id != self.project_id:
                errors["corrects"] = _("A correction must be about the same project.")
            elif self.pillar_id and original.pillar_id and self.pillar_id != original.pillar_id:
                # The money the chain still holds, after releases, stays where it was charged;
                # moving it is a new decision on the other pillar.
                errors["pillar"] = _(
                    "A correction keeps the pillar of the decision it corrects. To charge the "
                    "money to another pillar, record a new decision."
                )
            elif (
                original.corrections.exclude(pk=self.pk)
                .filter(state__in=COMMITTING_STATES)
                .exists()
            ):
                # A second correction of the same decision would count beside the first.
                errors["corrects"] = _(
                    "This decision has already been corrected; correct the latest correction."
                )
        if self.meeting_id and not self.pk and self.meeting.is_published:
            errors["meeting"] = _(
                "The besluitenlijst of this meeting has been published; "
                "record the decision in a later meeting."
            )
        if errors:
            raise ValidationError(errors)


class DecisionList(models.Model):
    """The published besluitenlijst of a meeting; written once by publication, never changed."""

    meeting = models.OneToOneField(
        Meeting,
        on_delete=models.PROTECT,
        related_name="besluitenlijst",
        verbose_name=_("meeting"),
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-meeting__date"]
        verbose_name = _("besluitenlijst")
        verbose_name_plural = _("besluitenlijsten")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            raise ImmutableRecordError(_("A published besluitenlijst cannot be changed."))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return self.meeting.besluitenlijst_url

    def delete(self, *args, **kwargs):
        raise ImmutableRecordError(_("A published besluitenlijst cannot be deleted."))

    @staticmethod
    def title_for(meeting: Meeting) -> str:
        """``Besluitenlijst december 2021``: the document's Dutch name, whatever the UI language."""
        return f"Besluitenlijst {month_year(meeting.date)}"
