"""The reviewer's flow: only their own applications; every criterion scored and motivated."""

from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page, expect

from regiodeal.calls.models import Application, ReviewAssignment
from regiodeal.calls.review import application_scores

from .helpers import fact, message, nl, nl_plural
from .journey import REVIEWER, SCORES, TITLE


# --- 5. The reviewer: only their own applications; every criterion scored and motivated ----
def reviewer_scores(page: Page, application: Application) -> None:
    page.goto(reverse("review:assignments"))
    # Not logged in: the public login page, and back to the reviewer's list after it.
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Log in"))
    page.get_by_label(nl("E-mail address or user name"), exact=True).fill(REVIEWER)
    page.get_by_label(nl("Password"), exact=True).fill(settings.REGIODEAL_DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name=nl("Log in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Applications to review"))

    mine = set(
        ReviewAssignment.objects.filter(reviewer__username=REVIEWER).values_list(
            "application__reference", flat=True
        )
    )
    table = page.get_by_role("table")
    expect(table.locator("tbody").get_by_role("row")).to_have_count(len(mine))
    shown = {cell.strip() for cell in table.locator("tbody tr td:first-child").all_inner_texts()}
    assert shown == mine
    assert application.reference in shown
    expect(table.locator("caption")).to_have_text(
        nl_plural(
            "%(counter)s application assigned to you",
            "%(counter)s applications assigned to you",
            len(mine),
            counter=len(mine),
        )
    )
    # Someone else's application is not even confirmed to exist.
    other = Application.objects.filter(reviews__isnull=False).exclude(reference__in=mine).first()
    response = page.goto(reverse("review:application", args=[other.reference]))
    assert response.status == 404

    page.goto(reverse("review:assignments"))
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    criteria = list(application.call.criteria.order_by("position", "name"))
    assert len(criteria) == len(SCORES)
    for criterion, (score, motivation) in zip(criteria, SCORES, strict=True):
        page.get_by_label(nl("Score for %(criterion)s", criterion=criterion.name)).fill(score)
        if criterion != criteria[-1]:  # the last one is forgotten at first
            page.get_by_label(nl("Motivation for %(criterion)s", criterion=criterion.name)).fill(
                motivation
            )
    save = page.get_by_role("button", name=nl("Save my scores"))
    save.click()

    missing = page.get_by_label(nl("Motivation for %(criterion)s", criterion=criteria[-1].name))
    expect(page.get_by_role("alert")).to_contain_text(nl("Motivate the score."))
    # The error stands next to its field, and the field says it is invalid.
    field = page.locator(".field", has=missing)
    expect(field).to_contain_text(nl("Motivate the score."))
    expect(missing).to_have_attribute("aria-invalid", "true")
    expect(
        page.get_by_label(nl("Score for %(criterion)s", criterion=criteria[0].name))
    ).to_have_value("8")
    assignment = application.reviews.get()
    assert (assignment.scores.count(), assignment.completed_at) == (0, None)

    missing.fill(SCORES[-1][1])
    save.click()
    done = nl("Your scores for %(reference)s have been saved.", reference=application.reference)
    expect(message(page, done)).to_be_visible()
    expect(fact(page, nl("Your review"))).to_have_text(nl("done"))
    assignment.refresh_from_db()
    assert assignment.completed_at is not None
    assert assignment.scores.count() == len(criteria)
    assert application_scores(application.call)[application.pk].total == Decimal("7.5")
