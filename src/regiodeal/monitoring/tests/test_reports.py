"""The reporting cycle: only leads write, the office accepts or returns, reminders once."""

import datetime
from decimal import Decimal as D

import pytest
from django.core import mail

from regiodeal.calls.tests.factories import UserFactory
from regiodeal.core.errors import DomainError
from regiodeal.monitoring import services
from regiodeal.monitoring.constants import ReportState
from regiodeal.monitoring.models import Milestone, Reminder, ReportedValue, ReportingSchedule
from regiodeal.monitoring.tests.factories import (
    indicator_with_period,
    open_report,
    project_with_lead,
)

pytestmark = pytest.mark.django_db


def test_only_the_projects_lead_may_submit():
    project, lead = project_with_lead()
    report = open_report(project)
    report.status, report.narrative = "op_schema", "Alles loopt."
    report.save()
    with pytest.raises(DomainError):
        services.submit_report(report, user=UserFactory())
    report.refresh_from_db()
    assert report.state == ReportState.OPEN
    assert list(services.projects_of(lead)) == [project]
    assert not services.projects_of(UserFactory()).exists()


def test_submission_needs_status_and_narrative():
    project, lead = project_with_lead()
    report = open_report(project)
    with pytest.raises(DomainError):
        services.submit_report(report, user=lead)
    assert report.__class__.objects.get(pk=report.pk).state == ReportState.OPEN


def test_acceptance_makes_the_reported_actuals_and_milestones_the_projects(
    django_capture_on_commit_callbacks,
):
    project, lead = project_with_lead()
    period = indicator_with_period(project)
    milestone = Milestone.objects.create(
        project=project, title="Eerste pilot", planned_date=datetime.date(2022, 5, 1)
    )
    report = open_report(project)
    report.status, report.narrative = "op_schema", "De pilot is gestart."
    report.save()
    report.milestones_reached.add(milestone)
    ReportedValue.objects.create(report=report, period=period, value=D(70))
    services.submit_report(report, user=lead)
    with django_capture_on_commit_callbacks(execute=True):
        services.accept_report(report, user=UserFactory(is_staff=True))

    period.refresh_from_db()
    milestone.refresh_from_db()
    assert period.actual == D(70)
    assert milestone.reached_on == report.period_end
    assert mail.outbox[-1].to == [lead.email]
    with pytest.raises(DomainError):
        services.submit_report(report, user=lead)  # accepted: final


def test_a_returned_report_can_be_changed_and_submitted_again():
    project, lead = project_with_lead()
    report = open_report(project)
    report.status, report.narrative = "risico", "Vertraging bij de aanbesteding."
    report.save()
    services.submit_report(report, user=lead)
    with pytest.raises(DomainError):
        services.return_report(report, comment=" ")
    services.return_report(report, comment="Licht de vertraging toe.")
    report.refresh_from_db()
    assert report.state == ReportState.TERUGGESTUURD
    services.check_may_write(report, lead)
    services.submit_report(report, user=lead)


def test_reminders_before_and_after_the_due_date_are_sent_once(
    django_capture_on_commit_callbacks,
):
    project, lead = project_with_lead()
    ReportingSchedule.objects.create(
        project=project, interval_months=6, first_due=datetime.date(2022, 7, 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        before = services.send_reminders(today=datetime.date(2022, 6, 20))
    assert [r.kind for r in before] == [Reminder.BEFORE]
    assert mail.outbox[-1].to == [lead.email]
    assert services.send_reminders(today=datetime.date(2022, 6, 25)) == []
    overdue = services.send_reminders(today=datetime.date(2022, 7, 5))
    assert [r.kind for r in overdue] == [Reminder.OVERDUE]
    assert project.reports.get().period_start == datetime.date(2022, 1, 1)


def test_due_dates_follow_the_schedule():
    project, _ = project_with_lead()
    schedule = ReportingSchedule.objects.create(
        project=project, interval_months=6, first_due=datetime.date(2022, 1, 31)
    )
    assert services.due_dates(schedule, datetime.date(2023, 2, 1)) == [
        datetime.date(2022, 1, 31),
        datetime.date(2022, 7, 31),
        datetime.date(2023, 1, 31),
    ]
