"""slug_url gives what reverse() gives, under any script prefix, and refuses what it refuses."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from regiodeal.core.links import slug_url


@pytest.fixture
def script_prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("viewname", ["portal:project", "portal:besluitenlijst"])
@pytest.mark.parametrize("slug", ["a", "zorg-in-de-wijk-2", "Project_42"])
def test_it_is_what_reverse_gives(viewname, slug, script_prefix):
    assert slug_url(viewname, slug) == reverse(viewname, args=[slug])
    script_prefix("/regiodeal/")
    assert slug_url(viewname, slug) == reverse(viewname, args=[slug])
    assert slug_url(viewname, slug).startswith("/regiodeal/")


@pytest.mark.parametrize("value", ["", "met spatie", "ü-slug", "a/b", "x?y=1"])
def test_a_value_that_is_not_a_slug_is_refused_as_reverse_refuses_it(value):
    with pytest.raises(NoReverseMatch):
        reverse("portal:project", args=[value])
    with pytest.raises(NoReverseMatch):
        slug_url("portal:project", value)
