"""What projects deliver and what changes: results, indicators, milestones, progress reports.

Results and indicators follow the IATI shape: result (output, outcome, impact) → indicator
(unit, measure) → baseline → periods with target and actual.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from regiodeal.core.models import VersionedModel
from regiodeal.programmes.models import MONEY, Theme
from regiodeal.projects.models import Project

from .constants import ImplementationStatus, Measure, ReportState, ResultKind

VALUE = {"max_digits": 16, "decimal_places": 4}


class BroadProsperityTheme(models.Model):
    """One of the eight themes of the CBS Monitor Brede Welvaart (loaded by a migration)."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position"]
        verbose_name = _("broad prosperity theme")
        verbose_name_plural = _("broad prosperity themes")

    def __str__(self) -> str:
        return self.name


class ProjectLead(models.Model):
    """A person who reports on a project (projectleider); sees only their own projects."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="leads", verbose_name=_("project")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="led_projects",
        verbose_name=_("project lead"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("project lead")
        verbose_name_plural = _("project leads")
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_lead_record_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.project}"


class Milestone(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=300)
    planned_date = models.DateField(_("planned"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), default=1, help_text=_("Its share in the project's progress.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "planned_date", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title


class Result(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="results", verbose_name=_("project")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ResultKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    result = models.ForeignKey(
        Result, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("result")
    )
    title = models.CharField(_("title"), max_length=300)
    unit = models.CharField(_("unit"), max_length=60, blank=True, help_text=_("e.g. jobs, pupils"))
    measure = models.CharField(
        _("measure"), max_length=12, choices=Measure.choices, default=Measure.NUMBER
    )
    ascending = models.BooleanField(
        _("higher is better"), default=True, help_text=_("Off for e.g. waiting times.")
    )
    baseline_value = models.DecimalField(_("baseline"), **VALUE, null=True, blank=True)
    baseline_text = models.TextField(_("baseline (qualitative)"), blank=True)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    broad_prosperity = models.ManyToManyField(
        BroadProsperityTheme,
        related_name="indicators",
        verbose_name=_("broad prosperity themes"),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="indicators", verbose_name=_("programme themes")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    history = HistoricalRecords(m2m_fields=[broad_prosperity, themes])

    class Meta:
        ordering = ["result", "position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.title

    @property
    def is_quantitative(self) -> bool:
        return self.measure != Measure.QUALITATIVE


class IndicatorPeriod(models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="periods", verbose_name=_("indicator")
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    target = models.DecimalField(_("target"), **VALUE, null=True, blank=True)
    actual = models.DecimalField(_("actual"), **VALUE, null=True, blank=True)
    target_text = models.TextField(_("target (qualitative)"), blank=True)
    actual_text = models.TextField(_("actual (qualitative)"), blank=True)
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "start"]
        verbose_name = _("indicator period")
        verbose_name_plural = _("indicator periods")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.start} – {self.end}"

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A period cannot end before it starts.")})


class ReportingSchedule(models.Model):
    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="reporting", verbose_name=_("project")
    )
    interval_months = models.PositiveSmallIntegerField(
        _("every … months"), default=6, validators=[MinValueValidator(1), MaxValueValidator(24)]
    )
    first_due = models.DateField(_("first report due"))
    last_due = models.DateField(_("last report due"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting schedule")
        verbose_name_plural = _("reporting schedules")

    def __str__(self) -> str:
        return str(self.project)


class ProgressReport(VersionedModel):
    """A voortgangsrapportage: written by the project lead, accepted or returned by the office."""

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="reports", verbose_name=_("project")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    due_date = models.DateField(_("due"))
    state = models.CharField(
        _("state"),
        max_length=15,
        choices=ReportState.choices,
        default=ReportState.OPEN,
        editable=False,
    )
    status = models.CharField(
        _("status of the project"),
        max_length=12,
        choices=ImplementationStatus.choices,
        blank=True,
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Leave empty to derive it from the milestones."),
    )
    narrative = models.TextField(_("what happened"), blank=True)
    spending_to_date = models.DecimalField(
        _("spent to date"),
        **MONEY,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    milestones_reached = models.ManyToManyField(
        Milestone, blank=True, related_name="reports", verbose_name=_("milestones reached")
    )
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    review_comment = models.TextField(_("comment of the office"), blank=True, editable=False)
    history = HistoricalRecords(m2m_fields=[milestones_reached])

    class Meta:
        ordering = ["project", "-period_end"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        indexes = [models.Index(fields=["state", "due_date"])]
        constraints = [
            models.UniqueConstraint(fields=["project", "period_end"], name="one_report_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.project} – {self.period_end:%m-%Y}"


class ReportedValue(models.Model):
    """An indicator actual as the report gives it; it becomes the period's actual on acceptance."""

    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="values", verbose_name=_("report")
    )
    period = models.ForeignKey(
        IndicatorPeriod, on_delete=models.CASCADE, related_name="reported", verbose_name=_("period")
    )
    value = models.DecimalField(_("value"), **VALUE, null=True, blank=True)
    text = models.TextField(_("value (qualitative)"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reported value")
        verbose_name_plural = _("reported values")
        constraints = [
            models.UniqueConstraint(fields=["report", "period"], name="one_value_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.period}: {self.value if self.value is not None else self.text}"


class Reminder(models.Model):
    """A reminder sent about a report, so the scheduler never sends the same one twice."""

    BEFORE, OVERDUE = "before", "overdue"
    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("report")
    )
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=[(BEFORE, _("before the due date")), (OVERDUE, _("overdue"))],
    )
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["report", "kind"], name="one_reminder_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.report} ({self.kind})"


class InterventionElement(models.Model):
    """A recurring element of how projects work (binationaal, pilot, co-creatie …)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    projects = models.ManyToManyField(
        Project, blank=True, related_name="intervention_elements", verbose_name=_("projects")
    )
    history = HistoricalRecords(m2m_fields=[projects])

    class Meta:
        ordering = ["name"]
        verbose_name = _("intervention element")
        verbose_name_plural = _("intervention elements")

    def __str__(self) -> str:
        return self.name


def ensure_broad_prosperity_themes(*, apps=None, using: str = "default", **kwargs) -> None:
    """Create the eight CBS themes that are missing (post_migrate handler; idempotent).

    A post_migrate handler rather than a data migration for the same reason as the role
    groups: ``flush`` empties the table and then sends post_migrate again.
    """
    from .constants import BROAD_PROSPERITY_THEMES

    try:
        model = (
            apps.get_model("monitoring", "BroadProsperityTheme") if apps else BroadProsperityTheme
        )
    except LookupError:  # monitoring is not (or no longer) migrated
        return
    for position, (slug, name) in enumerate(BROAD_PROSPERITY_THEMES, start=1):
        model.objects.using(using).get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )
