"""``regiodeal monitoring send-reminders``: opens due reports, reminds once, says so in Dutch."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from regiodeal.calls.tests.factories import UserFactory
from regiodeal.monitoring.models import ProgressReport, ProjectLead, Reminder, ReportingSchedule
from regiodeal.monitoring.tests.factories import project_with_lead

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    output = io.StringIO()
    call_command("monitoring", *args, stdout=output)
    return output.getvalue()


@pytest.fixture
def scheduled():
    project, lead = project_with_lead(title="Bedrijventerreinen")
    ReportingSchedule.objects.create(
        project=project, interval_months=6, first_due=datetime.date(2022, 7, 1)
    )
    return project, lead


def test_it_opens_the_report_due_and_reminds_the_lead(
    scheduled, django_capture_on_commit_callbacks
):
    project, lead = scheduled
    with django_capture_on_commit_callbacks(execute=True):
        output = run("send-reminders", "--today", "2022-06-20")
    assert "Monitoring op 20 juni 2022:" in output
    assert "1 rapportage geopend:" in output
    assert (
        "Bedrijventerreinen – periode 1 januari 2022 t/m 30 juni 2022, "
        "in te leveren op 1 juli 2022" in output
    )
    assert "1 herinnering verstuurd:" in output
    assert f"herinnering vóór de inleverdatum (aan {lead.email})" in output
    assert [m.to for m in mail.outbox] == [[lead.email]]
    assert project.reports.get().due_date == datetime.date(2022, 7, 1)


def test_a_second_run_sends_nothing_again_and_says_so(scheduled):
    run("send-reminders", "--today", "2022-06-20")
    output = run("send-reminders", "--today", "2022-06-21")
    assert "Geen nieuwe rapportages te openen." in output
    assert "Geen herinneringen te versturen." in output
    assert Reminder.objects.count() == 1


def test_after_the_due_date_it_reminds_of_the_overdue_report(scheduled):
    run("send-reminders", "--today", "2022-06-20")
    output = run("send-reminders", "--today", "2022-07-05")
    assert "te laat (aan" in output
    assert sorted(Reminder.objects.values_list("kind", flat=True)) == ["before", "overdue"]


def test_a_lead_without_an_address_is_named_as_such(scheduled):
    _project, lead = scheduled
    lead.email = ""
    lead.save()
    output = run("send-reminders", "--today", "2022-06-20")
    assert "(aan geen e-mailadres bekend)" in output


def test_every_lead_of_the_project_is_reminded(scheduled, django_capture_on_commit_callbacks):
    project, lead = scheduled
    second = UserFactory(email="tweede@example.org")
    ProjectLead.objects.create(project=project, user=second)
    with django_capture_on_commit_callbacks(execute=True):
        output = run("send-reminders", "--today", "2022-06-20")
    assert f"(aan {lead.email}, tweede@example.org)" in output or (
        f"(aan tweede@example.org, {lead.email})" in output
    )
    assert sorted(mail.outbox[0].to) == sorted([lead.email, "tweede@example.org"])


def test_a_wrong_date_is_refused_in_dutch_and_changes_nothing(scheduled):
    with pytest.raises(
        CommandError, match="'20-06-2022' is geen datum; schrijf hem als JJJJ-MM-DD"
    ):
        run("send-reminders", "--today", "20-06-2022")
    assert not ProgressReport.objects.exists()
    assert not Reminder.objects.exists()


def test_without_anything_due_it_says_there_is_nothing_to_do(scheduled):
    output = run("send-reminders", "--today", "2022-01-10")
    assert "Geen nieuwe rapportages te openen." in output
    assert "Geen herinneringen te versturen." in output
