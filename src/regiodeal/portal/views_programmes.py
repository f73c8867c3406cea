"""The home page, the national overview of all programmes and each programme's own home.

Every page here does a fixed number of queries whatever the number of programmes: the figures
of all programmes come from grouped aggregates (``programmes.selectors``).
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from regiodeal.decisions.selectors import programme_budget, published_besluitenlijsten
from regiodeal.portal.caching import cached_aggregate, cached_public_page
from regiodeal.programmes.models import Programme
from regiodeal.programmes.selectors import (
    committed_per_province,
    programme_overview,
    public_project_count,
    published_programmes,
)

LATEST_LISTS = 5
HOME_PROGRAMMES = 12


def _ordered_published() -> list[Programme]:
    return list(published_programmes().order_by("-start_date", "name"))


# The sums below read every decision or ledger entry of the instance (a million in a national
# one): they are kept until the next publication, like the pages themselves, but also serve
# the pages that are not cached (logged-in visitors, other query strings).
def _overview():
    return cached_aggregate("programme-overview", lambda: programme_overview(_ordered_published()))


def _budget(programme: Programme):
    return cached_aggregate(
        "programme-budget",
        lambda: programme_budget(programme, published_only=True),
        programme.pk,
    )


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    """With more than one programme that published something: the short national overview;
    otherwise the budget of the programme (as the site has always shown it)."""
    overview = _overview()
    latest = published_besluitenlijsten()[:LATEST_LISTS]
    if len(overview.programmes) > 1:
        return render(
            request,
            "portal/home.html",
            {
                "overview": overview,
                # The full table is on /programmas/; a national instance has hundreds.
                "shown_programmes": overview.programmes[:HOME_PROGRAMMES],
                "latest_lists": latest,
            },
        )
    # One programme (or none yet): few programmes exist, so one budget each stays cheap.
    programmes = Programme.objects.prefetch_related("pillars")
    budgets = [_budget(programme) for programme in programmes]
    return render(request, "portal/home.html", {"budgets": budgets, "latest_lists": latest})


@cached_public_page
def programme_list(request: HttpRequest) -> HttpResponse:
    """All programmes that published something, the money per province, and a search form."""
    return render(
        request,
        "portal/programme_list.html",
        {
            "overview": _overview(),
            "places": cached_aggregate("committed-per-province", committed_per_province),
            "latest_lists": published_besluitenlijsten()[:LATEST_LISTS],
        },
    )


@cached_public_page
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = published_programmes().filter(slug=slug).first()
    if programme is None:
        raise Http404(_("No programme with this name has published anything."))
    # The site's header and colours become the programme's (core.context_processors.branding).
    request.regiodeal_programme = programme
    return render(
        request,
        "portal/programme_detail.html",
        {
            "programme": programme,
            "budget": _budget(programme),
            "latest_lists": published_besluitenlijsten(programme)[:LATEST_LISTS],
            "project_count": cached_aggregate(
                "public-project-count", lambda: public_project_count(programme), programme.pk
            ),
        },
    )
