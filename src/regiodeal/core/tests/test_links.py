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


def test_a_meetings_besluitenlijst_page_and_its_decisions_link_there():
    from regiodeal.decisions.models import Decision, DecisionList, Meeting

    meeting = Meeting(slug="stuurgroep-2021-12-14")
    page = reverse("portal:besluitenlijst", args=[meeting.slug])
    assert meeting.besluitenlijst_url == page
    assert DecisionList(meeting=meeting).get_absolute_url() == page
    assert Decision(pk=7, meeting=meeting).get_absolute_url() == f"{page}#besluit-7"


@pytest.mark.parametrize(
    "viewname", ["portal:home", "portal:projects", "places:map", "set_language"]
)
def test_a_fixed_url_is_what_reverse_gives(viewname, script_prefix):
    from regiodeal.core.links import fixed_url

    assert fixed_url(viewname) == reverse(viewname)
    script_prefix("/regiodeal/")
    assert fixed_url(viewname) == reverse(viewname) and reverse(viewname).startswith("/regiodeal/")


def test_the_template_tag_gives_it_or_names_it():
    from django.template import engines

    template = engines["django"].from_string(
        "{% load links %}{% fixed_url 'portal:search' %}|"
        "{% fixed_url 'portal:projects' as projects %}{{ projects }}"
    )
    assert template.render({}) == f"{reverse('portal:search')}|{reverse('portal:projects')}"
