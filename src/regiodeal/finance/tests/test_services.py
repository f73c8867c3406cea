"""The money workflow end to end: decisions → grant → advances → settlement, in the ledger."""

import datetime
from decimal import Decimal as D

import pytest

from regiodeal.core.errors import DomainError, ImmutableRecordError
from regiodeal.decisions import services as decision_services
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.finance import services
from regiodeal.finance.constants import EntryKind
from regiodeal.finance.models import AttributionKey, GrantDecision, LedgerAllocation, LedgerEntry
from regiodeal.finance.selectors import finance_summary
from regiodeal.finance.tests.factories import (
    make_funded_project,
    make_grant,
    make_published_decision,
)
from regiodeal.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def kinds(decision) -> dict[str, D]:
    totals: dict[str, D] = {}
    for entry in LedgerEntry.objects.filter(decision=decision):
        totals[entry.kind] = totals.get(entry.kind, D(0)) + entry.amount
    return totals


def test_publication_commits_and_attributes_pro_rata_to_funders():
    project = make_funded_project(contributions=(D("3000000"), D("1000000")))
    decision = make_published_decision(project, D("100000"))

    entry = LedgerEntry.objects.get(decision=decision)
    assert (entry.kind, entry.amount, entry.pillar_id) == (
        EntryKind.COMMITMENT,
        D("100000.00"),
        project.pillar_id,
    )
    parts = sorted(entry.allocations.values_list("amount", flat=True))
    assert parts == [D("25000.00"), D("75000.00")]


def test_a_decision_can_carry_its_own_attribution_key():
    project = make_funded_project(contributions=(D("3000000"), D("1000000")))
    meeting = make_meeting(project.programme)
    decision = make_decision(meeting, project, amount=D("90000"))
    funder = project.programme.contributions.order_by("pk").last().organisation
    AttributionKey.objects.create(
        programme=project.programme, decision=decision, organisation=funder, weight=D("1")
    )
    make_published_list(meeting, decision)

    allocation = LedgerAllocation.objects.get(entry__decision=decision)
    assert (allocation.organisation, allocation.amount) == (funder, D("90000.00"))


def test_grant_below_the_decision_releases_the_difference():
    project = make_funded_project()
    decision = make_published_decision(project, D("120000"))
    grant = make_grant(decision, eligible_costs=D("200000"), percentage=D("50"))

    assert grant.granted_amount == D("100000.00")
    assert kinds(decision) == {
        EntryKind.COMMITMENT: D("120000.00"),
        EntryKind.RELEASE: D("20000.00"),
    }
    pillar = finance_summary(project.programme).per_pillar[0]
    assert pillar.available == pillar.budget - D("120000") + D("20000")


def test_settlement_with_release_and_balance_payment():
    project = make_funded_project()
    decision = make_published_decision(project, D("100000"))
    grant = make_grant(decision, eligible_costs=D("200000"), percentage=D("50"))
    services.pay_advance(grant.instalments.get(), paid_on=datetime.date(2022, 3, 1))  # 80%

    settlement = services.create_settlement(
        grant, actual_costs=D("180000"), date=datetime.date(2023, 6, 30)
    )
    settlement = services.issue_settlement(settlement)
    services.pay_balance(settlement, paid_on=datetime.date(2023, 7, 14))

    assert (settlement.settled_amount, settlement.released_amount) == (D("90000.00"), D("10000.00"))
    assert settlement.balance_due == D("10000.00")
    assert kinds(decision) == {
        EntryKind.COMMITMENT: D("100000.00"),
        EntryKind.ADVANCE: D("80000.00"),
        EntryKind.SETTLEMENT: D("90000.00"),
        EntryKind.RELEASE: D("10000.00"),
        EntryKind.FINAL_PAYMENT: D("10000.00"),
    }
    with pytest.raises(DomainError, match="al betaald"):
        services.pay_balance(settlement, paid_on=datetime.date(2023, 7, 15))


def test_settlement_with_recovery():
    project = make_funded_project()
    decision = make_published_decision(project, D("100000"))
    grant = make_grant(decision, eligible_costs=D("200000"), percentage=D("50"))
    services.pay_advance(grant.instalments.get(), paid_on=datetime.date(2022, 3, 1))  # € 80.000

    settlement = services.issue_settlement(
        services.create_settlement(grant, actual_costs=D("150000"), date=datetime.date(2023, 6, 1))
    )

    assert settlement.settled_amount == D("75000.00")
    assert settlement.recovery_amount == D("5000.00")
    assert kinds(decision)[EntryKind.RECOVERY] == D("5000.00")
    assert kinds(decision)[EntryKind.RELEASE] == D("25000.00")
    summary = finance_summary(project.programme)
    assert summary.figures.paid - summary.figures.recovered == summary.figures.settled
    with pytest.raises(DomainError, match="niets"):
        services.pay_balance(settlement, paid_on=datetime.date(2023, 7, 1))


def test_refused_steps_change_nothing():
    project = make_funded_project()
    decision = make_published_decision(project, D("100000"))
    before = LedgerEntry.objects.count()

    with pytest.raises(DomainError, match="meer dan de verleende subsidie"):
        make_grant(decision, schedule=[(datetime.date(2022, 3, 1), D("60"), None)] * 2)
    assert not GrantDecision.objects.exists()
    grant = make_grant(decision, issue=False)
    with pytest.raises(DomainError, match="al een beschikking"):
        make_grant(decision)
    with pytest.raises(DomainError, match="Alleen een verleende"):
        services.create_settlement(grant, actual_costs=D("1"), date=datetime.date(2023, 1, 1))
    with pytest.raises(DomainError, match="verleende beschikking"):
        services.pay_advance(grant.instalments.get(), paid_on=datetime.date(2022, 3, 1))
    grant.refresh_from_db()
    assert grant.issued_at is None
    assert LedgerEntry.objects.count() == before


def test_correction_below_the_grant_is_refused_and_above_it_is_booked():
    project = make_funded_project()
    decision = make_published_decision(project, D("100000"))
    make_grant(decision, eligible_costs=D("200000"), percentage=D("50"))
    meeting = make_meeting(project.programme, datetime.date(2022, 6, 1))

    lower = decision_services.create_correction(
        original=decision, meeting=meeting, amount=D("90000"), text="Lager bedrag."
    )
    with pytest.raises(DomainError, match="minder dan de"):
        decision_services.adopt_decision(lower)
    lower.delete()
    higher = decision_services.create_correction(
        original=decision, meeting=meeting, amount=D("110000"), text="Hoger bedrag."
    )
    make_published_list(meeting, higher)

    assert kinds(decision) == {
        EntryKind.COMMITMENT: D("100000.00"),
        EntryKind.CHANGE: D("10000.00"),
    }


def test_released_money_can_be_committed_again():
    project = make_funded_project(pillar_budget=D("100000"))
    decision = make_published_decision(project, D("100000"))
    make_grant(decision, eligible_costs=D("100000"), percentage=D("50"))  # € 50.000 released

    second = make_published_decision(project, D("50000"), date=datetime.date(2022, 6, 1))
    assert second.budget_override_reason == ""


def test_ledger_entries_and_issued_letters_are_final():
    project = make_funded_project()
    decision = make_published_decision(project, D("100000"))
    grant = make_grant(decision)
    entry = LedgerEntry.objects.first()

    entry.amount = D("1")
    with pytest.raises(ImmutableRecordError):
        entry.save()
    with pytest.raises(ImmutableRecordError):
        entry.delete()
    with pytest.raises(ImmutableRecordError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=D("1"))
    with pytest.raises(ImmutableRecordError):
        LedgerAllocation.objects.all().delete()
    grant.conditions = "Iets anders."
    with pytest.raises(ImmutableRecordError):
        grant.save()
    with pytest.raises(ImmutableRecordError):
        grant.instalments.first().delete()


def test_money_per_municipality_is_split_evenly_unless_shares_are_recorded():
    project = make_funded_project()
    emmen, coevorden = (
        Municipality.objects.create(code=code, name=name, slug=name.lower())
        for code, name in (("GM0114", "Emmen"), ("GM0109", "Coevorden"))
    )
    project.places.set([emmen, coevorden])
    make_published_decision(project, D("100000.01"))

    rows = {
        row.key: row.figures.committed
        for row in finance_summary(project.programme).per_municipality
    }
    assert rows == {"GM0114": D("50000.01"), "GM0109": D("50000.00")}

    project.place_shares.create(municipality=emmen, weight=D("3"))
    project.place_shares.create(municipality=coevorden, weight=D("1"))
    rows = {
        row.key: row.figures.committed
        for row in finance_summary(project.programme).per_municipality
    }
    assert rows == {"GM0114": D("75000.01"), "GM0109": D("25000.00")}


def test_summary_until_a_date_counts_only_what_was_booked_by_then():
    project = make_funded_project()
    decision = make_published_decision(project, D("100000"), date=datetime.date(2021, 12, 14))
    grant = make_grant(decision, eligible_costs=D("200000"), percentage=D("50"))  # 2022-02-01
    services.pay_advance(grant.instalments.get(), paid_on=datetime.date(2023, 3, 1))

    end_2021 = finance_summary(project.programme, until=datetime.date(2021, 12, 31)).figures
    end_2022 = finance_summary(project.programme, until=datetime.date(2022, 12, 31)).figures
    assert (end_2021.committed, end_2021.granted, end_2021.paid) == (D("100000"), 0, 0)
    assert (end_2022.granted, end_2022.paid) == (D("100000"), 0)
    assert finance_summary(project.programme).figures.paid == D("80000")
