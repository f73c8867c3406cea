"""The office's flows in the back office: pre-check, completeness, a reviewer, the allocation
and the proposal to the steering group."""

import datetime
import re
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from playwright.sync_api import Page, expect

from regiodeal.calls.constants import ApplicationState as S
from regiodeal.calls.models import Application, Call
from regiodeal.core.money import format_euro
from regiodeal.decisions import services as decision_services
from regiodeal.decisions.constants import DecisionState

from .helpers import exactly, message, nl, nl_plural, starting
from .journey import GRANTED_REASON, LINE, REVIEWER, SEED, TITLE


# --- 2. The office: log in, find the application, give the pre-check advice -----------------
def office_logs_in(page: Page) -> None:
    page.goto(reverse("admin:index"))
    username = capfirst(nl(get_user_model()._meta.get_field("username").verbose_name))
    page.get_by_label(starting(username)).fill(settings.REGIODEAL_DEMO_USER)
    page.get_by_label(starting(nl("Password"))).fill(settings.REGIODEAL_DEMO_PASSWORD)
    page.get_by_role("button", name=nl("Log in")).click()
    expect(page).to_have_url(re.compile(rf"{reverse('admin:index')}$"))


def office_gives_the_pre_check(page: Page, application: Application) -> None:
    page.goto(reverse("admin:calls_application_changelist"))
    page.get_by_role("search").get_by_role("textbox").fill(application.reference)
    page.get_by_role("search").get_by_role("textbox").press("Enter")
    expect(page.get_by_role("link", name=application.reference, exact=True)).to_have_count(1)
    expect(page.get_by_role("row").filter(has_text=application.reference)).to_contain_text(TITLE)
    page.get_by_role("link", name=application.reference, exact=True).click()

    page.get_by_role("link", name=nl("Give the pre-check advice")).click()
    page.get_by_role("radio", name=nl("positive"), exact=True).check()
    page.get_by_label(starting(nl("advice for the applicant"))).fill(
        "Kansrijk idee. Werk de cofinanciering door de stichting uit in de begroting."
    )
    page.get_by_role("button", name=nl("Send the advice")).click()

    done = nl(
        "The advice on %(reference)s has been sent to the applicant.",
        reference=application.reference,
    )
    expect(message(page, done)).to_be_visible()
    application.refresh_from_db()
    assert application.state == S.VOORGETOETST
    assert application.pre_check_positive is True


# --- 4. The office: completeness, then a reviewer ----------------------------------------
def office_checks_and_assigns(page: Page, application: Application) -> None:
    page.goto(reverse("admin:calls_application_change", args=[application.pk]))
    expect(page.get_by_role("table", name=nl("Attachments"))).to_contain_text("Begroting per jaar")
    page.get_by_role("link", name=nl("Check completeness")).click()
    page.get_by_role("radio", name=nl("complete"), exact=True).check()
    page.get_by_role("button", name=nl("Record the completeness check")).click()
    done = nl(
        "The completeness check of %(reference)s has been recorded.",
        reference=application.reference,
    )
    expect(message(page, done)).to_be_visible()
    application.refresh_from_db()
    assert application.state == S.VOLLEDIG

    page.get_by_role("link", name=nl("Assign reviewers")).click()
    page.get_by_role("checkbox", name=re.compile(rf"\({REVIEWER}\)$")).check()
    page.get_by_role("button", name=nl("Assign"), exact=True).click()
    done = nl(
        "%(count)s reviewer(s) assigned to %(reference)s.",
        count=1,
        reference=application.reference,
    )
    expect(message(page, done)).to_be_visible()
    reviews = page.get_by_role("table", name=nl("Reviews"))
    expect(reviews).to_contain_text(nl("not scored yet"))
    assert list(application.reviews.values_list("reviewer__username", flat=True)) == [REVIEWER]


# --- 6. The office: after the deadline, the allocation and the proposal -------------------
def office_allocates_and_proposes(page: Page, application: Application, office_user) -> None:
    call = application.call
    now = timezone.now()
    # Time travel, directly in the database: the call closes (registration, then applications)
    # a minute ago, and the demo's application in its repair period has run out of time; the
    # run rejects that one as incomplete. Apart from these and the meeting below, every step
    # goes through the pages.
    Call.objects.filter(pk=call.pk).update(
        registration_deadline=now - datetime.timedelta(minutes=2),
        application_deadline=now - datetime.timedelta(minutes=1),
    )
    repairing = call.applications.get(state=S.HERSTEL)
    Application.objects.filter(pk=repairing.pk).update(repair_due=now - datetime.timedelta(hours=1))
    waiting = call.applications.get(state=S.INGEDIEND)
    # A new draft meeting of the programme, made through the decisions service rather than the
    # meeting admin: making meetings is not what this journey tests.
    meeting = decision_services.create_meeting(
        programme=call.programme,
        date=timezone.localdate() + datetime.timedelta(days=21),
        title="Stuurgroep tweede ronde",
        user=office_user,
    )

    page.goto(reverse("admin:calls_call_changelist"))
    page.get_by_role("link", name=call.title, exact=True).click()
    page.get_by_role("link", name=nl("Ranking and allocation"), exact=True).click()
    pending = page.get_by_role(
        "table", name=nl("Applications awaiting the completeness check or their repair period")
    )
    expect(pending.get_by_role("row")).to_have_count(2)

    # The demo's submitted application still waits for the office: declared not eligible.
    pending.get_by_role("link", name=waiting.reference, exact=True).click()
    page.get_by_role("link", name=nl("Declare not eligible")).click()
    page.get_by_label(starting(nl("reason"))).fill("Het project valt buiten de zes gemeenten.")
    page.get_by_role("button", name=nl("Declare not eligible")).click()
    done = nl("%(reference)s has been declared not eligible.", reference=waiting.reference)
    expect(message(page, done)).to_be_visible()
    page.get_by_role("link", name=nl("Ranking and allocation of the call")).click()

    page.get_by_label(starting(nl("lottery seed"))).fill(str(SEED))
    page.get_by_role("button", name=nl("Run the allocation")).click()
    done = nl("The allocation has run with lottery seed %(seed)s.", seed=SEED)
    expect(message(page, done)).to_be_visible()
    run = call.allocation_runs.get()
    assert run.seed == SEED
    outcome = run.outcome_of(application.reference)
    assert outcome["reason"].replace("\u00a0", " ") == GRANTED_REASON
    assert (outcome["outcome"], Decimal(outcome["amount"])) == ("granted", Decimal("90000"))

    line = page.get_by_role("table", name=LINE, exact=True)
    ours = line.get_by_role("row").filter(has_text=application.reference)
    cells = ours.get_by_role("cell")
    expect(cells.nth(0)).to_have_text("1")
    expect(cells.nth(3)).to_have_text(nl("granted"))
    expect(cells.nth(4)).to_have_text(format_euro(90000))
    expect(cells.nth(5)).to_have_text(GRANTED_REASON)
    refused = line.get_by_role("row").filter(has_text=waiting.reference).get_by_role("cell")
    expect(refused.nth(3)).to_have_text(nl("not eligible"))
    expect(refused.nth(5)).to_have_text(
        "Afgewezen: de aanvraag voldoet niet aan de voorwaarden van de openstelling."
    )
    repaired = page.get_by_role("row").filter(has_text=repairing.reference).get_by_role("cell")
    expect(repaired.nth(3)).to_have_text(nl("incomplete"))
    expect(repaired.nth(5)).to_have_text(
        "Niet in behandeling genomen: de aanvraag was niet volledig, ook niet na de hersteltermijn."
    )

    page.get_by_label(starting(nl("meeting of the steering group"))).select_option(
        label=f"{meeting.title} ({meeting.date:%d-%m-%Y})"
    )
    page.get_by_role("button", name=nl("Propose the decisions")).click()
    done = nl_plural(
        "%(count)d draft decision proposed to %(meeting)s.",
        "%(count)d draft decisions proposed to %(meeting)s.",
        1,
        meeting=meeting.title,
    )
    expect(message(page, done)).to_be_visible()
    application.refresh_from_db()
    decision = application.decision
    assert (decision.meeting_id, decision.state, decision.amount) == (
        meeting.pk,
        DecisionState.CONCEPT,
        Decimal("90000"),
    )
    assert application.project.title == TITLE

    decided = page.get_by_role("table", name=nl("Decisions and grant decisions"))
    expect(decided.get_by_role("row").filter(has_text=application.reference)).to_contain_text(
        f"{meeting.title}: {nl(DecisionState.CONCEPT.label)}"
    )
    # The run's "proposed to" link (the table's link of the same name opens the decision).
    meeting_url = reverse("admin:decisions_meeting_change", args=[meeting.pk])
    page.get_by_role("link", name=meeting.title, exact=True).and_(
        page.locator(f'[href="{meeting_url}"]')
    ).click()
    expect(page.get_by_role("heading", level=2, name=exactly(meeting.title))).to_be_visible()
    decisions = page.locator("#decisions-group")
    expect(decisions).to_contain_text(TITLE)
    expect(decisions).to_contain_text(nl(DecisionState.CONCEPT.label))
