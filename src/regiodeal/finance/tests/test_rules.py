"""Worked examples of the money rules, as the programme office would check them by hand."""

from decimal import Decimal as D

import pytest

from regiodeal.finance.rules import grant_amount, instalment_amounts, rijk_share, settlement_amount


def test_percentage_of_eligible_costs_caps_the_grant():
    # 50% of € 150.000 = € 75.000, below the maximum (€ 100.000) and the decision (€ 120.000).
    figures = grant_amount(
        eligible_costs=D("150000"),
        percentage=D("50"),
        maximum=D("100000"),
        decision_amount=D("120000"),
    )
    assert figures.granted == D("75000.00")
    assert figures.limited_by == "percentage"


def test_maximum_caps_the_grant():
    # 80% of € 200.000 = € 160.000; the maximum of € 100.000 binds.
    figures = grant_amount(
        eligible_costs=D("200000"),
        percentage=D("80"),
        maximum=D("100000"),
        decision_amount=D("120000"),
    )
    assert figures.granted == D("100000.00")
    assert figures.limited_by == "maximum"


def test_steering_group_decision_caps_the_grant():
    # 80% of € 200.000 = € 160.000, no maximum; the steering group decided € 120.000.
    figures = grant_amount(
        eligible_costs=D("200000"), percentage=D("80"), maximum=None, decision_amount=D("120000")
    )
    assert figures.granted == D("120000.00")
    assert figures.limited_by == "decision"


def test_percentage_rounds_down_to_the_cent():
    # 33,33% of € 1.000,01 = € 333,3033…: never round a grant up past its percentage.
    figures = grant_amount(
        eligible_costs=D("1000.01"), percentage=D("33.33"), maximum=None, decision_amount=D("5000")
    )
    assert figures.granted == D("333.30")


def test_settlement_with_release():
    # Granted € 100.000 at 50%; actual costs € 150.000 → settled € 75.000, € 25.000 released;
    # advances € 80.000 paid → € 5.000 to recover, nothing left to pay.
    figures = settlement_amount(
        actual_costs=D("150000"), percentage=D("50"), granted=D("100000"), paid=D("60000")
    )
    assert figures.settled == D("75000.00")
    assert figures.released == D("25000.00")
    assert figures.recovery == D("0.00")
    assert figures.balance_due == D("15000.00")


def test_settlement_with_recovery():
    # Advances of € 80.000 on a grant settled at € 75.000: € 5.000 comes back.
    figures = settlement_amount(
        actual_costs=D("150000"), percentage=D("50"), granted=D("100000"), paid=D("80000")
    )
    assert figures.settled == D("75000.00")
    assert figures.recovery == D("5000.00")
    assert figures.balance_due == D("0.00")


def test_settlement_never_exceeds_the_grant():
    # Costs overran: 50% of € 300.000 is € 150.000, but only € 100.000 was granted.
    figures = settlement_amount(
        actual_costs=D("300000"), percentage=D("50"), granted=D("100000"), paid=D("80000")
    )
    assert figures.settled == D("100000.00")
    assert figures.released == D("0.00")
    assert figures.balance_due == D("20000.00")


def test_settlement_releases_everything_still_committed():
    # The commitment was raised after the grant (€ 110.000 outstanding): all that is not
    # settled returns to the pillar.
    figures = settlement_amount(
        actual_costs=D("150000"),
        percentage=D("50"),
        granted=D("100000"),
        paid=D("0"),
        outstanding=D("110000"),
    )
    assert figures.released == D("35000.00")


@pytest.mark.parametrize(
    ("rijk", "total", "exceeded"),
    [
        (D("20000000"), D("40000001"), False),  # the demo: just under half
        (D("20000000"), D("40000000"), False),  # exactly half is allowed
        (D("20000000.01"), D("40000000"), True),  # one cent more is not
    ],
)
def test_rijk_pays_at_most_half(rijk, total, exceeded):
    assert rijk_share(rijk=rijk, total=total).exceeded is exceeded


def test_advance_schedule_in_percentages_loses_no_cent_and_adds_none():
    # Three times 33,33% of € 100.000,01 may not add up to more than 99,99% of it.
    amounts = instalment_amounts(D("100000.01"), [(D("33.33"), None)] * 3)
    assert sum(amounts) == D("99990.00")
    assert max(amounts) - min(amounts) <= D("0.01")
    assert instalment_amounts(D("1000"), [(D("60"), None), (None, D("400"))]) == [
        D("600.00"),
        D("400.00"),
    ]
