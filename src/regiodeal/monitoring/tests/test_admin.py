"""The monitoring back office: the office reviews reports and keeps results and indicators;
the steering group reads along; refusals change nothing."""

import datetime
from decimal import Decimal as D

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from regiodeal.core.roles import Role, group_of
from regiodeal.monitoring import services
from regiodeal.monitoring.constants import ReportState
from regiodeal.monitoring.models import (
    BroadProsperityTheme,
    Indicator,
    InterventionElement,
    Milestone,
    ProgressReport,
    ProjectLead,
    ReportedValue,
    ReportingSchedule,
    Result,
)
from regiodeal.monitoring.tests.factories import (
    indicator_with_period,
    open_report,
    project_with_lead,
)

pytestmark = pytest.mark.django_db


def login_as(client, role: Role, name: str = "") -> User:
    user = User.objects.create_user(name or role.value, is_staff=True)
    user.groups.add(group_of(role))
    client.force_login(user)
    return user


def said(response, msgid: str, **params) -> bool:
    """The message in the language of the back office (Dutch), as the page escapes it."""
    with translation.override("nl"):
        text = gettext(msgid) % params if params else gettext(msgid)
    return escape(text) in response.content.decode()


def url(name: str, *args) -> str:
    return reverse(f"admin:monitoring_{name}", args=args)


def form_values(response, form_id: str) -> dict:
    """What the browser would send back for the form as the page shows it."""
    form = BeautifulSoup(response.content, "html.parser").find("form", id=form_id)
    data: dict = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        kind = field.get("type", "")
        if not name or kind in ("submit", "button", "file"):
            continue
        if kind in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "select":
            chosen = [o.get("value", "") for o in field.find_all("option", selected=True)]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
        elif field.name == "textarea":
            data[name] = field.text.removeprefix("\n")
        else:
            data[name] = field.get("value", "")
    return data


@pytest.fixture
def submitted():
    """A submitted report with an indicator actual and a milestone reached."""
    project, lead = project_with_lead(title="Bedrijventerreinen", slug="bedrijventerreinen")
    period = indicator_with_period(project)
    milestone = Milestone.objects.create(
        project=project, title="Pilotlocaties gekozen", planned_date=datetime.date(2022, 3, 31)
    )
    report = open_report(project)
    report.status, report.narrative = "op_schema", "De pilot loopt."
    report.save()
    report.milestones_reached.add(milestone)
    ReportedValue.objects.create(report=report, period=period, value=D(70))
    services.submit_report(report, user=lead)
    report.refresh_from_db()
    return {"report": report, "lead": lead, "period": period, "milestone": milestone}


def snapshot(report: ProgressReport) -> tuple:
    report = ProgressReport.objects.get(pk=report.pk)
    return (report.state, report.version, report.review_comment, report.reviewed_by_id)


def test_the_office_lists_reports_filtered_by_state_and_overdue(client, submitted):
    login_as(client, Role.MEDEWERKER)
    late, _lead = project_with_lead(title="Te laat project", slug="te-laat")
    open_report(late, due=datetime.date(2022, 7, 1))
    changelist = url("progressreport_changelist")
    page = client.get(changelist).content.decode()
    assert "Bedrijventerreinen" in page and "Te laat project" in page
    overdue = client.get(changelist, {"overdue": "yes"}).content.decode()
    assert "Te laat project" in overdue and "Bedrijventerreinen" not in overdue
    not_overdue = client.get(changelist, {"overdue": "no"}).content.decode()
    assert "Bedrijventerreinen" in not_overdue and "Te laat project" not in not_overdue
    ingediend = client.get(changelist, {"state__exact": "ingediend"}).content.decode()
    assert "Bedrijventerreinen" in ingediend and "Te laat project" not in ingediend
    programme = submitted["report"].project.programme
    by_programme = client.get(changelist, {"project__programme__id__exact": programme.pk})
    assert "Bedrijventerreinen" in by_programme.content.decode()
    assert client.get(changelist, {"status__exact": "op_schema"}).status_code == 200


def test_the_report_page_shows_the_leads_report_read_only_with_review_links(client, submitted):
    login_as(client, Role.MEDEWERKER)
    report = submitted["report"]
    response = client.get(url("progressreport_change", report.pk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "De pilot loopt." in page and "Pilotlocaties gekozen" in page
    assert url("progressreport_accept", report.pk) in page
    assert url("progressreport_return", report.pk) in page
    assert 'name="narrative"' not in page
    # Nor can a hand-made POST change it: the page is closed once the report is submitted.
    before = snapshot(report)
    data = {"period_start": "01-01-2021", "period_end": "30-06-2021", "due_date": "01-07-2021"}
    assert client.post(url("progressreport_change", report.pk), data).status_code == 403
    assert snapshot(report) == before


def test_accepting_makes_the_actuals_and_milestones_the_projects(
    client, submitted, django_capture_on_commit_callbacks
):
    office = login_as(client, Role.MEDEWERKER)
    report = submitted["report"]
    assert client.get(url("progressreport_accept", report.pk)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("progressreport_accept", report.pk), follow=True)
    assert said(response, "Report %(report)s accepted.", report=report)
    report.refresh_from_db()
    submitted["period"].refresh_from_db()
    submitted["milestone"].refresh_from_db()
    assert (report.state, report.reviewed_by) == (ReportState.GEACCEPTEERD, office)
    assert submitted["period"].actual == D(70)
    assert submitted["milestone"].reached_on == report.period_end
    assert mail.outbox[-1].to == [submitted["lead"].email]


def test_accepting_a_report_that_is_not_submitted_is_refused_and_changes_nothing(client):
    login_as(client, Role.MEDEWERKER)
    project, _lead = project_with_lead()
    report = open_report(project)
    before = snapshot(report)
    page = client.get(url("progressreport_accept", report.pk))
    assert page.status_code == 200
    response = client.post(url("progressreport_accept", report.pk), follow=True)
    assert said(response, "Only a submitted report can be accepted.")
    assert snapshot(report) == before


def test_returning_needs_a_comment_and_then_reopens_the_report_for_its_lead(
    client, submitted, django_capture_on_commit_callbacks
):
    login_as(client, Role.BEHEERDER)
    report = submitted["report"]
    before = snapshot(report)
    response = client.post(url("progressreport_return", report.pk), {"comment": "  "})
    assert response.status_code == 200
    assert said(response, "Say what the project lead should change.")
    assert snapshot(report) == before
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("progressreport_return", report.pk),
            {"comment": "Licht de vertraging toe."},
            follow=True,
        )
    assert said(response, "Report %(report)s returned to the project lead.", report=report)
    report.refresh_from_db()
    assert report.state == ReportState.TERUGGESTUURD
    assert report.review_comment == "Licht de vertraging toe."
    assert "Licht de vertraging toe." in mail.outbox[-1].body
    services.check_may_write(report, submitted["lead"])  # the lead may change it again


def test_the_bulk_action_accepts_submitted_reports_and_reports_the_others(client, submitted):
    login_as(client, Role.MEDEWERKER)
    other, _lead = project_with_lead(title="Nog niet ingediend")
    still_open = open_report(other)
    before = snapshot(still_open)
    response = client.post(
        url("progressreport_changelist"),
        {"action": "accept", "_selected_action": [submitted["report"].pk, still_open.pk]},
        follow=True,
    )
    assert said(response, "Only a submitted report can be accepted.")
    submitted["report"].refresh_from_db()
    assert submitted["report"].state == ReportState.GEACCEPTEERD
    assert snapshot(still_open) == before


def test_the_steering_group_reads_but_does_not_review_or_edit(client, submitted):
    login_as(client, Role.STUURGROEPLID)
    report = submitted["report"]
    before = snapshot(report)
    assert client.get(url("progressreport_changelist")).status_code == 200
    page = client.get(url("progressreport_change", report.pk)).content.decode()
    assert "De pilot loopt." in page
    assert url("progressreport_accept", report.pk) not in page
    for name in ("progressreport_accept", "progressreport_return"):
        assert client.get(url(name, report.pk)).status_code == 403
        assert client.post(url(name, report.pk), {"comment": "Nee"}).status_code == 403
    response = client.post(
        url("progressreport_changelist"),
        {"action": "accept", "_selected_action": [report.pk]},
    )
    assert response.status_code in (200, 302)
    assert snapshot(report) == before
    assert client.get(url("result_add")).status_code == 403
    assert client.get(url("result_changelist")).status_code == 200


def test_portfolio_holders_and_project_leads_have_no_monitoring_back_office(client, submitted):
    login_as(client, Role.PORTEFEUILLEHOUDER)
    assert client.get(url("progressreport_changelist")).status_code == 403
    assert client.get(url("indicator_changelist")).status_code == 403
    client.force_login(submitted["lead"])  # not staff: sent to the login page
    response = client.get(url("progressreport_changelist"))
    assert response.status_code == 302 and "/beheer/login/" in response["Location"]


def test_the_office_schedules_a_report_by_hand_and_a_backwards_period_is_refused(client):
    login_as(client, Role.MEDEWERKER)
    project, _lead = project_with_lead()
    data = {
        "project": project.pk,
        "period_start": "01-07-2022",
        "period_end": "30-06-2022",
        "due_date": "01-07-2022",
    }
    response = client.post(url("progressreport_add"), data)
    assert response.status_code == 200
    assert said(response, "A period cannot end before it starts.")
    assert not ProgressReport.objects.exists()
    response = client.post(url("progressreport_add"), {**data, "period_start": "01-01-2022"})
    assert response.status_code == 302
    report = ProgressReport.objects.get()
    assert (report.period_start, report.state) == (datetime.date(2022, 1, 1), ReportState.OPEN)


def test_the_office_moves_the_due_date_of_an_open_report(client):
    login_as(client, Role.MEDEWERKER)
    project, _lead = project_with_lead()
    report = open_report(project)
    page = client.get(url("progressreport_change", report.pk))
    data = form_values(page, "progressreport_form")
    data["due_date"] = "15-07-2022"
    response = client.post(url("progressreport_change", report.pk), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.due_date == datetime.date(2022, 7, 15)


def test_a_submitted_report_cannot_be_deleted(client, submitted):
    login_as(client, Role.BEHEERDER)
    report = submitted["report"]
    assert client.get(url("progressreport_delete", report.pk)).status_code == 403
    assert client.post(url("progressreport_delete", report.pk), {"post": "yes"}).status_code == 403
    assert ProgressReport.objects.filter(pk=report.pk).exists()


def test_a_past_version_of_a_report_cannot_be_restored(client, submitted):
    login_as(client, Role.BEHEERDER)
    report = submitted["report"]
    version = report.history.last()
    history = reverse(
        "admin:monitoring_progressreport_simple_history", args=[report.pk, version.history_id]
    )
    assert client.get(history).status_code == 200
    before = snapshot(report)
    assert client.post(history, {"due_date": "01-01-2030"}).status_code == 403
    assert snapshot(report) == before


def test_a_result_is_added_with_its_indicators_and_their_broad_prosperity_themes(client):
    login_as(client, Role.MEDEWERKER)
    project, _lead = project_with_lead()
    milieu = BroadProsperityTheme.objects.get(slug="milieu")
    prefix = "indicators"
    data = {
        "project": project.pk,
        "kind": "outcome",
        "title": "Energieneutrale bedrijventerreinen",
        "description": "",
        "position": "0",
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-title": "Aangesloten bedrijven",
        f"{prefix}-0-unit": "bedrijven",
        f"{prefix}-0-measure": "number",
        f"{prefix}-0-ascending": "on",
        f"{prefix}-0-baseline_value": "12,5",
        f"{prefix}-0-baseline_year": "2021",
        f"{prefix}-0-baseline_text": "",
        f"{prefix}-0-broad_prosperity": [milieu.pk],
        f"{prefix}-0-position": "0",
    }
    response = client.post(url("result_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    indicator = Indicator.objects.get(result__project=project)
    assert indicator.baseline_value == D("12.5")
    assert list(indicator.broad_prosperity.all()) == [milieu]


def test_an_indicator_gets_periods_with_targets_typed_the_dutch_way(client):
    login_as(client, Role.MEDEWERKER)
    project, _lead = project_with_lead()
    period = indicator_with_period(project)
    indicator = period.indicator
    page = client.get(url("indicator_change", indicator.pk))
    assert page.status_code == 200
    data = form_values(page, "indicator_form")
    data.update(
        {
            "periods-TOTAL_FORMS": "2",
            "periods-1-start": "01-01-2023",
            "periods-1-end": "31-12-2023",
            "periods-1-target": "150,5",
            "periods-1-indicator": str(indicator.pk),
        }
    )
    response = client.post(url("indicator_change", indicator.pk), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(indicator.periods.values_list("target", flat=True)) == [D(100), D("150.5")]


def test_the_project_page_keeps_milestones_schedule_and_leads_beside_place_shares(client):
    login_as(client, Role.MEDEWERKER)
    project, lead = project_with_lead(title="Dorpshuis", slug="dorpshuis")
    newcomer = User.objects.create_user("projectleider9", email="pl9@example.org")
    change = reverse("admin:projects_project_change", args=[project.pk])
    page = client.get(change)
    assert page.status_code == 200
    data = form_values(page, "project_form")
    for prefix in ("place_shares", "milestones", "reporting", "leads"):
        assert f"{prefix}-TOTAL_FORMS" in data, prefix
    data.update(
        {
            "milestones-TOTAL_FORMS": "1",
            "milestones-0-title": "Bouw gestart",
            "milestones-0-planned_date": "01-09-2022",
            "milestones-0-weight": "2",
            "reporting-TOTAL_FORMS": "1",
            "reporting-0-interval_months": "6",
            "reporting-0-first_due": "01-07-2022",
            "leads-TOTAL_FORMS": "2",
            "leads-1-user": str(newcomer.pk),
        }
    )
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert project.milestones.get().weight == 2
    assert ReportingSchedule.objects.get(project=project).interval_months == 6
    assert set(ProjectLead.objects.filter(project=project).values_list("user", flat=True)) == {
        lead.pk,
        newcomer.pk,
    }


def test_the_steering_group_sees_the_project_inlines_read_only(client):
    login_as(client, Role.STUURGROEPLID)
    project, _lead = project_with_lead()
    Milestone.objects.create(
        project=project, title="Zichtbare mijlpaal", planned_date=datetime.date(2022, 9, 1)
    )
    page = client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert "Zichtbare mijlpaal" in page.content.decode()
    assert 'name="milestones-0-title"' not in page.content.decode()


def test_intervention_elements_are_kept_by_the_office(client):
    login_as(client, Role.MEDEWERKER)
    project, _lead = project_with_lead()
    data = {
        "name": "Binationaal",
        "slug": "binationaal",
        "description": "",
        "projects": [project.pk],
    }
    response = client.post(url("interventionelement_add"), data)
    assert response.status_code == 302
    assert list(InterventionElement.objects.get().projects.all()) == [project]
    assert client.get(url("interventionelement_changelist")).status_code == 200


def test_results_list_counts_indicators(client):
    login_as(client, Role.MEDEWERKER)
    project, _lead = project_with_lead()
    indicator_with_period(project)
    response = client.get(url("result_changelist"))
    assert response.status_code == 200
    assert Result.objects.get().title in response.content.decode()
