"""The reporting cycle: scheduled reports, written by project leads, reviewed by the office."""

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from regiodeal.core.dates import add_months, long_date
from regiodeal.core.errors import DomainError
from regiodeal.projects.models import Project

from .constants import EDITABLE_REPORT_STATES, ImplementationStatus, ReportState
from .models import (
    IndicatorPeriod,
    Milestone,
    ProgressReport,
    ProjectLead,
    Reminder,
    ReportedValue,
    ReportingSchedule,
)

logger = logging.getLogger(__name__)
REMIND_DAYS_BEFORE = 14


def is_lead(user: AbstractBaseUser, project: Project) -> bool:
    return user.is_authenticated and ProjectLead.objects.filter(user=user, project=project).exists()


def projects_of(user: AbstractBaseUser):
    """The projects a person reports on; nobody else's."""
    if not user.is_authenticated:
        return Project.objects.none()
    return Project.objects.filter(leads__user=user).distinct()


def _mail(recipients: list[str], subject: str, body: str) -> None:
    def send() -> None:
        # A mail server that is down must not undo the step: it is logged for the office.
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        except Exception:
            logger.exception("Could not send '%s'", subject)

    if recipients:
        transaction.on_commit(send)


def lead_addresses(project: Project) -> list[str]:
    return [
        email
        for email in project.leads.values_list("user__email", flat=True).order_by("user__email")
        if email
    ]


def due_dates(schedule: ReportingSchedule, until: datetime.date) -> list[datetime.date]:
    """Every due date of the schedule up to ``until`` (and the schedule's last one)."""
    dates, due = [], schedule.first_due
    while due <= until and (schedule.last_due is None or due <= schedule.last_due):
        dates.append(due)
        due = add_months(schedule.first_due, schedule.interval_months * len(dates))
    return dates


@transaction.atomic
def open_due_reports(*, today: datetime.date | None = None) -> list[ProgressReport]:
    """Create the reports that are due within the reminder window and do not exist yet."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMIND_DAYS_BEFORE)
    created = []
    for schedule in ReportingSchedule.objects.select_related("project"):
        for due in due_dates(schedule, horizon):
            period_end = due - datetime.timedelta(days=1)
            report, made = ProgressReport.objects.get_or_create(
                project=schedule.project,
                period_end=period_end,
                defaults={
                    "period_start": add_months(due, -schedule.interval_months),
                    "due_date": due,
                },
            )
            if made:
                created.append(report)
    return created


def _locked(report: ProgressReport) -> ProgressReport:
    return ProgressReport.objects.select_for_update().select_related("project").get(pk=report.pk)


def check_may_write(report: ProgressReport, user: AbstractBaseUser) -> None:
    if not is_lead(user, report.project):
        raise DomainError(_("Only the project's leads report on it."))
    if report.state not in EDITABLE_REPORT_STATES:
        raise DomainError(
            _("This report can no longer be changed (%(state)s).")
            % {"state": report.get_state_display()}
        )


def reports_to_write(user: AbstractBaseUser) -> QuerySet[ProgressReport]:
    """The reports a person still has to write or change: open or returned, on their projects."""
    return (
        ProgressReport.objects.filter(
            project__in=projects_of(user), state__in=EDITABLE_REPORT_STATES
        )
        .select_related("project")
        .order_by("due_date", "project__title")
    )


def next_due_date(schedule: ReportingSchedule, after: datetime.date) -> datetime.date | None:
    """The schedule's first due date after ``after``; None once the schedule has ended."""
    dates = due_dates(schedule, add_months(after, schedule.interval_months))
    return next((due for due in dates if due > after), None)


def reportable_periods(report: ProgressReport) -> QuerySet[IndicatorPeriod]:
    """The indicator periods a report gives actuals for: those that begin by the report's end.

    Earlier periods stay in, so a late figure (a school year's results) can still be given.
    """
    return (
        IndicatorPeriod.objects.filter(
            indicator__result__project_id=report.project_id, start__lte=report.period_end
        )
        .select_related("indicator__result")
        .order_by(
            "indicator__result__position",
            "indicator__result__pk",
            "indicator__position",
            "indicator__pk",
            "start",
        )
    )


def reportable_milestones(report: ProgressReport) -> QuerySet[Milestone]:
    """The project's milestones not reached yet, and those this report already names."""
    return (
        Milestone.objects.filter(project_id=report.project_id)
        .filter(Q(reached_on__isnull=True) | Q(reports=report))
        .distinct()
        .order_by("planned_date", "pk")
    )


@dataclass(frozen=True)
class ReportInput:
    """What a project lead writes in a report; empty values are allowed until submission."""

    status: str = ""
    progress: int | None = None
    narrative: str = ""
    spending_to_date: Decimal | None = None
    lessons_learned: str = ""
    milestones: list[Milestone] = field(default_factory=list)
    # Per indicator period (by primary key): a number, a text for a qualitative indicator, or
    # None / "" to take back a value given before.
    values: dict[int, Decimal | str | None] = field(default_factory=dict)


def _check_input(report: ProgressReport, data: ReportInput) -> dict[int, IndicatorPeriod]:
    if data.status and data.status not in ImplementationStatus.values:
        raise DomainError({"status": _("Choose one of the statuses.")})
    if data.progress is not None and not 0 <= data.progress <= 100:
        raise DomainError({"progress": _("Progress is a percentage from 0 to 100.")})
    if data.spending_to_date is not None and data.spending_to_date < 0:
        raise DomainError({"spending_to_date": _("Spending cannot be negative.")})
    allowed = set(reportable_milestones(report).values_list("pk", flat=True))
    if any(milestone.pk not in allowed for milestone in data.milestones):
        raise DomainError(
            {"milestones": _("Choose milestones of this project that have not been reached yet.")}
        )
    periods = {period.pk: period for period in reportable_periods(report)}
    for pk, value in data.values.items():
        period = periods.get(pk)
        if period is None:
            raise DomainError(_("This report cannot give a value for that indicator period."))
        expected = Decimal if period.indicator.is_quantitative else str
        if value not in (None, "") and not isinstance(value, expected):
            message = (
                _("%(indicator)s takes a number.")
                if expected is Decimal
                else _("%(indicator)s takes a text.")
            )
            raise DomainError(message % {"indicator": period.indicator.title})
    return periods


@transaction.atomic
def save_report(
    report: ProgressReport,
    *,
    user: AbstractBaseUser,
    data: ReportInput,
    version: int | None = None,
) -> ProgressReport:
    """Keep what the lead wrote so far, to finish and submit later.

    ``version`` is the one the lead loaded: a save over a change made since is refused.
    """
    report = _locked(report)
    check_may_write(report, user)
    periods = _check_input(report, data)
    if version is not None:
        report.version = version
    report.status = data.status
    report.progress = data.progress
    report.narrative = data.narrative
    report.spending_to_date = data.spending_to_date
    report.lessons_learned = data.lessons_learned
    report._history_user = user
    report.save()
    report.milestones_reached.set(data.milestones)
    for pk, value in data.values.items():
        if value in (None, ""):
            ReportedValue.objects.filter(report=report, period_id=pk).delete()
            continue
        quantitative = periods[pk].indicator.is_quantitative
        ReportedValue.objects.update_or_create(
            report=report,
            period_id=pk,
            defaults={
                "value": value if quantitative else None,
                "text": "" if quantitative else value,
            },
        )
    return report


@transaction.atomic
def save_and_submit_report(
    report: ProgressReport,
    *,
    user: AbstractBaseUser,
    data: ReportInput,
    version: int | None = None,
) -> ProgressReport:
    """Save and submit as one step: a refused submission keeps nothing of the save either."""
    report = save_report(report, user=user, data=data, version=version)
    return submit_report(report, user=user)


@transaction.atomic
def submit_report(report: ProgressReport, *, user: AbstractBaseUser) -> ProgressReport:
    report = _locked(report)
    check_may_write(report, user)
    missing = [
        str(ProgressReport._meta.get_field(name).verbose_name)
        for name in ("status", "narrative")
        if not getattr(report, name)
    ]
    if missing:
        raise DomainError(_("Fill in: %(fields)s.") % {"fields": ", ".join(missing)})
    report.state = ReportState.INGEDIEND
    report.submitted_at = timezone.now()
    report.submitted_by = user
    report._history_user = user
    report.save()
    return report


@transaction.atomic
def accept_report(
    report: ProgressReport, *, user: AbstractBaseUser | None = None
) -> ProgressReport:
    """The office accepts: indicator actuals and milestones reached become the project's."""
    report = _locked(report)
    if report.state != ReportState.INGEDIEND:
        raise DomainError(_("Only a submitted report can be accepted."))
    for value in report.values.select_related("period"):
        period = value.period
        period.actual, period.actual_text = value.value, value.text
        period.save()
    for milestone in report.milestones_reached.filter(reached_on__isnull=True):
        milestone.reached_on = report.period_end
        milestone.save()
    report.state = ReportState.GEACCEPTEERD
    report.reviewed_at = timezone.now()
    report.reviewed_by = user if user is not None and user.is_authenticated else None
    report._history_user = report.reviewed_by
    report.save()
    _mail(
        lead_addresses(report.project),
        _("Progress report on %(project)s accepted") % {"project": report.project.title},
        _("The programme office has accepted your report over the period until %(end)s.")
        % {"end": long_date(report.period_end)},
    )
    return report


@transaction.atomic
def return_report(
    report: ProgressReport, *, comment: str, user: AbstractBaseUser | None = None
) -> ProgressReport:
    report = _locked(report)
    if report.state != ReportState.INGEDIEND:
        raise DomainError(_("Only a submitted report can be returned."))
    if not comment.strip():
        raise DomainError({"comment": _("Say what the project lead should change.")})
    report.state = ReportState.TERUGGESTUURD
    report.review_comment = comment
    report.reviewed_at = timezone.now()
    report.reviewed_by = user if user is not None and user.is_authenticated else None
    report._history_user = report.reviewed_by
    report.save()
    _mail(
        lead_addresses(report.project),
        _("Progress report on %(project)s returned") % {"project": report.project.title},
        _("The programme office asks you to change your report:\n\n%(comment)s")
        % {"comment": comment},
    )
    return report


@transaction.atomic
def send_reminders(*, today: datetime.date | None = None) -> list[Reminder]:
    """Remind leads of reports due within two weeks, and of reports overdue; each once."""
    today = today or timezone.localdate()
    open_due_reports(today=today)
    sent = []
    reports = ProgressReport.objects.filter(
        state__in=EDITABLE_REPORT_STATES,
        due_date__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("project")
    for report in reports:
        kind = Reminder.OVERDUE if report.due_date < today else Reminder.BEFORE
        if Reminder.objects.filter(report=report, kind=kind).exists():
            continue
        if kind == Reminder.OVERDUE:
            subject = _("Progress report on %(project)s is overdue")
            body = _(
                "The report over the period until %(end)s was due on %(due)s. Please send it now."
            )
        else:
            subject = _("Progress report on %(project)s due on %(due)s")
            body = _("Please send the report over the period until %(end)s before %(due)s.")
        values = {
            "project": report.project.title,
            "end": long_date(report.period_end),
            "due": long_date(report.due_date),
        }
        _mail(lead_addresses(report.project), subject % values, body % values)
        sent.append(Reminder.objects.create(report=report, kind=kind))
    return sent
