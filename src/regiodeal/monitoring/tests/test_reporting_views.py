"""Project leads' pages: only their own projects, the report form, saving and submitting."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import URLPattern, reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from regiodeal.core.errors import DomainError
from regiodeal.monitoring import services, urls, views_reporting
from regiodeal.monitoring.constants import Measure, ReportState
from regiodeal.monitoring.models import (
    Indicator,
    IndicatorPeriod,
    Milestone,
    ProgressReport,
    ReportedValue,
    ReportingSchedule,
)
from regiodeal.monitoring.tests.factories import (
    indicator_with_period,
    open_report,
    project_with_lead,
)

pytestmark = pytest.mark.django_db

LOGIN = "/account/inloggen/"


def said(response, msgid: str, **params) -> bool:
    """The message in the site's language (Dutch), as the page escapes it."""
    with translation.override("nl"):
        text = gettext(msgid) % params if params else gettext(msgid)
    return escape(text) in response.content.decode()


def qualitative_period(project) -> IndicatorPeriod:
    result = project.results.first()
    indicator = Indicator.objects.create(
        result=result, title="Tevredenheid van ondernemers", measure=Measure.QUALITATIVE
    )
    return IndicatorPeriod.objects.create(
        indicator=indicator,
        start=datetime.date(2022, 1, 1),
        end=datetime.date(2022, 12, 31),
        target_text="Ondernemers zijn tevreden",
    )


@pytest.fixture
def mine(client):
    """A lead, logged in, with a project that has indicators, milestones and an open report."""
    project, lead = project_with_lead(title="Bedrijventerreinen", slug="bedrijventerreinen")
    number = indicator_with_period(project)
    text = qualitative_period(project)
    later = IndicatorPeriod.objects.create(
        indicator=number.indicator,
        start=datetime.date(2023, 1, 1),
        end=datetime.date(2023, 12, 31),
        target=D(150),
    )
    first = Milestone.objects.create(
        project=project, title="Pilotlocaties gekozen", planned_date=datetime.date(2022, 3, 31)
    )
    done = Milestone.objects.create(
        project=project,
        title="Startbijeenkomst",
        planned_date=datetime.date(2022, 1, 15),
        reached_on=datetime.date(2022, 1, 20),
    )
    report = open_report(project)
    client.force_login(lead)
    return {
        "project": project,
        "lead": lead,
        "report": report,
        "number": number,
        "text": text,
        "later": later,
        "milestone": first,
        "done": done,
    }


@pytest.fixture
def theirs():
    """Another lead's project and report."""
    project, lead = project_with_lead(title="Grensland", slug="grensland")
    period = indicator_with_period(project)
    report = open_report(project)
    report.status, report.narrative = "op_schema", "Hun eigen verhaal."
    report.save()
    return {"project": project, "lead": lead, "report": report, "period": period}


def form_data(report: ProgressReport, **changes) -> dict:
    data = {
        "loaded_version": report.version,
        "status": "op_schema",
        "progress": "30",
        "narrative": "De pilotlocaties zijn gekozen.",
        "spending_to_date": "125.000,50",
        "lessons_learned": "Betrek parkmanagers vroeg.",
        "action": "save",
    }
    return {**data, **changes}


def report_state(report: ProgressReport) -> tuple:
    report = ProgressReport.objects.get(pk=report.pk)
    return (
        report.state,
        report.version,
        report.status,
        report.narrative,
        report.spending_to_date,
        list(report.milestones_reached.all()),
        list(report.values.values_list("period_id", "value", "text")),
    )


def lead_patterns() -> list[URLPattern]:
    return [
        p
        for p in urls.urlpatterns
        if isinstance(p, URLPattern) and p.callback.__module__ == views_reporting.__name__
    ]


def test_the_lead_pages_are_the_ones_these_tests_cover():
    # A new page for project leads must be added to the 404 tests below, and every monitoring
    # page that names a project or a report must be one of them.
    assert sorted(p.name for p in lead_patterns()) == ["my_project", "my_projects", "my_report"]
    naming = [
        p.name
        for p in urls.urlpatterns
        if isinstance(p, URLPattern) and {"slug", "pk"} & set(p.pattern.converters)
    ]
    assert sorted(naming) == ["my_project", "my_report"]


def _url(pattern: URLPattern, slug: str, pk: int) -> str:
    params = {"slug": slug, "pk": pk}
    kwargs = {name: params[name] for name in pattern.pattern.converters}
    return reverse(f"monitoring:{pattern.name}", kwargs=kwargs)


def test_anonymous_visitors_are_sent_to_the_login_page(client, theirs):
    for pattern in lead_patterns():
        url = _url(pattern, theirs["project"].slug, theirs["report"].pk)
        for response in (client.get(url), client.post(url, {"action": "submit"})):
            assert response.status_code == 302, url
            assert response["Location"].startswith(f"{LOGIN}?next="), url


def test_every_lead_page_of_another_leads_project_or_report_is_not_found(client, mine, theirs):
    before = report_state(theirs["report"])
    own_slug, other_slug = mine["project"].slug, theirs["project"].slug
    own_pk, other_pk = mine["report"].pk, theirs["report"].pk
    # Their project with their report, their project with mine, and mine with theirs.
    combinations = [(other_slug, other_pk), (other_slug, own_pk), (own_slug, other_pk)]
    found = set()
    for pattern in lead_patterns():
        for slug, pk in combinations:
            if "pk" in pattern.pattern.converters or slug == other_slug:
                found.add(_url(pattern, slug, pk))
    found.discard(reverse("monitoring:my_projects"))  # takes no project: it lists one's own
    assert len(found) == 4
    post = form_data(theirs["report"], narrative="Overschreven", action="submit")
    for url in sorted(found):
        assert client.get(url).status_code == 404, url
        assert client.post(url, post).status_code == 404, url
    assert report_state(theirs["report"]) == before


def test_a_lead_who_also_leads_the_other_project_sees_it(client, mine, theirs):
    # The refusal above is about leading the project, not about the account.
    services.ProjectLead.objects.create(project=theirs["project"], user=mine["lead"])
    url = reverse("monitoring:my_report", args=[theirs["project"].slug, theirs["report"].pk])
    assert client.get(url).status_code == 200


def test_my_projects_lists_only_my_projects_with_reports_due_and_overdue(client, mine, theirs):
    report = mine["report"]
    ReportingSchedule.objects.create(
        project=mine["project"], interval_months=6, first_due=datetime.date(2022, 7, 1)
    )
    response = client.get(reverse("monitoring:my_projects"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bedrijventerreinen" in page and "Grensland" not in page
    assert reverse("monitoring:my_report", args=["bedrijventerreinen", report.pk]) in page
    assert said(response, "overdue")  # due in July 2022: long past


def test_a_report_not_yet_due_is_not_marked_overdue(client, mine):
    ProgressReport.objects.filter(pk=mine["report"].pk).update(
        due_date=datetime.date.today() + datetime.timedelta(days=10)
    )
    response = client.get(reverse("monitoring:my_projects"))
    assert not said(response, "overdue")


def test_accepted_reports_are_not_on_the_list_to_write(client, mine):
    ProgressReport.objects.filter(pk=mine["report"].pk).update(state=ReportState.GEACCEPTEERD)
    response = client.get(reverse("monitoring:my_projects"))
    assert said(response, "None at the moment.")


def test_the_project_page_shows_status_milestones_indicators_and_reports(client, mine):
    response = client.get(reverse("monitoring:my_project", args=["bedrijventerreinen"]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Pilotlocaties gekozen" in page and "Startbijeenkomst" in page
    assert "Banen in de regio" in page and "Tevredenheid van ondernemers" in page
    assert ">100<" in page and ">150<" in page  # the targets
    assert "Ondernemers zijn tevreden" in page
    assert reverse("monitoring:my_report", args=["bedrijventerreinen", mine["report"].pk]) in page


def test_the_report_form_offers_open_milestones_and_periods_begun_by_its_end(client, mine):
    url = reverse("monitoring:my_report", args=["bedrijventerreinen", mine["report"].pk])
    page = client.get(url).content.decode()
    assert f'name="period_{mine["number"].pk}"' in page
    assert f'name="period_{mine["text"].pk}"' in page
    assert f'name="period_{mine["later"].pk}"' not in page  # 2023 begins after June 2022
    assert f'value="{mine["milestone"].pk}"' in page
    assert f'value="{mine["done"].pk}"' not in page  # already reached
    assert "<legend>" in page  # status and milestones as groups with a legend


def test_saving_keeps_the_draft_with_dutch_amounts_and_indicator_values(client, mine):
    report = mine["report"]
    url = reverse("monitoring:my_report", args=["bedrijventerreinen", report.pk])
    data = form_data(
        report,
        milestones=[mine["milestone"].pk],
        **{f"period_{mine['number'].pk}": "1.234,5", f"period_{mine['text'].pk}": "Goed"},
    )
    response = client.post(url, data)
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.state == ReportState.OPEN
    assert report.spending_to_date == D("125000.50")
    assert report.progress == 30
    assert list(report.milestones_reached.all()) == [mine["milestone"]]
    assert ReportedValue.objects.get(report=report, period=mine["number"]).value == D("1234.5")
    assert ReportedValue.objects.get(report=report, period=mine["text"]).text == "Goed"
    page = client.get(url).content.decode()
    assert 'value="125.000,5"' in page and 'value="1.234,5"' in page
    assert report.history.first().history_user == mine["lead"]


def test_emptying_an_indicator_value_takes_it_back(client, mine):
    report = mine["report"]
    ReportedValue.objects.create(report=report, period=mine["number"], value=D(12))
    url = reverse("monitoring:my_report", args=["bedrijventerreinen", report.pk])
    client.post(url, form_data(report, **{f"period_{mine['number'].pk}": ""}))
    assert not report.values.exists()


def test_submitting_without_a_status_is_refused_and_changes_nothing(client, mine):
    report = mine["report"]
    before = report_state(report)
    url = reverse("monitoring:my_report", args=["bedrijventerreinen", report.pk])
    response = client.post(url, form_data(report, status="", action="submit"))
    assert response.status_code == 200
    with translation.override("nl"):
        missing = str(ProgressReport._meta.get_field("status").verbose_name)
    assert said(response, "Fill in: %(fields)s.", fields=missing)
    assert "De pilotlocaties zijn gekozen." in response.content.decode()  # input kept on screen
    assert report_state(report) == before  # not even the rest was saved


def test_an_unreadable_amount_is_refused_and_changes_nothing(client, mine):
    report = mine["report"]
    before = report_state(report)
    url = reverse("monitoring:my_report", args=["bedrijventerreinen", report.pk])
    response = client.post(url, form_data(report, spending_to_date="12,34,5"))
    assert response.status_code == 200
    assert said(response, "Enter an amount in euros, such as 125.000,50.")
    assert report_state(report) == before


def test_a_milestone_of_another_project_is_refused(client, mine, theirs):
    other = Milestone.objects.create(
        project=theirs["project"], title="Hun mijlpaal", planned_date=datetime.date(2022, 5, 1)
    )
    report = mine["report"]
    before = report_state(report)
    url = reverse("monitoring:my_report", args=["bedrijventerreinen", report.pk])
    response = client.post(url, form_data(report, milestones=[other.pk]))
    assert response.status_code == 200
    assert report_state(report) == before


def test_a_save_over_a_newer_version_is_refused(client, mine):
    report = mine["report"]
    url = reverse("monitoring:my_report", args=["bedrijventerreinen", report.pk])
    stale = form_data(report)
    client.post(url, form_data(report, narrative="Eerste versie"))
    before = report_state(report)
    response = client.post(url, {**stale, "narrative": "Oude versie"})
    assert response.status_code == 200
    assert said(
        response,
        "Someone else changed this record after you opened it. Reload it, check their change "
        "and make yours again.",
    )
    assert report_state(report) == before


def test_submitting_sends_it_to_the_office_and_closes_it(client, mine):
    report = mine["report"]
    url = reverse("monitoring:my_report", args=["bedrijventerreinen", report.pk])
    response = client.post(url, form_data(report, action="submit"), follow=True)
    assert said(response, "Your report has been submitted to the programme office.")
    report.refresh_from_db()
    assert report.state == ReportState.INGEDIEND
    assert report.submitted_by == mine["lead"]
    assert report.narrative == "De pilotlocaties zijn gekozen."
    page = client.get(url).content.decode()
    assert '<form method="post" novalidate>' not in page  # read-only now
    assert "€\u00a0125.000,50" in page


@pytest.mark.parametrize("state", [ReportState.INGEDIEND, ReportState.GEACCEPTEERD])
def test_a_submitted_or_accepted_report_cannot_be_changed(client, mine, state):
    report = mine["report"]
    report.status, report.narrative = "op_schema", "Zoals ingediend."
    report.save()
    ProgressReport.objects.filter(pk=report.pk).update(state=state)
    before = report_state(report)
    url = reverse("monitoring:my_report", args=["bedrijventerreinen", report.pk])
    response = client.post(url, form_data(report, narrative="Later veranderd"), follow=True)
    report.refresh_from_db()
    assert said(
        response,
        "This report can no longer be changed (%(state)s).",
        state=_state_label(state),
    )
    assert report_state(report) == before


def _state_label(state: ReportState) -> str:
    with translation.override("nl"):
        return str(ReportState(state).label)


def test_a_returned_report_shows_the_offices_comment_and_can_be_submitted_again(client, mine):
    report = mine["report"]
    report.status, report.narrative = "risico", "Vertraging."
    report.save()
    services.submit_report(report, user=mine["lead"])
    services.return_report(report, comment="Licht de vertraging toe.")
    report.refresh_from_db()
    url = reverse("monitoring:my_report", args=["bedrijventerreinen", report.pk])
    page = client.get(url).content.decode()
    assert "Licht de vertraging toe." in page
    assert 'name="narrative"' in page
    client.post(
        url, form_data(report, narrative="Vertraging door de aanbesteding.", action="submit")
    )
    report.refresh_from_db()
    assert report.state == ReportState.INGEDIEND
    assert report.narrative == "Vertraging door de aanbesteding."


# The service refuses what a hand-made request could send past the form; nothing is saved.


def test_the_service_refuses_a_period_or_milestone_of_another_project(mine, theirs):
    report = mine["report"]
    before = report_state(report)
    other_milestone = Milestone.objects.create(
        project=theirs["project"], title="Hun mijlpaal", planned_date=datetime.date(2022, 5, 1)
    )
    refusals = [
        services.ReportInput(values={theirs["period"].pk: D(5)}),
        services.ReportInput(values={mine["later"].pk: D(5)}),  # begins after the report's end
        services.ReportInput(milestones=[other_milestone]),
        services.ReportInput(milestones=[mine["done"]]),  # reached already
        services.ReportInput(progress=120),
        services.ReportInput(status="prima"),
        services.ReportInput(spending_to_date=D(-1)),
        services.ReportInput(values={mine["number"].pk: "veel"}),
    ]
    for data in refusals:
        with pytest.raises(DomainError):
            services.save_report(report, user=mine["lead"], data=data)
    assert report_state(report) == before


def test_the_service_refuses_someone_who_does_not_lead_the_project(mine, theirs):
    report = mine["report"]
    before = report_state(report)
    with pytest.raises(DomainError) as refused:
        services.save_report(report, user=theirs["lead"], data=services.ReportInput(narrative="x"))
    with translation.override("nl"):
        assert refused.value.messages == [gettext("Only the project's leads report on it.")]
    assert report_state(report) == before
