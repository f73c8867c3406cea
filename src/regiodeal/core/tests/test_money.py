from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regiodeal.core.money import (
    allocate_pro_rata,
    format_euro,
    format_euro_compact,
    format_euro_words,
    to_money,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("480000"), "€ 480.000"),
        (Decimal("8160.50"), "€ 8.160,50"),
        (Decimal("40000001"), "€ 40.000.001"),
        (Decimal("0"), "€ 0"),
        (Decimal("-25000"), "-€ 25.000"),
    ],
)
def test_format_euro(amount, expected):
    assert format_euro(amount).replace(NBSP, " ") == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("480000"), "480.000 euro"),
        (Decimal("167500"), "167.500 euro"),
        (Decimal("8160.5"), "8.160,50 euro"),
    ],
)
def test_format_euro_words(amount, expected):
    assert format_euro_words(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("1200000"), "€ 1,2 miljoen"),
        (Decimal("40000001"), "€ 40 miljoen"),
        (Decimal("1250000"), "€ 1,3 miljoen"),
        (Decimal("999999"), "€ 999.999"),
    ],
)
def test_format_euro_compact(amount, expected):
    assert format_euro_compact(amount).replace(NBSP, " ") == expected


def test_floats_are_refused():
    with pytest.raises(TypeError):
        to_money(0.1)


def test_pro_rata_of_the_seed_commitment_over_the_real_funders():
    contributions = [
        Decimal(x)
        for x in (
            "20000000",
            "10000000",
            "818868",
            "819870",
            "1142347",
            "3462316",
            "1959760",
            "1796840",
        )
    ]
    parts = allocate_pro_rata(Decimal("1142500"), contributions)
    assert sum(parts) == Decimal("1142500.00")
    assert parts[0] == Decimal("571249.99") or parts[0] == Decimal("571250.00")


@given(
    amount=st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    weights=st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=10**8, places=2), min_size=1, max_size=12
    ),
)
def test_pro_rata_parts_always_add_up_to_the_cent(amount, weights):
    parts = allocate_pro_rata(amount, weights)
    assert sum(parts) == to_money(amount)
    assert len(parts) == len(weights)
    # No part is more than a cent away from its exact share.
    total = sum(weights)
    for part, weight in zip(parts, weights, strict=True):
        assert abs(part - to_money(amount) * weight / total) < Decimal("0.01")
