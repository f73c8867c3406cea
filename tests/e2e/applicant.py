"""The applicant's flows: an account and an idea; the application, an attachment, submission."""

import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import Page, expect

from regiodeal.calls.constants import ApplicationState as S
from regiodeal.calls.models import Application, Call
from regiodeal.core.money import format_euro
from regiodeal.core.roles import Role
from regiodeal.organisations.models import Organisation

from .helpers import fact, message, nl
from .journey import CALL, EMAIL, LEAD, LINE, NAME, PASSWORD, PLACES, TITLE, small_pdf


# --- 1. The applicant: an account, an idea, "Mijn aanvragen" -------------------------------
def applicant_registers_an_idea(page: Page, call: Call) -> Application:
    page.goto(call.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(call.title)
    # Not logged in: the call offers an account, which leads back to the idea form.
    page.get_by_role("link", name=nl("create an account"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("Create an account"))
    page.get_by_label(nl("Your name"), exact=True).fill(NAME)
    page.get_by_label(nl("E-mail address"), exact=True).fill(EMAIL)
    page.get_by_label(nl("Password"), exact=True).fill(PASSWORD)
    page.get_by_label(nl("Password again"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=nl("Create the account")).click()

    expect(message(page, nl("Your account has been created; you are logged in."))).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/openstellingen/{CALL}/idee/$"))
    user = get_user_model().objects.get(email=EMAIL.lower())
    assert user.username == EMAIL.lower()
    assert list(user.groups.values_list("name", flat=True)) == [Role.AANVRAGER.value]

    page.get_by_label(nl("Title of your idea"), exact=True).fill(TITLE)
    page.get_by_label(nl("Your idea"), exact=True).fill(
        "Een buurtkamer in het oude postkantoor, waar ouderen en jongeren elkaar ontmoeten."
    )
    page.get_by_label(nl("Preferred programme line"), exact=True).select_option(label=LINE)
    page.get_by_role("button", name=nl("Register the idea")).click()

    application = Application.objects.get(call=call, applicant=user)
    expect(
        message(
            page,
            nl(
                "Your idea has been registered as %(reference)s. The programme office "
                "pre-checks it and lets you know its advice.",
                reference=application.reference,
            ),
        )
    ).to_be_visible()
    expect(page).to_have_url(re.compile(rf"{application.get_absolute_url()}$"))
    assert (application.state, application.title, application.line.name) == (
        S.AANGEMELD,
        TITLE,
        LINE,
    )

    page.get_by_role("navigation", name=nl("Main menu")).get_by_role(
        "link", name=nl("My applications")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(nl("My applications"))
    rows = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(application.reference)
    expect(rows.locator(".status")).to_have_text(nl(S.AANGEMELD.label))
    expect(rows).to_contain_text(
        nl("The programme office pre-checks your idea and sends its advice.")
    )
    return application


# --- 3. The applicant: the application, an attachment, a refused and a good submission -------
def applicant_writes_and_submits(page: Page, application: Application) -> None:
    page.goto(reverse("calls:my_applications"))
    rows = page.get_by_role("row").filter(has=page.get_by_role("link", name=TITLE))
    expect(rows.locator(".status")).to_have_text(nl(S.VOORGETOETST.label))
    rows.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=nl("Advice of the pre-check"))).to_be_visible()
    expect(page.get_by_text(nl("The advice is positive."))).to_be_visible()

    requested = page.get_by_label(nl("Requested amount"), exact=True)
    page.get_by_label(nl("Programme line"), exact=True).select_option(label=LINE)
    page.get_by_label(nl("Summary"), exact=True).fill(
        "Een buurtkamer voor ontmoeting tussen generaties in Zweeloo."
    )
    page.get_by_label(nl("Project plan"), exact=True).fill(
        "Aanleiding: het dorp mist een ontmoetingsplek.\n\nAanpak: verbouwing en vrijwilligers."
    )
    page.get_by_label(nl("Or the name of a new organisation"), exact=True).fill(LEAD)
    page.get_by_label(nl("KvK number of the new organisation"), exact=True).fill("87654321")
    page.get_by_label(nl("Municipalities where the project takes place"), exact=True).select_option(
        label=PLACES
    )
    page.get_by_label(nl("Eligible costs"), exact=True).fill("120.000")
    page.get_by_label(nl("Co-financing"), exact=True).fill("20.000")
    requested.fill("130.000")  # more than the eligible costs: refused
    page.get_by_role("button", name=nl("Submit the application")).click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text(nl("The requested amount is more than the eligible costs."))
    # The refusal keeps what was typed, and stores nothing: not even the new organisation.
    expect(requested).to_have_value("130.000")
    expect(page.get_by_label(nl("Or the name of a new organisation"), exact=True)).to_have_value(
        LEAD
    )
    application.refresh_from_db()
    assert (
        application.state,
        application.eligible_costs,
        application.requested_amount,
        application.lead_organisation_id,
    ) == (S.VOORGETOETST, None, None, None)
    assert not Organisation.objects.filter(name=LEAD).exists()

    requested.fill("100.000")
    page.get_by_role("button", name=nl("Save"), exact=True).click()
    expect(message(page, nl("Your application has been saved."))).to_be_visible()
    application.refresh_from_db()
    assert (
        application.eligible_costs,
        application.co_financing,
        application.requested_amount,
    ) == (Decimal("120000"), Decimal("20000"), Decimal("100000"))
    assert application.lead_organisation.kvk_number == "87654321"
    assert sorted(application.places.values_list("name", flat=True)) == PLACES

    page.get_by_label(nl("File"), exact=True).set_input_files(
        {"name": "begroting.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}
    )
    page.get_by_label(nl("Description"), exact=True).fill("Begroting per jaar")
    page.get_by_role("button", name=nl("Attach"), exact=True).click()
    expect(
        message(page, nl("%(name)s has been attached.", name="Begroting per jaar"))
    ).to_be_visible()
    attachments = page.get_by_role("region", name=nl("Attachments"))
    expect(attachments.get_by_role("link", name="Begroting per jaar")).to_be_visible()

    # The form was filled from what was saved: submitting it now passes.
    expect(requested).to_have_value("100.000")
    page.get_by_role("button", name=nl("Submit the application")).click()
    expect(
        message(page, nl("Your application has been submitted. You can no longer change it."))
    ).to_be_visible()
    submitted = nl(S.INGEDIEND.label)
    status = page.get_by_role("region", name=nl("Status"))
    expect(fact(status, nl("Status"))).to_have_text(submitted)
    expect(page.get_by_role("note")).to_have_text(
        nl("This application can no longer be changed (%(state)s).", state=submitted)
    )
    expect(page.get_by_role("button", name=nl("Submit the application"))).to_have_count(0)
    expect(page.get_by_role("button", name=nl("Attach"), exact=True)).to_have_count(0)
    expect(fact(page, nl("Eligible costs"))).to_have_text(format_euro(120000))
    expect(fact(page, nl("Requested amount"))).to_have_text(format_euro(100000))
    expect(fact(page, nl("Lead partner (penvoerder)"))).to_have_text(LEAD)
    application.refresh_from_db()
    assert application.state == S.INGEDIEND
    assert application.submitted_at is not None
    assert application.attachments.count() == 1
