"""The call flows in the browser, end to end, on the demo (issue 6's acceptance).

One journey through the demo's open call "Openstelling tweede ronde": a new applicant registers
an idea, the office pre-checks it, the applicant writes and submits the application, the office
checks it and assigns a reviewer, the reviewer scores it, and after the deadline the office
allocates the budget and proposes the outcome to a draft meeting. Each flow needs the one
before it, so they run in one test; a failing flow leaves a screenshot in ``artifacts/``.

Fields and buttons are found by their labels and roles (which checks that the forms are
accessible), with texts looked up through the Dutch catalogue (see ``helpers.nl``).
"""

import os

import pytest
from django.conf import settings
from playwright.sync_api import expect

from regiodeal.calls.models import Call
from regiodeal.core.demo import ensure_demo_user, load_demo
from regiodeal.core.money import format_euro

from .applicant import applicant_registers_an_idea, applicant_writes_and_submits
from .helpers import CHROMIUM, fact, flow, nl
from .journey import CALL
from .office import (
    office_allocates_and_proposes,
    office_checks_and_assigns,
    office_gives_the_pre_check,
    office_logs_in,
)
from .reviewer import reviewer_scores

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("CI"),
        reason=f"{CHROMIUM} is not installed (apt-get install chromium); CI installs it",
    ),
]


def test_applicant_office_and_reviewer_flows(open_page):
    office_user = ensure_demo_user(settings.REGIODEAL_DEMO_USER, settings.REGIODEAL_DEMO_PASSWORD)
    load_demo(user=office_user)
    call = Call.objects.get(slug=CALL)

    applicant = open_page()
    with flow("1-applicant-registers-an-idea", applicant):
        application = applicant_registers_an_idea(applicant, call)
    office = open_page()
    with flow("2-office-pre-check", office):
        office_logs_in(office)
        office_gives_the_pre_check(office, application)
    with flow("3-applicant-submits", applicant):
        applicant_writes_and_submits(applicant, application)
    with flow("4-office-completeness-and-reviewer", office):
        office_checks_and_assigns(office, application)
    reviewer = open_page()
    with flow("5-reviewer-scores", reviewer):
        reviewer_scores(reviewer, application)
    with flow("6-office-allocates-and-proposes", office):
        office_allocates_and_proposes(office, application, office_user)
    with flow("6-applicant-sees-the-outcome", applicant):
        applicant.goto(application.get_absolute_url())
        outcome = applicant.get_by_role("region", name=nl("Outcome of the allocation"))
        expect(fact(outcome, nl("Outcome"))).to_have_text(nl("granted"))
        expect(fact(outcome, nl("Proposed amount"))).to_have_text(format_euro(90000))
