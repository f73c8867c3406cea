"""The reviewer's pages: only their own assignments, conflicts of interest, scores."""

from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from regiodeal.calls import allocation_runs, review
from regiodeal.calls import applications as flow
from regiodeal.calls.models import Attachment, Score
from regiodeal.calls.tests.factories import (
    AFTER_DEADLINE,
    UserFactory,
    make_call,
    submitted_application,
)
from regiodeal.core.roles import Role, group_of
from regiodeal.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def nl(message: str) -> str:
    """A message as the Dutch site shows it (English until the lead's catalogue has it)."""
    with translation.override("nl"):
        return translation.gettext(message)


def expert(**kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(group_of(Role.EXPERT))
    return user


@pytest.fixture
def call():
    return make_call()


@pytest.fixture
def application(call):
    application = flow.check_completeness(submitted_application(call), complete=True)
    application.partners.set([OrganisationFactory(name="Stichting Buurtkracht")])
    return application


@pytest.fixture
def reviewer(client, application):
    user = expert(username="beoordelaar")
    review.assign_reviewer(application, user)
    client.force_login(user)
    return user


def page(application) -> str:
    return reverse("review:application", args=[application.reference])


def criteria(call):
    return list(call.criteria.order_by("position"))


def score_data(call, values=("8", "6"), motivations=("Sterk plan.", "Haalbaar.")) -> dict:
    data = {"action": "scores"}
    for criterion, value, motivation in zip(criteria(call), values, motivations, strict=True):
        data[f"score_{criterion.pk}"] = value
        data[f"motivation_{criterion.pk}"] = motivation
    return data


def test_the_pages_need_a_login_on_the_public_site(client, application):
    for url in (reverse("review:assignments"), page(application)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("calls:login") + "?next=")


def test_the_list_shows_only_the_reviewers_own_assignments_with_their_state(
    client, call, application, reviewer
):
    other = flow.check_completeness(submitted_application(call), complete=True)
    other.title = "Een aanvraag van een ander"
    other.save()
    review.assign_reviewer(other, expert())

    response = client.get(reverse("review:assignments"))
    content = response.content.decode()
    assert response.status_code == 200
    assert application.reference in content and nl("to do") in content
    assert other.reference not in content and "Een aanvraag van een ander" not in content

    client.post(page(application), score_data(call))
    assert nl("done") in client.get(reverse("review:assignments")).content.decode()
    review.declare_conflict(application.reviews.get(reviewer=reviewer), note="Bestuurslid.")
    content = client.get(reverse("review:assignments")).content.decode()
    assert nl("conflict of interest declared") in content


def test_an_application_not_assigned_to_the_reviewer_is_not_found(client, call, reviewer):
    other = flow.check_completeness(submitted_application(call), complete=True)
    review.assign_reviewer(other, expert())
    assert client.get(page(other)).status_code == 404
    assert client.get(reverse("review:application", args=["AV-2099-0001"])).status_code == 404
    assert client.post(page(other), score_data(call)).status_code == 404
    assert not Score.objects.exists()


def test_an_applicant_does_not_review_through_these_pages(client, application):
    client.force_login(application.applicant)
    assert client.get(page(application)).status_code == 404
    response = client.get(reverse("review:assignments"))
    assert response.status_code == 200
    assert application.reference not in response.content.decode()


def test_the_page_shows_the_application(client, application, reviewer, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Attachment.objects.create(
        application=application,
        file=SimpleUploadedFile("begroting.pdf", b"%PDF-1.4 begroting"),
        description="Begroting",
    )
    content = client.get(page(application)).content.decode()
    for text in (
        application.title,
        "Samenvatting.",
        "Projectplan.",
        "€\u00a0100.000",  # eligible costs
        "€\u00a040.000",  # requested
        "Emmen",
        "Stichting Buurtkracht",
        application.lead_organisation.name,
        "Begroting",
        "Bijdrage aan brede welvaart",
        "Haalbaarheid",
    ):
        assert text in content, text


def test_scores_are_saved_and_can_be_revised(client, call, application, reviewer):
    response = client.post(page(application), score_data(call, ("8", "6,5")))
    assert response.status_code == 302
    assignment = application.reviews.get(reviewer=reviewer)
    assert assignment.completed_at is not None
    first, second = criteria(call)
    assert {s.criterion_id: s.score for s in assignment.scores.all()} == {
        first.pk: D("8"),
        second.pk: D("6.5"),
    }
    assert "6,5" in client.get(page(application)).content.decode()  # shown for revising

    client.post(page(application), score_data(call, ("9", "7"), ("Beter.", "Ook beter.")))
    score = assignment.scores.get(criterion=first)
    assert (score.score, score.motivation) == (D("9"), "Beter.")
    assert review.application_scores(call)[application.pk].total == D("8.333")


def test_refused_scores_show_their_errors_and_store_nothing(client, call, application, reviewer):
    first, second = criteria(call)
    response = client.post(page(application), score_data(call, ("11", "6"), ("Te hoog.", "")))
    assert response.status_code == 200
    content = response.content.decode()
    assert nl("A score from 0 to %(max)s.") % {"max": "10"} in content
    assert nl("Motivate the score.") in content
    # Each error sits next to its field and is announced with it.
    assert f'id="id_score_{first.pk}_error"' in content
    assert f'aria-describedby="id_score_{first.pk}_helptext id_score_{first.pk}_error"' in content
    assert f'id="id_motivation_{second.pk}_error"' in content
    assert f'href="#id_score_{first.pk}"' in content  # the summary links to the field
    assignment = application.reviews.get(reviewer=reviewer)
    assert not assignment.scores.exists() and assignment.completed_at is None

    response = client.post(page(application), score_data(call, ("acht", "")))
    assert response.status_code == 200
    assert not assignment.scores.exists()


def test_refused_revision_keeps_the_earlier_scores(client, call, application, reviewer):
    client.post(page(application), score_data(call, ("8", "6")))
    response = client.post(page(application), score_data(call, ("", "7")))
    assert nl("Give a score.") in response.content.decode()
    assignment = application.reviews.get(reviewer=reviewer)
    assert sorted(s.score for s in assignment.scores.all()) == [D("6"), D("8")]


def test_a_conflict_of_interest_takes_the_reviewer_out(
    client, call, application, reviewer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    attachment = Attachment.objects.create(
        application=application, file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")
    )
    client.post(page(application), score_data(call))
    assignment = application.reviews.get(reviewer=reviewer)

    response = client.post(page(application), {"action": "conflict", "note": "  "})
    assert nl("Explain the conflict of interest briefly.") in response.content.decode()
    assignment.refresh_from_db()
    assert not assignment.conflict_of_interest and assignment.scores.count() == 2

    response = client.post(
        page(application), {"action": "conflict", "note": "Ik ben bestuurslid."}, follow=True
    )
    content = response.content.decode()
    assignment.refresh_from_db()
    assert assignment.conflict_of_interest and not assignment.scores.exists()
    assert "Ik ben bestuurslid." in content
    assert "Projectplan." not in content and 'name="action" value="scores"' not in content
    download = reverse("review:attachment", args=[application.reference, attachment.pk])
    assert client.get(download).status_code == 404

    response = client.post(page(application), score_data(call))
    assert nl("You declared a conflict of interest for this application.") in (
        response.content.decode()
    )
    assert not assignment.scores.exists()


def test_reviews_close_when_the_allocation_has_run(client, call, application, reviewer):
    client.post(page(application), score_data(call, ("8", "6")))
    allocation_runs.run_allocation(call, seed=7, now=AFTER_DEADLINE)

    content = client.get(page(application)).content.decode()
    closed = nl("The allocation of this call has run; the reviews are closed.")
    assert closed in content
    assert 'name="action" value="scores"' not in content
    response = client.post(page(application), score_data(call, ("2", "2")))
    assert closed in response.content.decode()
    response = client.post(page(application), {"action": "conflict", "note": "Toch."})
    assert closed in response.content.decode()
    assignment = application.reviews.get(reviewer=reviewer)
    assert not assignment.conflict_of_interest
    assert sorted(s.score for s in assignment.scores.all()) == [D("6"), D("8")]


def test_a_reviewer_downloads_an_attachment_of_an_assigned_application_only(
    client, call, application, reviewer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    attachment = Attachment.objects.create(
        application=application, file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan")
    )
    response = client.get(reverse("review:attachment", args=[application.reference, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"

    other = flow.check_completeness(submitted_application(call), complete=True)
    theirs = Attachment.objects.create(
        application=other, file=SimpleUploadedFile("geheim.pdf", b"%PDF-1.4 geheim")
    )
    for reference, pk in ((other.reference, theirs.pk), (application.reference, theirs.pk)):
        assert client.get(reverse("review:attachment", args=[reference, pk])).status_code == 404


def test_an_unknown_action_changes_nothing(client, call, application, reviewer):
    response = client.post(page(application), {"action": "delete"})
    assert response.status_code == 404
    assert not application.reviews.get(reviewer=reviewer).scores.exists()


def test_a_late_review_after_the_application_left_the_review(client, call, application, reviewer):
    flow.declare_ineligible(application, reason="Buiten het werkgebied.")
    content = client.get(page(application)).content.decode()
    assert nl("This application is no longer in review.") in content
    response = client.post(page(application), score_data(call))
    assert nl("This application is no longer in review.") in response.content.decode()
    assert not Score.objects.exists()
