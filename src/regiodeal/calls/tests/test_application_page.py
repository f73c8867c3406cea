"""The application's own page: the form with Dutch amounts and new organisations, submission
and the lock after it, the repair period, the timeline, the allocation's outcome, withdrawal.

Every refusal is checked to change nothing; messages are compared as in ``test_public_views``.
"""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from regiodeal.calls import allocation_runs, applicant
from regiodeal.calls import applications as flow
from regiodeal.calls.constants import ApplicationState as S
from regiodeal.calls.tests.factories import (
    AFTER_DEADLINE,
    UserFactory,
    make_call,
    reviewed_application,
)
from regiodeal.calls.tests.test_public_views import (
    DAY,
    draft,
    form_data,
    moment,
    nl,
    open_call,
    said,
    unchanged,
)
from regiodeal.decisions.tests.factories import make_meeting
from regiodeal.organisations.models import Organisation
from regiodeal.organisations.tests.factories import OrganisationFactory
from regiodeal.programmes.tests.factories import FunderContributionFactory, PillarFactory

pytestmark = pytest.mark.django_db


# --- The application ---------------------------------------------------------------------
def test_only_the_applicant_sees_the_application(client):
    application = draft(open_call())
    url = application.get_absolute_url()
    assert client.get(url)["Location"].startswith(reverse("calls:login"))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    assert client.post(url, form_data(application)).status_code == 404
    office = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(office)
    assert client.get(url).status_code == 404
    client.force_login(application.applicant)
    response = client.get(url)
    assert response.status_code == 200
    assert "Kansrijk; let op de begroting." in response.content.decode()  # the pre-check advice


def test_an_idea_waits_for_the_pre_check_before_the_form_opens(client):
    application = draft(open_call(), pre_checked=False)
    client.force_login(application.applicant)
    response = client.get(application.get_absolute_url())
    assert said(
        response,
        "You can write the application once the programme office has pre-checked your idea "
        "and sent its advice.",
    )
    assert 'name="action"' not in response.content.decode()


def test_saving_reads_dutch_amounts_and_adds_new_organisations(client):
    application = draft(open_call())
    known = OrganisationFactory(name="Gemeente Emmen")
    client.force_login(application.applicant)
    response = client.post(
        application.get_absolute_url(), form_data(application, partners=[known.pk])
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == S.VOORGETOETST
    assert application.eligible_costs == D("1234567.89")
    assert application.co_financing == D("600000")
    assert application.requested_amount == D("480000.00")
    assert application.lead_organisation.name == "Stichting Buurtkracht"
    assert application.lead_organisation.kvk_number == "12345678"
    partners = {(o.name, o.kvk_number) for o in application.partners.all()}
    assert partners == {
        ("Gemeente Emmen", ""),
        ("Dorpsbelang Emmen", ""),
        ("Sportclub Zuid", "87654321"),
    }
    assert [m.code for m in application.places.all()] == ["GM0114"]

    # Saved again: the organisations are found, not made twice, and amounts show the Dutch way.
    client.post(application.get_absolute_url(), form_data(application, partners=[known.pk]))
    assert Organisation.objects.filter(kvk_number="12345678").count() == 1
    assert Organisation.objects.filter(name="Dorpsbelang Emmen").count() == 1
    page = client.get(application.get_absolute_url()).content.decode()
    assert 'value="1.234.567,89"' in page and 'value="480.000"' in page


@pytest.mark.parametrize("amount", ["1234.56", "12,34,56", "veel", "1.234,567"])
def test_a_bad_amount_is_refused_and_nothing_changes(client, amount):
    application = draft(open_call())
    before = unchanged(application)
    client.force_login(application.applicant)
    response = client.post(
        application.get_absolute_url(), form_data(application, eligible_costs=amount)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert said(response, "Enter an amount in euros, such as 1.234.567,89.") or (
        "Zorg dat er niet meer dan 2 cijfers achter de komma staan." in page
    )
    assert 'aria-invalid="true"' in page and "id_eligible_costs_error" in page
    assert unchanged(application) == before
    assert not Organisation.objects.filter(name="Stichting Buurtkracht").exists()


def test_an_incomplete_submission_shows_what_is_missing_and_changes_nothing(client):
    application = draft(open_call())
    before = unchanged(application)
    client.force_login(application.applicant)
    response = client.post(
        application.get_absolute_url(),
        form_data(application, summary="", places=[], action="submit"),
    )
    assert response.status_code == 200
    fields = ", ".join(nl(label) for label in ("summary", "places"))
    assert said(response, "Fill in: %(fields)s.", fields=fields)
    assert unchanged(application) == before  # not even the fields that were filled in
    assert 'value="Stichting Buurtkracht"' in response.content.decode()  # the input is kept


def test_a_budget_above_the_costs_is_refused_on_submission(client):
    application = draft(open_call())
    before = unchanged(application)
    client.force_login(application.applicant)
    response = client.post(
        application.get_absolute_url(),
        form_data(application, requested_amount="2.000.000", action="submit"),
    )
    assert said(response, "The requested amount is more than the eligible costs.")
    assert unchanged(application) == before


def test_submission_locks_the_application(client):
    application = draft(open_call())
    client.force_login(application.applicant)
    response = client.post(application.get_absolute_url(), form_data(application, action="submit"))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == S.INGEDIEND and application.submitted_at is not None

    before = unchanged(application)
    page = client.get(application.get_absolute_url())
    assert 'name="action"' not in page.content.decode()
    assert said(
        page,
        "This application can no longer be changed (%(state)s).",
        state=nl("submitted"),
    )
    response = client.post(
        application.get_absolute_url(), form_data(application, summary="Stiekem gewijzigd.")
    )
    assert said(
        response, "This application can no longer be changed (%(state)s).", state=nl("submitted")
    )
    assert unchanged(application) == before


def test_after_the_deadline_the_form_is_read_only_and_a_save_is_refused(client):
    call = open_call()
    application = draft(call)
    call.registration_deadline = call.opens_at + DAY
    call.application_deadline = timezone.now() - DAY
    call.save()
    before = unchanged(application)
    client.force_login(application.applicant)
    reason = nl(
        "The deadline for applications passed on %(moment)s; the application is locked.",
        moment=flow._moment(call.application_deadline),
    )
    page = client.get(application.get_absolute_url())
    assert escape(reason) in page.content.decode() and 'name="action"' not in page.content.decode()
    response = client.post(application.get_absolute_url(), form_data(application))
    assert escape(reason) in response.content.decode()
    assert unchanged(application) == before


def test_a_save_over_a_newer_version_is_refused(client):
    application = draft(open_call())
    client.force_login(application.applicant)
    stale = form_data(application)
    client.post(application.get_absolute_url(), form_data(application, summary="Eerste venster."))
    before = unchanged(application)
    response = client.post(application.get_absolute_url(), stale | {"summary": "Tweede venster."})
    assert said(
        response,
        "Someone else changed this record after you opened it. Reload it, check their change and "
        "make yours again.",
    )
    assert unchanged(application) == before


def test_the_repair_period_is_shown_and_the_application_can_be_completed(client):
    application = draft(open_call())
    client.force_login(application.applicant)
    client.post(application.get_absolute_url(), form_data(application, action="submit"))
    application.refresh_from_db()
    flow.check_completeness(application, complete=False, note="De begroting per jaar ontbreekt.")
    application.refresh_from_db()
    response = client.get(application.get_absolute_url())
    page = response.content.decode()
    assert "De begroting per jaar ontbreekt." in page
    assert moment(application.repair_due) in page
    assert said(response, "Complete your application and submit it again.")
    assert 'name="action"' in page  # open again for the repair
    response = client.post(application.get_absolute_url(), form_data(application, action="submit"))
    application.refresh_from_db()
    assert response.status_code == 302 and application.state == S.INGEDIEND


def test_the_page_shows_the_timeline_and_the_kept_messages(client):
    application = draft(open_call())
    client.force_login(application.applicant)
    client.post(application.get_absolute_url(), form_data(application, action="submit"))
    response = client.get(application.get_absolute_url())
    page = response.content.decode()
    labels = [nl(S.AANGEMELD.label), nl(S.VOORGETOETST.label), nl(S.INGEDIEND.label)]
    positions = [page.index(escape(label), page.index('class="timeline"')) for label in labels]
    assert positions == sorted(positions)
    for notification in application.notifications.all():
        assert escape(notification.subject) in page


def test_the_outcome_of_a_proposed_allocation_is_shown(client):
    call = make_call()
    pillar = PillarFactory(programme=call.programme, budget=D("1000000"))
    FunderContributionFactory(programme=call.programme, amount=D("1000000"))
    call.lines.update(pillar=pillar)
    high = reviewed_application(call, (9, 8), requested=D("60000"), eligible_costs=D("150000"))
    run = allocation_runs.run_allocation(call, seed=1, now=AFTER_DEADLINE)
    client.force_login(high.applicant)
    assert (
        escape(nl("Outcome of the allocation"))
        not in client.get(high.get_absolute_url()).content.decode()
    )  # not before it is proposed: the office may still run it again

    allocation_runs.propose_decisions(
        run, make_meeting(call.programme, datetime.date(2025, 12, 10))
    )
    response = client.get(high.get_absolute_url())
    page = response.content.decode()
    assert said(response, "Outcome of the allocation") and said(response, "granted")
    assert "€\xa060.000" in page
    assert escape(run.outcome_of(high.reference)["reason"]) in page


# --- Withdrawal --------------------------------------------------------------------------
def test_withdrawing_an_application(client):
    application = draft(open_call())
    url = reverse("calls:withdraw", args=[application.reference])
    client.force_login(UserFactory())
    assert client.post(url).status_code == 404
    client.force_login(application.applicant)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "Wij dienen volgend jaar in."})
    assert response["Location"] == application.get_absolute_url()
    application.refresh_from_db()
    assert application.state == S.INGETROKKEN
    assert "Wij dienen volgend jaar in." in application.notifications.first().body

    response = client.post(url, {"reason": ""})
    assert said(
        response,
        "This application can no longer be withdrawn (%(state)s).",
        state=nl(S.INGETROKKEN.label),
    )


def test_withdrawal_is_refused_once_the_budget_has_been_allocated(client):
    call = make_call()
    application = reviewed_application(call, (9, 8))
    allocation_runs.run_allocation(call, seed=1, now=AFTER_DEADLINE)
    client.force_login(application.applicant)
    response = client.post(reverse("calls:withdraw", args=[application.reference]), {})
    assert said(
        response,
        "The budget of this call has already been allocated; ask the programme office if you "
        "want to withdraw the application.",
    )
    application.refresh_from_db()
    assert application.state == S.VOLLEDIG
    assert applicant.withdrawal_refused(application)
