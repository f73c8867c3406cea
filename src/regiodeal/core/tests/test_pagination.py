import itertools

import pytest
from django.db.models import F

from regiodeal.core.pagination import BoundedPaginator, WindowedPaginator
from regiodeal.organisations.models import Municipality
from regiodeal.organisations.tests.factories import MunicipalityFactory, ProvinceFactory


def test_counts_and_pages_only_up_to_the_bound():
    paginator = BoundedPaginator(list(range(25)), 4, max_rows=10)
    assert paginator.count == 11 and not paginator.count_is_exact
    assert paginator.num_pages == 3
    assert list(paginator.page(3)) == [8, 9]  # never past the bound
    assert not paginator.page(3).has_next()


def test_a_short_list_is_counted_exactly():
    paginator = BoundedPaginator(list(range(7)), 4, max_rows=10)
    assert paginator.count == 7 and paginator.count_is_exact
    assert list(paginator.page(2)) == [4, 5, 6]


@pytest.fixture
def decisions(db):
    """Thirteen municipalities in three provinces, ordered by a joined column first, as the
    API orders decisions by their meeting's date."""
    provinces = [
        ProvinceFactory(code=code, name=name)
        for code, name in (("PV20", "Groningen"), ("PV21", "Fryslân"), ("PV22", "Drenthe"))
    ]
    for n in range(13):
        MunicipalityFactory(province=provinces[n % 3], name=f"Gemeente {n % 4}-{n}")
    MunicipalityFactory(code="GM0001", province=provinces[0])  # filtered out
    ordered = Municipality.objects.filter(code__startswith="GM9").order_by(
        "-province__name", "name", "pk"
    )
    return ordered.values_list("pk", flat=True)


def _pages(paginator, numbers):
    shown = []
    for number in numbers:
        page = paginator.get_page(number)
        shown.append((page.number, list(page), paginator.count, paginator.num_pages))
    return shown


@pytest.mark.parametrize("max_rows", [10_000, 5, 0])
def test_a_windowed_paginator_pages_as_the_bounded_one(decisions, max_rows):
    for expected, asked in itertools.product((1, 2, 3, 50, "x", 0), (1, 2, 3, 50)):
        windowed = WindowedPaginator(decisions, 3, expected_page=expected, max_rows=max_rows)
        plain = BoundedPaginator(decisions, 3, max_rows=max_rows)
        assert _pages(windowed, [asked]) == _pages(plain, [asked]), (expected, asked)


def test_the_expected_page_comes_with_the_count_in_one_query(decisions, django_assert_num_queries):
    with django_assert_num_queries(1):
        paginator = WindowedPaginator(decisions, 3, expected_page=2)
        assert paginator.count == 13 and len(paginator.page(2)) == 3
    with django_assert_num_queries(1):
        assert len(paginator.page(1)) == 3  # another page is read on its own


def test_a_list_the_window_cannot_read_is_paged_as_before(decisions):
    by_expression = decisions.order_by(F("name").desc(), "pk")
    paginator = WindowedPaginator(by_expression, 3, expected_page=2)
    assert paginator.count == 13
    assert list(paginator.page(2)) == list(by_expression[3:6])
    assert WindowedPaginator(list(range(7)), 3, expected_page=1).count == 7
