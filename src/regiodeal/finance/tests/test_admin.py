"""The finance back office: every money step goes through the services, refusals change nothing."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from regiodeal.core.errors import DomainError
from regiodeal.core.money import format_euro
from regiodeal.core.roles import Role, group_of
from regiodeal.decisions import services as decision_services
from regiodeal.decisions.tests.factories import make_decision, make_meeting
from regiodeal.finance import services
from regiodeal.finance.constants import EntryKind, GrantState, SettlementState
from regiodeal.finance.models import (
    AttributionKey,
    FunderInstalment,
    GrantDecision,
    LedgerEntry,
    PlaceShare,
    Settlement,
)
from regiodeal.finance.tests.factories import (
    make_funded_project,
    make_grant,
    make_published_decision,
)
from regiodeal.organisations.constants import OrganisationKind
from regiodeal.organisations.tests.factories import MunicipalityFactory, OrganisationFactory
from regiodeal.programmes.tests.factories import FunderContributionFactory
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


def ledger_state() -> tuple[int, Decimal]:
    entries = list(LedgerEntry.objects.values_list("amount", flat=True))
    return len(entries), sum(entries, Decimal(0))


def url(name: str, *args) -> str:
    return reverse(f"admin:finance_{name}", args=args)


@pytest.fixture
def office(client) -> User:
    return login_as(client, Role.MEDEWERKER, "medewerker")


@pytest.fixture
def project():
    return make_funded_project()


@pytest.fixture
def draft(project) -> GrantDecision:
    return make_grant(make_published_decision(project), issue=False)


@pytest.fixture
def issued(project) -> GrantDecision:
    return make_grant(make_published_decision(project))


def grant_form(grant: GrantDecision, schedule=(), **changes) -> dict:
    """The POST of a draft's change page: its figures, with its schedule as the inline."""
    data = {
        "recipient": grant.recipient_id,
        "date": grant.date.strftime("%d-%m-%Y"),
        "eligible_costs": str(grant.eligible_costs).replace(".", ","),
        "subsidy_percentage": str(grant.subsidy_percentage).replace(".", ","),
        "maximum_amount": "",
        "conditions": grant.conditions,
        "reporting_duties": grant.reporting_duties,
        "loaded_version": grant.version,
        **changes,
    }
    existing = list(grant.instalments.order_by("pk"))
    data |= {
        "instalments-TOTAL_FORMS": len(schedule),
        "instalments-INITIAL_FORMS": len(existing),
        "instalments-MIN_NUM_FORMS": 0,
        "instalments-MAX_NUM_FORMS": 1000,
    }
    for index, (due, percentage, amount) in enumerate(schedule):
        pk = existing[index].pk if index < len(existing) else ""
        data |= {
            f"instalments-{index}-id": pk,
            f"instalments-{index}-grant": grant.pk,
            f"instalments-{index}-due_date": due,
            f"instalments-{index}-percentage": percentage,
            f"instalments-{index}-amount": amount,
        }
    return data


# ------------------------------------------------------------------ preparing a grant decision


def test_the_add_page_offers_only_published_decisions_without_a_grant(client, office, project):
    open_decision = make_published_decision(project, Decimal("50000"))
    granted = make_grant(make_published_decision(project, Decimal("60000")), issue=False)
    meeting = make_meeting(project.programme, datetime.date(2022, 1, 18))
    unpublished = make_decision(meeting, project, amount=Decimal("40000"))
    page = client.get(url("grantdecision_add"))
    assert page.status_code == 200
    offered = set(page.context["form"].fields["decision"].queryset)
    assert open_decision in offered
    assert granted.decision not in offered
    assert unpublished not in offered


def test_adding_creates_a_draft_through_the_service_for_the_project_lead(client, office, project):
    decision = make_published_decision(project, Decimal("100000"))
    response = client.post(
        url("grantdecision_add"),
        {
            "decision": decision.pk,
            "date": "01-02-2022",
            "eligible_costs": "150000,00",
            "subsidy_percentage": "50",
            "conditions": "Besteden aan het project.",
        },
    )
    grant = GrantDecision.objects.get(decision=decision)
    assert response.status_code == 302
    assert response["Location"] == url("grantdecision_change", grant.pk)
    assert grant.state == GrantState.CONCEPT
    assert grant.recipient == project.lead_organisation
    assert grant.granted_amount == Decimal("75000.00")
    assert grant.reference == "B-2022-001"
    assert grant.history.first().history_user == office


def test_adding_refused_by_the_service_shows_why_and_creates_nothing(client, office):
    leaderless = ProjectFactory(pillar__budget=Decimal("1000000"))
    FunderContributionFactory(programme=leaderless.programme)
    decision = make_published_decision(leaderless)
    response = client.post(
        url("grantdecision_add"),
        {
            "decision": decision.pk,
            "date": "01-02-2022",
            "eligible_costs": "200000",
            "subsidy_percentage": "50",
        },
    )
    assert response.status_code == 200
    assert said(response, "Choose the recipient: the project has no lead organisation.")
    assert response.context["form"].data["eligible_costs"] == "200000"  # the input is kept
    assert not GrantDecision.objects.exists()


def test_editing_a_draft_recomputes_the_granted_amount(client, office, draft):
    schedule = [("01-03-2022", "50", "")]
    data = grant_form(draft, schedule, eligible_costs="120000")
    response = client.post(url("grantdecision_change", draft.pk), data)
    assert response.status_code == 302, response.context["errors"]
    draft.refresh_from_db()
    assert draft.eligible_costs == Decimal("120000.00")
    assert draft.granted_amount == Decimal("60000.00")
    assert draft.instalments.get().percentage == Decimal("50")
    assert draft.history.first().history_user == office


def test_a_schedule_above_the_grant_is_refused_and_nothing_changes(client, office, draft):
    before = (draft.eligible_costs, draft.granted_amount, draft.version)
    # 80% of a grant lowered to 50.000, plus a fixed 20.000: 60.000 > 50.000.
    schedule = [("01-03-2022", "80", ""), ("01-09-2022", "", "20000")]
    data = grant_form(draft, schedule, eligible_costs="100000")
    response = client.post(url("grantdecision_change", draft.pk), data)
    assert response.status_code == 200
    assert said(
        response,
        "The advances (%(total)s) add up to more than the grant (%(granted)s).",
        total=format_euro(Decimal("60000")),
        granted=format_euro(Decimal("50000")),
    )
    draft.refresh_from_db()
    assert (draft.eligible_costs, draft.granted_amount, draft.version) == before
    assert list(draft.instalments.values_list("percentage", flat=True)) == [Decimal("80.00")]


def test_the_service_check_after_saving_undoes_the_whole_save(client, office, draft, monkeypatch):
    before = (draft.eligible_costs, draft.version)

    def refuse(grant):
        raise DomainError("Het schema klopt niet.")

    monkeypatch.setattr(services, "check_schedule", refuse)
    data = grant_form(draft, [("01-03-2022", "80", "")], eligible_costs="190000")
    response = client.post(url("grantdecision_change", draft.pk), data, follow=True)
    assert "Het schema klopt niet." in response.content.decode()
    draft.refresh_from_db()
    assert (draft.eligible_costs, draft.version) == before


# ------------------------------------------------------------------------------ issuing


def test_issuing_asks_first_then_issues_with_the_acting_user(client, office, draft):
    assert not client.get(url("grantdecision_change", draft.pk)).context["has_absolute_url"]
    page = client.get(url("grantdecision_issue", draft.pk))
    assert page.status_code == 200
    draft.refresh_from_db()
    assert draft.state == GrantState.CONCEPT  # a GET changes nothing
    response = client.post(url("grantdecision_issue", draft.pk))
    assert response["Location"] == url("grantdecision_change", draft.pk)
    draft.refresh_from_db()
    assert draft.state == GrantState.VERLEEND
    assert draft.issued_by == office
    assert draft.history.first().history_user == office


def test_issuing_twice_is_refused_with_a_message_and_books_nothing(client, office, issued):
    before = ledger_state()
    response = client.post(url("grantdecision_issue", issued.pk))
    assert response.status_code == 200
    assert said(response, "This grant decision has already been issued.")
    assert ledger_state() == before


def test_an_issued_grant_decision_is_read_only_in_the_back_office(client, office, issued):
    change = url("grantdecision_change", issued.pk)
    page = client.get(change)
    assert page.status_code == 200
    assert not page.context["inline_admin_formsets"]
    assert "eligible_costs" not in page.context["adminform"].form.fields
    content = page.content.decode()
    assert url("grantdecision_issue", issued.pk) not in content
    assert url("grantdecision_settle", issued.pk) in content
    data = grant_form(issued, eligible_costs="1")
    assert client.post(change, data).status_code == 403
    assert client.post(url("grantdecision_delete", issued.pk), {"post": "yes"}).status_code == 403
    issued.refresh_from_db()
    assert issued.eligible_costs == Decimal("200000.00")
    # Bulk deletion would skip the model's refusal: the list offers no actions at all.
    assert client.get(url("grantdecision_changelist")).context["action_form"] is None


def test_the_grant_page_shows_figures_schedule_ledger_and_letters(client, office, issued):
    instalment = issued.instalments.get()
    content = client.get(url("grantdecision_change", issued.pk)).content.decode()
    assert "€\u00a0100.000" in content  # granted
    assert "€\u00a080.000" in content  # the advance: 80% of the grant
    assert f"{url('grantdecision_pay_advance', issued.pk)}?instalment={instalment.pk}" in content
    assert escape(gettext("commitment")) in content  # the decision's commitment in the ledger
    for fmt in ("pdf", "docx", "odt"):
        assert url("grantdecision_letter", issued.pk, fmt) in content
    listing = client.get(url("grantdecision_changelist")).content.decode()
    assert "€\u00a0100.000" in listing


# ----------------------------------------------------------------------------- payments


def test_paying_an_advance_books_it_for_the_acting_user(client, office, issued):
    instalment = issued.instalments.get()
    page = client.get(url("grantdecision_pay_advance", issued.pk), {"instalment": instalment.pk})
    assert page.context["form"].initial["instalment"] == str(instalment.pk)
    response = client.post(
        url("grantdecision_pay_advance", issued.pk),
        {"instalment": instalment.pk, "paid_on": "15-03-2022"},
    )
    assert response.status_code == 302
    entry = LedgerEntry.objects.get(kind=EntryKind.ADVANCE)
    assert (entry.amount, entry.booked_on) == (Decimal("80000.00"), datetime.date(2022, 3, 15))
    assert entry.created_by == office
    # Paid now: no longer offered.
    again = client.get(url("grantdecision_pay_advance", issued.pk))
    assert instalment not in again.context["form"].fields["instalment"].queryset


def test_an_advance_on_a_draft_is_refused_and_nothing_is_booked(client, office, draft):
    before = ledger_state()
    response = client.post(
        url("grantdecision_pay_advance", draft.pk),
        {"instalment": draft.instalments.get().pk, "paid_on": "15-03-2022"},
    )
    assert response.status_code == 200
    assert said(response, "Advances are paid on an issued grant decision.")
    assert ledger_state() == before


# ---------------------------------------------------------------------------- settlement


def settle(client, grant: GrantDecision, costs: str, date: str = "30-06-2023"):
    return client.post(
        url("grantdecision_settle", grant.pk),
        {"actual_costs": costs, "date": date, "note": "Eindverslag ontvangen."},
    )


def test_settling_a_draft_grant_is_refused_and_creates_nothing(client, office, draft):
    response = settle(client, draft, "150000")
    assert said(response, "Only an issued grant decision can be settled.")
    assert not Settlement.objects.exists()


def test_a_settlement_before_its_grant_is_refused_and_creates_nothing(client, office, issued):
    response = settle(client, issued, "150000", date="01-01-2022")
    assert response.status_code == 200
    assert said(response, "A settlement cannot precede its grant decision.")
    assert not Settlement.objects.exists()


def test_settling_sending_and_paying_the_balance(client, office, issued):
    services.pay_advance(issued.instalments.get(), paid_on=datetime.date(2022, 3, 1))
    response = settle(client, issued, "180000,00")
    settlement = Settlement.objects.get(grant=issued)
    assert response["Location"] == url("settlement_change", settlement.pk)
    assert settlement.state == SettlementState.CONCEPT
    assert settlement.history.first().history_user == office
    assert settlement.settled_amount == Decimal("90000.00")  # 50% of 180.000
    assert not settlement.ledger.exists()  # a draft books nothing

    page = client.get(url("settlement_change", settlement.pk)).content.decode()
    assert url("settlement_issue", settlement.pk) in page
    assert url("settlement_pay_balance", settlement.pk) not in page
    client.post(url("settlement_issue", settlement.pk))
    settlement.refresh_from_db()
    assert settlement.state == SettlementState.VASTGESTELD
    assert settlement.issued_by == office
    kinds = dict(settlement.ledger.values_list("kind", "amount"))
    assert kinds == {
        EntryKind.SETTLEMENT: Decimal("90000.00"),
        EntryKind.RELEASE: Decimal("10000.00"),
    }

    page = client.get(url("settlement_change", settlement.pk)).content.decode()
    assert url("settlement_pay_balance", settlement.pk) in page
    client.post(url("settlement_pay_balance", settlement.pk), {"paid_on": "14-07-2023"})
    final = settlement.ledger.get(kind=EntryKind.FINAL_PAYMENT)
    assert (final.amount, final.created_by) == (Decimal("10000.00"), office)

    before = ledger_state()
    again = client.post(url("settlement_pay_balance", settlement.pk), {"paid_on": "15-07-2023"})
    assert said(again, "The balance of this settlement has already been paid.")
    assert ledger_state() == before
    assert client.post(url("settlement_delete", settlement.pk), {"post": "yes"}).status_code == 403


def test_sending_a_settlement_twice_is_refused(client, office, issued):
    settlement = services.create_settlement(
        issued, actual_costs=Decimal("100000"), date=datetime.date(2023, 6, 30)
    )
    services.issue_settlement(settlement)
    before = ledger_state()
    response = client.post(url("settlement_issue", settlement.pk))
    assert said(response, "This settlement has already been issued.")
    assert ledger_state() == before


def test_a_settlement_is_never_added_or_edited_by_hand(client, office, issued):
    settlement = services.create_settlement(
        issued, actual_costs=Decimal("100000"), date=datetime.date(2023, 6, 30)
    )
    assert client.get(url("settlement_add")).status_code == 403
    change = url("settlement_change", settlement.pk)
    assert client.post(change, {"note": "anders"}).status_code == 403
    settlement.refresh_from_db()
    assert settlement.note == ""
    # A draft may be deleted, to settle again.
    assert client.post(url("settlement_delete", settlement.pk), {"post": "yes"}).status_code == 302
    assert not Settlement.objects.exists()


# ------------------------------------------------------------------------------- letters


def test_letters_download_in_each_format_and_an_unknown_one_is_not_found(client, office, issued):
    for fmt, kind in (("docx", "wordprocessingml"), ("odt", "opendocument.text")):
        response = client.get(url("grantdecision_letter", issued.pk, fmt))
        assert response.status_code == 200
        assert kind in response["Content-Type"]
        assert f'filename="beschikking-{issued.reference}.{fmt}"' in response["Content-Disposition"]
    assert client.get(url("grantdecision_letter", issued.pk, "rtf")).status_code == 404
    settlement = services.create_settlement(
        issued, actual_costs=Decimal("100000"), date=datetime.date(2023, 6, 30)
    )
    response = client.get(url("settlement_letter", settlement.pk, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get(url("settlement_letter", settlement.pk, "exe")).status_code == 404


# -------------------------------------------------------------------------------- ledger


def test_the_ledger_is_read_only_for_everyone(client, issued):
    login_as(client, Role.BEHEERDER)
    entry = LedgerEntry.objects.get(kind=EntryKind.COMMITMENT)
    listing = client.get(url("ledgerentry_changelist"))
    assert listing.status_code == 200
    assert reverse("finance:overview") in listing.content.decode()
    assert listing.context["action_form"] is None
    page = client.get(url("ledgerentry_change", entry.pk))
    assert page.status_code == 200
    funders = [o.organisation for o in page.context["inline_admin_formsets"][0].formset.queryset]
    assert len(funders) == 2  # attributed to both funders of the project's programme
    assert client.get(url("ledgerentry_add")).status_code == 403
    assert client.post(url("ledgerentry_change", entry.pk), {"amount": "1"}).status_code == 403
    assert client.post(url("ledgerentry_delete", entry.pk), {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.amount == Decimal("100000.00")


def test_the_ledger_filters_by_year_kind_and_programme(client, office, issued):
    services.pay_advance(issued.instalments.get(), paid_on=datetime.date(2023, 3, 1))
    listing = url("ledgerentry_changelist")
    by_year = client.get(listing, {"year": "2023"}).context["cl"].result_list
    assert [e.kind for e in by_year] == [EntryKind.ADVANCE]
    by_kind = client.get(listing, {"kind__exact": EntryKind.COMMITMENT}).context["cl"]
    assert [e.kind for e in by_kind.result_list] == [EntryKind.COMMITMENT]
    programme = {"programme__id__exact": issued.project.programme_id}
    assert client.get(listing, programme).context["cl"].result_count == 2
    found = client.get(listing, {"q": issued.project.title}).context["cl"].result_count
    assert found == 2


# ------------------------------------------------------------------------- roles and audit


def test_the_steering_group_reads_but_does_not_act(client, draft):
    login_as(client, Role.STUURGROEPLID)
    page = client.get(url("grantdecision_change", draft.pk))
    assert page.status_code == 200
    content = page.content.decode()
    assert url("grantdecision_issue", draft.pk) not in content
    assert url("grantdecision_letter", draft.pk, "pdf") in content
    response = client.post(url("grantdecision_issue", draft.pk))
    assert response.status_code == 403
    assert said(response, "Only the programme office may issue a grant decision or a settlement.")
    assert client.get(url("grantdecision_add")).status_code == 403
    draft.refresh_from_db()
    assert draft.state == GrantState.CONCEPT


def test_a_portfolio_holder_has_no_finance_back_office(client, issued):
    login_as(client, Role.PORTEFEUILLEHOUDER)
    for name in ("grantdecision", "settlement", "ledgerentry", "attributionkey"):
        assert client.get(url(f"{name}_changelist")).status_code == 403, name
    assert client.get(url("grantdecision_letter", issued.pk, "odt")).status_code == 403


def test_past_versions_are_read_never_restored(client, office, draft):
    version = draft.history.last()
    history = url("grantdecision_simple_history", draft.pk, version.history_id)
    assert client.get(history).status_code == 200
    data = grant_form(draft, eligible_costs="1000")
    assert client.post(history, data).status_code == 403
    draft.refresh_from_db()
    assert draft.eligible_costs == Decimal("200000.00")


# ----------------------------------------------------------------------- attribution keys


def test_the_office_keeps_attribution_keys(client, office, issued):
    programme = issued.project.programme
    funder = programme.contributions.first().organisation
    response = client.post(
        url("attributionkey_add"),
        {"programme": programme.pk, "decision": "", "organisation": funder.pk, "weight": "75"},
    )
    assert response.status_code == 302
    key = AttributionKey.objects.get()
    assert (key.decision, key.weight) == (None, Decimal("75"))
    assert key.history.first().history_user == office


def test_a_decision_key_must_belong_to_the_programme_and_start_its_chain(client, office, issued):
    elsewhere = make_published_decision(make_funded_project())
    programme = issued.project.programme
    funder = programme.contributions.first().organisation
    add = url("attributionkey_add")
    data = {"programme": programme.pk, "organisation": funder.pk, "weight": "1"}
    response = client.post(add, {**data, "decision": elsewhere.pk})
    assert said(response, "This decision belongs to another programme.")
    correction = decision_services.create_correction(
        original=issued.decision,
        meeting=make_meeting(programme, datetime.date(2022, 6, 14)),
        amount=Decimal("110000"),
        text="Het bedrag wordt verhoogd.",
    )
    response = client.post(add, {**data, "decision": correction.pk})
    assert said(
        response,
        "This decision corrects an earlier one; give the key to the first decision of the chain.",
    )
    assert not AttributionKey.objects.exists()


# ----------------------------------------------------- programme, contributions and projects


def test_the_programme_warns_when_the_rijk_pays_more_than_half(client, office, project):
    programme = project.programme
    change = reverse("admin:programmes_programme_change", args=[programme.pk])
    assert "messagelist" not in client.get(change).content.decode()
    rijk = OrganisationFactory(kind=OrganisationKind.RIJKSOVERHEID, name="Rijk")
    FunderContributionFactory(programme=programme, organisation=rijk, amount=Decimal("3000000"))
    response = client.get(change)
    assert said(
        response,
        "The Rijk contributes %(rijk)s of %(total)s (%(share)s): more than half of the "
        "programme, which a Regio Deal does not allow.",
        rijk=format_euro(Decimal("3000000")),
        total=format_euro(Decimal("5500000")),
        share="54,5%",
    )


def test_a_funder_contribution_keeps_its_payment_schedule(client, office, project):
    contribution = project.programme.contributions.first()
    page = client.get(reverse("admin:programmes_fundercontribution_change", args=[contribution.pk]))
    formsets = page.context["inline_admin_formsets"]
    assert [f.formset.model for f in formsets] == [FunderInstalment]
    data = {
        "programme": contribution.programme_id,
        "organisation": contribution.organisation_id,
        "amount": "1500000,00",
        "loaded_version": contribution.version,
        "instalments-TOTAL_FORMS": 1,
        "instalments-INITIAL_FORMS": 0,
        "instalments-0-due_date": "01-04-2022",
        "instalments-0-amount": "500000",
        "instalments-0-received_on": "",
    }
    response = client.post(
        reverse("admin:programmes_fundercontribution_change", args=[contribution.pk]), data
    )
    assert response.status_code == 302, response.context and response.context["errors"]
    instalment = contribution.instalments.get()
    assert (instalment.due_date, instalment.amount) == (
        datetime.date(2022, 4, 1),
        Decimal("500000.00"),
    )


def test_a_project_page_splits_its_money_over_its_places(client, office, project):
    emmen, coevorden = MunicipalityFactory(), MunicipalityFactory()
    project.places.set([emmen, coevorden])
    page = client.get(reverse("admin:projects_project_change", args=[project.pk]))
    assert PlaceShare in [f.formset.model for f in page.context["inline_admin_formsets"]]
    # A share names one of the places, which a project only has once it is saved.
    assert client.get(reverse("admin:projects_project_add")).context["inline_admin_formsets"] == []


def test_the_ledger_offers_the_years_from_its_first_to_its_last_booking(client, office, project):
    make_published_decision(project, date=datetime.date(2021, 12, 14))
    make_published_decision(project, amount=Decimal("50000"), date=datetime.date(2023, 3, 8))
    response = client.get(reverse("admin:finance_ledgerentry_changelist"))
    (years,) = [
        spec
        for spec in response.context["cl"].filter_specs
        if getattr(spec, "parameter_name", None) == "year"
    ]
    assert [label for _value, label in years.lookup_choices] == ["2023", "2022", "2021"]
    in_2022 = client.get(reverse("admin:finance_ledgerentry_changelist"), {"year": "2022"})
    assert in_2022.context["cl"].result_count == 0
