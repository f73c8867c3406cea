from decimal import Decimal as D

from regiodeal.core.templatetags.money import number


def test_scores_are_written_the_dutch_way_without_trailing_zeros():
    assert number(D("5.500")) == "5,5"
    assert number(D("10.000")) == "10"
    assert number(D("7.250")) == "7,25"
    assert number(D("1234.5")) == "1.234,5"
    assert number(None) == "–"
