"""The calls back office: every step goes through the services, and a refusal changes nothing."""

import datetime
from decimal import Decimal as D

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from regiodeal.calls import allocation_runs, review
from regiodeal.calls import applications as flow
from regiodeal.calls.constants import ApplicationState as S
from regiodeal.calls.models import AllocationRun, Attachment, Call, Notification, ReviewAssignment
from regiodeal.calls.tests.factories import (
    UserFactory,
    make_call,
    reviewed_application,
    submitted_application,
)
from regiodeal.core.roles import Role, group_of
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.finance.models import GrantDecision
from regiodeal.programmes.tests.factories import (
    FunderContributionFactory,
    PillarFactory,
    ProgrammeFactory,
)
from regiodeal.projects.tests.factories import ProjectFactory

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


def expert(name: str) -> User:
    user = UserFactory(username=name, first_name=name.capitalize())
    user.groups.add(group_of(Role.EXPERT))
    return user


def step(name: str, application) -> str:
    return reverse(f"admin:calls_application_{name}", args=[application.pk])


def page(application) -> str:
    return reverse("admin:calls_application_change", args=[application.pk])


def allocation(call) -> str:
    return reverse("admin:calls_call_allocation", args=[call.pk])


@pytest.fixture
def call():
    return make_call()


@pytest.fixture
def office(client):
    return login_as(client, Role.MEDEWERKER)


def registered(call):
    return flow.register_idea(
        call,
        applicant=UserFactory(),
        title="Dorpshuis",
        idea="Een dorpshuis.",
        now=datetime.datetime(2025, 9, 1, 12, tzinfo=datetime.UTC),
    )


# --- calls -----------------------------------------------------------------------------------


def _call_data(programme, pillar) -> dict:
    return {
        "programme": programme.pk,
        "title": "Openstelling 2026",
        "slug": "openstelling-2026",
        "opens_at_0": "01-03-2026",
        "opens_at_1": "09:00",
        "registration_deadline_0": "01-05-2026",
        "registration_deadline_1": "23:59",
        "application_deadline_0": "01-06-2026",
        "application_deadline_1": "23:59",
        "repair_days": "14",
        "min_total_score": "6",
        "aggregation": "mean",
        "partial_rule": "partial",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-0-position": "1",
        "lines-0-name": "Zorg & welzijn",
        "lines-0-pillar": pillar.pk,
        "lines-0-budget": "3069223",
        "lines-0-percentage": "50",
        "lines-0-max_amount": "250000",
        "criteria-TOTAL_FORMS": "1",
        "criteria-INITIAL_FORMS": "0",
        "criteria-0-position": "1",
        "criteria-0-name": "Bijdrage aan brede welvaart",
        "criteria-0-weight": "2",
        "criteria-0-max_score": "10",
        "criteria-0-tie_break_position": "1",
    }


def test_a_call_is_made_with_its_lines_and_criteria(client, office):
    programme = ProgrammeFactory()
    pillar = PillarFactory(programme=programme)
    response = client.post(reverse("admin:calls_call_add"), _call_data(programme, pillar))
    assert response.status_code == 302, response.content.decode()[:3000]
    call = Call.objects.get(slug="openstelling-2026")
    line = call.lines.get()
    assert (line.name, line.budget, line.pillar) == ("Zorg & welzijn", D("3069223"), pillar)
    assert call.criteria.get().tie_break_position == 1

    content = client.get(reverse("admin:calls_call_change", args=[call.pk])).content.decode()
    assert allocation(call) in content


def test_a_line_is_charged_to_a_pillar_of_the_calls_programme(client, office):
    programme = ProgrammeFactory()
    elsewhere = PillarFactory()  # of another programme
    response = client.post(reverse("admin:calls_call_add"), _call_data(programme, elsewhere))
    assert response.status_code == 200
    assert said(response, "This pillar belongs to another programme.")
    assert not Call.objects.filter(slug="openstelling-2026").exists()


def test_the_call_list_links_to_ranking_and_allocation(client, office, call):
    response = client.get(reverse("admin:calls_call_changelist"))
    assert response.status_code == 200
    assert allocation(call) in response.content.decode()


def test_lines_and_criteria_are_closed_once_the_allocation_is_proposed(client, office, call):
    application = reviewed_application(call, (8, 8))
    run = _run(call)
    meeting = make_meeting(call.programme, datetime.date(2025, 12, 10))
    assert _propose(client, call, run, meeting).status_code == 302
    response = client.get(reverse("admin:calls_call_change", args=[call.pk]))
    content = response.content.decode()
    assert 'name="lines-0-budget"' not in content and 'name="criteria-0-weight"' not in content
    assert application.call_id == call.pk


# --- the list of applications ----------------------------------------------------------------


def test_applications_are_filtered_by_call_state_and_line_and_searched(client, office, call):
    other_call = make_call()
    idea = registered(call)
    complete = flow.check_completeness(submitted_application(call), complete=True)
    border = submitted_application(call, line="Regio aan de grens")
    elsewhere = submitted_application(other_call)
    changelist = reverse("admin:calls_application_changelist")

    def listed(query: dict) -> set[str]:
        response = client.get(changelist, query)
        assert response.status_code == 200
        found = {idea, complete, border, elsewhere}
        return {a.reference for a in found if f">{a.reference}<" in response.content.decode()}

    assert listed({}) == {a.reference for a in (idea, complete, border, elsewhere)}
    assert listed({"call__id__exact": call.pk}) == {
        idea.reference,
        complete.reference,
        border.reference,
    }
    assert listed({"state__exact": S.VOLLEDIG}) == {complete.reference}
    line = call.lines.get(name="Regio aan de grens")
    assert listed({"line": line.pk}) == {border.reference}
    assert listed({"q": idea.reference}) == {idea.reference}
    # The line filter names each line's call: the names recur across calls.
    content = client.get(changelist, {"call__id__exact": call.pk}).content.decode()
    assert escape(f"Zorg & welzijn ({call.title})") in content
    assert escape(f"Zorg & welzijn ({other_call.title})") not in content


# --- the page of an application --------------------------------------------------------------


def test_the_page_shows_reviews_attachments_and_notifications(
    client, office, call, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    anna, bert = expert("anna"), expert("bert")
    application = reviewed_application(call, (8, 6), reviewers=[anna, bert])
    review.declare_conflict(
        application.reviews.get(reviewer=bert), note="Ik ben bestuurslid van de penvoerder."
    )
    Attachment.objects.create(
        application=application,
        file=SimpleUploadedFile("begroting.pdf", b"%PDF-1.4 begroting"),
        description="Begroting",
    )
    response = client.get(page(application))
    content = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Anna",
        "Onderbouwing.",  # the motivation of each score
        "Ik ben bestuurslid van de penvoerder.",
        "Begroting",
        escape(application.notifications.first().subject),
        "€\u00a040.000",
    ):
        assert text in content, text
    assert step("completeness", application) not in content  # already complete
    assert step("assign", application) in content
    attachment = application.attachments.get()
    assert (
        reverse("admin:calls_application_attachment", args=[application.pk, attachment.pk])
        in content
    )


def test_the_office_downloads_an_attachment(client, office, call, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = submitted_application(call)
    attachment = Attachment.objects.create(
        application=application, file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")
    )
    download = reverse("admin:calls_application_attachment", args=[application.pk, attachment.pk])
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"
    other = submitted_application(call)
    wrong = reverse("admin:calls_application_attachment", args=[other.pk, attachment.pk])
    assert client.get(wrong).status_code == 404


def test_the_application_cannot_be_edited_or_deleted_in_the_back_office(client, office, call):
    application = submitted_application(call)
    response = client.post(page(application), {"title": "Anders"})
    assert response.status_code == 403
    delete = reverse("admin:calls_application_delete", args=[application.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:calls_application_add")).status_code == 403
    application.refresh_from_db()
    assert application.title == "Samen sterk in de wijk"


def test_past_versions_are_read_not_restored(client, office, call):
    application = submitted_application(call)
    version = application.history.last()
    url = reverse("admin:calls_application_simple_history", args=[application.pk, version.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {}).status_code == 403
    application.refresh_from_db()
    assert application.state == S.INGEDIEND


# --- the office's steps ----------------------------------------------------------------------


def test_the_pre_check_advice_is_sent(client, office, call):
    application = registered(call)
    assert client.get(step("pre_check", application)).status_code == 200

    response = client.post(step("pre_check", application), {"verdict": "yes", "advice": " "})
    assert response.status_code == 200
    assert said(response, "Write the advice for the applicant.")
    application.refresh_from_db()
    assert application.state == S.AANGEMELD and application.pre_check_positive is None

    response = client.post(
        step("pre_check", application), {"verdict": "no", "advice": "Past niet in de lijn."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == S.VOORGETOETST
    assert application.pre_check_positive is False
    assert application.pre_check_advice == "Past niet in de lijn."
    assert application.history.first().history_user == office
    assert Notification.objects.filter(application=application).count() == 2


def test_a_step_in_the_wrong_state_is_refused_and_changes_nothing(client, office, call):
    application = registered(call)
    notifications = Notification.objects.count()
    response = client.post(step("completeness", application), {"verdict": "complete"})
    assert response.status_code == 200
    assert said(response, "Only a submitted application is checked for completeness.")
    application.refresh_from_db()
    assert application.state == S.AANGEMELD
    assert Notification.objects.count() == notifications


def test_an_incomplete_application_gets_a_repair_period(client, office, call):
    application = submitted_application(call)
    response = client.post(step("completeness", application), {"verdict": "incomplete"})
    assert said(response, "Say what is missing.")
    application.refresh_from_db()
    assert application.state == S.INGEDIEND and application.repair_due is None

    client.post(
        step("completeness", application),
        {"verdict": "incomplete", "note": "De begroting ontbreekt."},
    )
    application.refresh_from_db()
    assert application.state == S.HERSTEL
    assert application.office_note == "De begroting ontbreekt."
    assert application.repair_due is not None


def test_a_complete_application_goes_to_review(client, office, call):
    application = submitted_application(call)
    response = client.post(step("completeness", application), {"verdict": "complete"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == S.VOLLEDIG


def test_an_application_is_declared_not_eligible_with_a_reason(client, office, call):
    application = submitted_application(call)
    response = client.post(step("ineligible", application), {"reason": ""})
    assert said(response, "Give the reason; the applicant can object to it.")
    application.refresh_from_db()
    assert application.state == S.INGEDIEND

    client.post(step("ineligible", application), {"reason": "Buiten het werkgebied."})
    application.refresh_from_db()
    assert application.state == S.NIET_ONTVANKELIJK
    assert application.office_note == "Buiten het werkgebied."


def test_only_experts_are_offered_as_reviewers_and_are_told(client, office, call):
    application = flow.check_completeness(submitted_application(call), complete=True)
    anna, bert = expert("anna"), expert("bert")
    outsider = UserFactory(username="buitenstaander")
    content = client.get(step("assign", application)).content.decode()
    assert "anna" in content and "bert" in content and "buitenstaander" not in content

    response = client.post(step("assign", application), {"reviewers": [outsider.pk]})
    assert response.status_code == 200  # not a choice
    assert not application.reviews.exists()

    response = client.post(step("assign", application), {"reviewers": [anna.pk, bert.pk]})
    assert response.status_code == 302
    assert set(application.reviews.values_list("reviewer__username", flat=True)) == {
        "anna",
        "bert",
    }
    assert Notification.objects.filter(recipient=anna, application=application).exists()
    content = client.get(step("assign", application)).content.decode()
    assert f'value="{anna.pk}"' not in content  # assigned already


def test_one_refused_reviewer_assigns_none(client, office, call):
    applicant = expert("aanvrager")
    application = flow.check_completeness(
        submitted_application(call, applicant=applicant), complete=True
    )
    anna = expert("anna")
    response = client.post(step("assign", application), {"reviewers": [anna.pk, applicant.pk]})
    assert response.status_code == 200
    assert said(response, "An applicant cannot review their own application.")
    assert not ReviewAssignment.objects.exists()
    assert not Notification.objects.filter(recipient=anna).exists()


def test_reviewers_are_assigned_to_complete_applications_only(client, office, call):
    application = submitted_application(call)
    anna = expert("anna")
    response = client.post(step("assign", application), {"reviewers": [anna.pk]})
    assert said(response, "Only a complete application is reviewed.")
    assert not ReviewAssignment.objects.exists()


# --- who may do what -------------------------------------------------------------------------


def test_the_steering_group_reads_but_takes_no_steps(client, call, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login_as(client, Role.STUURGROEPLID)
    application = submitted_application(call)
    attachment = Attachment.objects.create(
        application=application, file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")
    )
    content = client.get(page(application)).content.decode()
    assert step("completeness", application) not in content
    assert client.get(reverse("admin:calls_call_changelist")).status_code == 200
    assert client.get(allocation(call)).status_code == 200
    assert 'name="action" value="run"' not in client.get(allocation(call)).content.decode()

    response = client.post(step("completeness", application), {"verdict": "complete"})
    assert response.status_code == 403
    assert said(response, "Only the programme office may handle applications and allocations.")
    application.refresh_from_db()
    assert application.state == S.INGEDIEND
    assert client.post(allocation(call), {"action": "run"}).status_code == 403
    assert not AllocationRun.objects.exists()
    download = reverse("admin:calls_application_attachment", args=[application.pk, attachment.pk])
    assert client.get(download).status_code == 403
    change = reverse("admin:calls_call_change", args=[call.pk])
    assert client.post(change, {"title": "Anders"}).status_code == 403


@pytest.mark.parametrize("role", [Role.EXPERT, Role.AANVRAGER])
def test_experts_and_applicants_never_see_the_back_office(client, call, role):
    user = User.objects.create_user(role.value)  # not staff: the public site's accounts
    user.groups.add(group_of(role))
    client.force_login(user)
    application = submitted_application(call)
    for url in (
        reverse("admin:calls_application_changelist"),
        page(application),
        step("completeness", application),
        allocation(call),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def test_a_portfolio_holder_does_not_see_calls(client, call):
    login_as(client, Role.PORTEFEUILLEHOUDER)
    assert client.get(reverse("admin:calls_application_changelist")).status_code == 403
    assert client.get(allocation(call)).status_code == 403


# --- ranking and allocation ------------------------------------------------------------------


def _run(call, seed: int = 42) -> AllocationRun:
    return allocation_runs.run_allocation(call, seed=seed)


def _propose(client, call, run, meeting):
    return client.post(
        allocation(call), {"action": "propose", "run": run.pk, "meeting": meeting.pk}
    )


def test_the_allocation_waits_for_pending_and_unscored_applications(client, office, call):
    pending = submitted_application(call)
    unscored = flow.check_completeness(submitted_application(call), complete=True)
    content = client.get(allocation(call)).content.decode()
    assert pending.reference in content and unscored.reference in content

    response = client.post(allocation(call), {"action": "run", "seed": "1"})
    assert response.status_code == 200
    assert said(
        response,
        "%(count)s application(s) still await the completeness check or their repair period; "
        "finish those first.",
        count=1,
    )
    assert not AllocationRun.objects.exists()

    flow.check_completeness(pending, complete=False, note="Ontbreekt.")
    response = client.post(allocation(call), {"action": "run", "seed": "1"})
    assert not AllocationRun.objects.exists()


def test_the_allocation_runs_with_an_entered_seed_and_shows_its_reasons(client, office, call):
    high = reviewed_application(call, (9, 8), requested=D("60000"), eligible_costs=D("150000"))
    middle = reviewed_application(call, (7, 7), requested=D("60000"), eligible_costs=D("100000"))
    low = reviewed_application(call, (4, 5))
    response = client.post(allocation(call), {"action": "run", "seed": "20251106"}, follow=True)
    run = AllocationRun.objects.get()
    assert run.seed == 20251106 and run.created_by == office
    content = response.content.decode()
    assert said(response, "The allocation has run with lottery seed %(seed)s.", seed=20251106)
    for reference in (high.reference, middle.reference, low.reference):
        assert reference in content
    # The reason sentences of the allocation are Dutch, part of the record.
    assert "Toegekend: €\u00a060.000" in content
    assert "Gedeeltelijk toegekend: €\u00a040.000 van €\u00a050.000" in content
    assert "onder de minimumscore 6" in content
    assert "8,667" in content  # the score of the highest: (2 × 9 + 8) / 3
    assert "€\u00a0100.000 · €\u00a0100.000 · €\u00a00" in content  # the line's totals


def test_a_generated_seed_is_recorded_and_earlier_runs_stay_readable(client, office, call):
    reviewed_application(call, (9, 8))
    client.post(allocation(call), {"action": "run", "seed": ""})
    first = AllocationRun.objects.get()
    client.post(allocation(call), {"action": "run", "seed": "7"})
    second = AllocationRun.objects.exclude(pk=first.pk).get()
    assert first.seed >= 0 and second.seed == 7

    content = client.get(allocation(call), {"run": first.pk}).content.decode()
    assert f"?run={second.pk}" in content  # the other run, listed
    assert str(first.seed) in content
    assert 'name="action" value="propose"' not in content  # an earlier run is read only


def test_a_refused_seed_changes_nothing(client, office, call):
    reviewed_application(call, (9, 8))
    response = client.post(allocation(call), {"action": "run", "seed": "-3"})
    assert response.status_code == 200
    assert not AllocationRun.objects.exists()


def test_proposing_to_a_draft_meeting_then_drafting_grant_decisions(client, office, call):
    pillar = PillarFactory(programme=call.programme, budget=D("1000000"))
    FunderContributionFactory(programme=call.programme, amount=D("1000000"))
    call.lines.update(pillar=pillar)
    high = reviewed_application(call, (9, 8), requested=D("60000"), eligible_costs=D("150000"))
    reviewed_application(call, (4, 5))
    run = _run(call)
    published = make_meeting(call.programme, datetime.date(2025, 10, 1))
    project = ProjectFactory(programme=call.programme, pillar=pillar)
    make_published_list(published, make_decision(published, project, amount=D("1000")))
    draft = make_meeting(call.programme, datetime.date(2025, 12, 10))
    other_programme = make_meeting(ProgrammeFactory(), datetime.date(2025, 12, 11))

    content = client.get(allocation(call)).content.decode()
    offered = content[content.index('name="meeting"') :]
    assert f'value="{draft.pk}"' in offered
    assert f'value="{published.pk}"' not in offered
    assert f'value="{other_programme.pk}"' not in offered

    response = _propose(client, call, run, other_programme)
    assert response.status_code == 200  # not a choice
    assert not draft.decisions.exists() and not other_programme.decisions.exists()

    response = _propose(client, call, run, draft)
    assert response.status_code == 302
    high.refresh_from_db()
    assert high.decision.meeting == draft and high.decision.amount == D("60000")
    run.refresh_from_db()
    assert run.proposed_to == draft

    response = _propose(client, call, run, draft)
    assert said(response, "This allocation has already been proposed to the steering group.")
    assert draft.decisions.count() == 1
    response = client.post(allocation(call), {"action": "run", "seed": "1"})
    assert said(
        response, "An allocation of this call has been proposed to the steering group already."
    )
    assert AllocationRun.objects.count() == 1

    content = client.get(allocation(call)).content.decode()
    assert 'name="action" value="grants"' not in content  # not published yet
    make_published_list(draft, *draft.decisions.all())
    content = client.get(allocation(call)).content.decode()
    assert 'name="action" value="grants"' in content
    response = client.post(allocation(call), {"action": "grants", "date": "15-01-2026"})
    assert response.status_code == 302
    grant = GrantDecision.objects.get()
    assert grant.decision == high.decision and grant.granted_amount == D("60000.00")
    assert grant.date == datetime.date(2026, 1, 15)
    content = client.get(allocation(call)).content.decode()
    assert grant.reference in content


def test_only_the_latest_run_can_be_proposed(client, office, call):
    reviewed_application(call, (9, 8))
    first = _run(call, seed=1)
    _run(call, seed=2)
    meeting = make_meeting(call.programme, datetime.date(2025, 12, 10))
    response = _propose(client, call, first, meeting)
    assert said(response, "Only the latest allocation of the call can be proposed.")
    first.refresh_from_db()
    assert first.proposed_to is None and not meeting.decisions.exists()


def test_an_unknown_action_is_a_bad_request(client, office, call):
    assert client.post(allocation(call), {"action": "delete"}).status_code == 400
