"""The call from idea to decisions, through the services, with the deadlines that bind it."""

import datetime
from decimal import Decimal as D

import pytest
from django.core import mail

from regiodeal.calls import allocation_runs, review
from regiodeal.calls import applications as flow
from regiodeal.calls.constants import ApplicationState as S
from regiodeal.calls.models import Application, Notification
from regiodeal.calls.tests.factories import (
    AFTER_DEADLINE,
    BEFORE_DEADLINE,
    DEADLINE,
    DURING_REGISTRATION,
    REGISTRATION,
    UserFactory,
    make_call,
    reviewed_application,
    submitted_application,
)
from regiodeal.core.errors import DomainError
from regiodeal.decisions.tests.factories import make_meeting, make_published_list
from regiodeal.programmes.tests.factories import FunderContributionFactory, PillarFactory

pytestmark = pytest.mark.django_db


def test_registration_closes_at_its_deadline():
    call = make_call()
    applicant = UserFactory()
    with pytest.raises(DomainError, match="gesloten"):
        flow.register_idea(
            call,
            applicant=applicant,
            title="Laat",
            idea="Te laat.",
            now=REGISTRATION + datetime.timedelta(minutes=1),
        )
    assert not Application.objects.exists()
    application = flow.register_idea(
        call, applicant=applicant, title="Op tijd", idea="Net op tijd.", now=REGISTRATION
    )
    assert application.reference == "AV-2025-0001"
    assert application.state == S.AANGEMELD
    assert Notification.objects.filter(recipient=applicant).count() == 1


def test_submission_needs_every_field_and_changes_nothing_when_refused():
    call = make_call()
    applicant = UserFactory()
    application = flow.register_idea(
        call, applicant=applicant, title="Idee", idea="Idee.", now=DURING_REGISTRATION
    )
    flow.give_pre_check(application, advice="Werk het uit.", positive=True)
    with pytest.raises(DomainError, match="Vul in"):
        flow.submit_application(application, user=applicant, now=BEFORE_DEADLINE)
    application.refresh_from_db()
    assert application.state == S.VOORGETOETST and application.submitted_at is None


def test_after_the_deadline_the_application_is_locked():
    call = make_call()
    application = submitted_application(call)
    assert application.state == S.INGEDIEND
    with pytest.raises(DomainError, match="niet meer"):
        flow.check_editable(application, now=BEFORE_DEADLINE)

    other = UserFactory()
    draft = flow.register_idea(call, applicant=other, title="x", idea="y", now=DURING_REGISTRATION)
    flow.give_pre_check(draft, advice="Ok.", positive=False)
    draft.refresh_from_db()
    with pytest.raises(DomainError, match="uiterste datum voor aanvragen was"):
        flow.check_editable(draft, now=DEADLINE + datetime.timedelta(seconds=1))


def test_incomplete_application_gets_a_repair_period_then_is_rejected(
    django_capture_on_commit_callbacks,
):
    call = make_call()
    application = submitted_application(call)
    checked_at = AFTER_DEADLINE
    application = flow.check_completeness(
        application, complete=False, note="De begroting ontbreekt.", now=checked_at
    )
    assert application.state == S.HERSTEL
    assert application.repair_due == checked_at + datetime.timedelta(days=14)
    flow.check_editable(application, now=checked_at + datetime.timedelta(days=13))  # may repair

    assert flow.close_expired_repairs(now=checked_at + datetime.timedelta(days=13)) == []
    with django_capture_on_commit_callbacks(execute=True):
        closed = flow.close_expired_repairs(now=checked_at + datetime.timedelta(days=15))
    assert [a.pk for a in closed] == [application.pk]
    application.refresh_from_db()
    assert application.state == S.ONVOLLEDIG
    assert mail.outbox[-1].to == [application.applicant.email]
    assert "onvolledig" in mail.outbox[-1].subject


def test_repaired_application_can_be_submitted_within_the_period():
    call = make_call()
    application = submitted_application(call)
    application = flow.check_completeness(
        application, complete=False, note="Bijlage ontbreekt.", now=AFTER_DEADLINE
    )
    resubmitted = flow.submit_application(
        application, user=application.applicant, now=AFTER_DEADLINE + datetime.timedelta(days=3)
    )
    assert resubmitted.state == S.INGEDIEND


def test_conflict_of_interest_excludes_the_reviewer():
    call = make_call()
    first, second = UserFactory(), UserFactory()
    application = reviewed_application(call, (8, 6), reviewers=[first, second])
    score = review.application_scores(call)[application.pk]
    assert score.reviewers == 2

    assignment = application.reviews.get(reviewer=second)
    review.declare_conflict(assignment, note="Ik ben bestuurslid van de penvoerder.")
    score = review.application_scores(call)[application.pk]
    assert score.reviewers == 1
    with pytest.raises(DomainError, match="belangenverstrengeling"):
        review.submit_scores(assignment, {})


def test_score_is_the_weighted_mean_over_reviewers_or_the_median():
    call = make_call()
    reviewers = [UserFactory() for _ in range(3)]
    application = submitted_application(call)
    application = flow.check_completeness(application, complete=True)
    criteria = list(call.criteria.order_by("position"))  # weights 2 and 1
    for reviewer, (a, b) in zip(reviewers, [(9, 6), (6, 9), (3, 3)], strict=True):
        assignment = review.assign_reviewer(application, reviewer)
        review.submit_scores(assignment, {criteria[0].pk: (D(a), "x"), criteria[1].pk: (D(b), "y")})

    # Per reviewer (2a + b) / 3: 8, 7, 3 → mean 6, median 7.
    assert review.application_scores(call)[application.pk].total == D("6.000")
    call.aggregation = "median"
    call.save()
    assert review.application_scores(call)[application.pk].total == D("7.000")


def test_scores_are_checked_before_anything_is_stored():
    call = make_call()
    application = flow.check_completeness(submitted_application(call), complete=True)
    assignment = review.assign_reviewer(application, UserFactory())
    first, second = call.criteria.order_by("position")
    with pytest.raises(DomainError) as refused:
        review.submit_scores(assignment, {first.pk: (D(11), "te hoog"), second.pk: (D(5), "")})
    assert set(refused.value.message_dict) == {f"score_{first.pk}", f"motivation_{second.pk}"}
    assert not assignment.scores.exists()


def test_from_reviews_to_allocation_to_decisions_to_grant_decisions():
    call = make_call()
    pillar = PillarFactory(programme=call.programme, budget=D("1000000"))
    FunderContributionFactory(programme=call.programme, amount=D("1000000"))
    call.lines.update(pillar=pillar)
    high = reviewed_application(call, (9, 8), requested=D("60000"), eligible_costs=D("150000"))
    middle = reviewed_application(call, (7, 7), requested=D("60000"), eligible_costs=D("100000"))
    low = reviewed_application(call, (4, 5))  # below the minimum of 6
    incomplete = submitted_application(call)
    flow.check_completeness(incomplete, complete=False, note="Ontbreekt.", now=AFTER_DEADLINE)

    with pytest.raises(DomainError, match="na de uiterste datum"):
        allocation_runs.run_allocation(call, seed=1, now=BEFORE_DEADLINE)
    with pytest.raises(DomainError, match="hersteltermijn"):
        allocation_runs.run_allocation(call, seed=1, now=AFTER_DEADLINE)
    run = allocation_runs.run_allocation(
        call, seed=1, now=AFTER_DEADLINE + datetime.timedelta(days=30)
    )
    outcomes = {a["id"]: (a["outcome"], a["amount"]) for a in run.output["applications"]}
    assert outcomes == {
        high.reference: ("granted", "60000.00"),  # 50% of 150.000 capped at the maximum 60.000
        middle.reference: ("partial", "40000.00"),  # 50.000 fundable, 40.000 left of 100.000
        low.reference: ("below_minimum", "0.00"),
        incomplete.reference: ("incomplete", "0.00"),
    }

    meeting = make_meeting(call.programme, datetime.date(2025, 12, 10))
    proposed = allocation_runs.propose_decisions(run, meeting)
    assert [a.reference for a in proposed] == [high.reference, middle.reference]
    assert [d.amount for d in meeting.decisions.order_by("pk")] == [D("60000"), D("40000")]
    with pytest.raises(DomainError, match="al aan de stuurgroep"):
        allocation_runs.propose_decisions(run, meeting)

    make_published_list(meeting, *meeting.decisions.all())
    grants = allocation_runs.draft_grants(call, date=datetime.date(2026, 1, 15))
    assert sorted(g.granted_amount for g in grants) == [D("40000.00"), D("60000.00")]
