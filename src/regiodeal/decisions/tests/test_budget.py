from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from regiodeal.decisions.budget import check_budget

money = st.decimals(min_value=0, max_value=10**8, places=2)


def test_within_budget():
    check = check_budget(
        label="x", budget=Decimal("1000"), committed=Decimal("400"), amount=Decimal("600")
    )
    assert not check.exceeded
    assert check.available == Decimal("600")


def test_one_cent_over_budget():
    check = check_budget(
        label="x", budget=Decimal("1000"), committed=Decimal("400"), amount=Decimal("600.01")
    )
    assert check.exceeded
    assert check.shortfall == Decimal("0.01")


def test_a_decrease_never_exceeds_even_on_an_overspent_budget():
    check = check_budget(
        label="x", budget=Decimal("1000"), committed=Decimal("1500"), amount=Decimal("-100")
    )
    assert not check.exceeded


@given(budget=money, committed=money, amount=money)
def test_exceeded_exactly_when_the_total_passes_the_budget(budget, committed, amount):
    check = check_budget(label="x", budget=budget, committed=committed, amount=amount)
    assert check.exceeded == (amount > 0 and committed + amount > budget)
