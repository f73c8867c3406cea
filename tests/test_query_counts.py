"""No page or endpoint does more database queries when there is more data (no N+1).

Every public list page and API endpoint is requested on a small generated instance, then again
after a second, larger generation added programmes, projects, decisions, reports and ledger
entries, with the cache emptied before each request so that everything is computed. The number
of queries must not grow, and stays under a fixed bound.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regiodeal.decisions.models import Decision, DecisionList
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import Programme
from regiodeal.projects.models import Project
from regiodeal.synthetic.load import generate

# The most queries any public page may need, whatever the amount of data.
MAX_QUERIES = 40


def targets() -> dict[str, str]:
    """One example of every parameterised page, taken from the first generation so that the
    second run asks for the same records (which by then have more around them)."""
    project = (
        Project.objects.public().filter(places__isnull=False, pillar__isnull=False).order_by("pk")
    ).first()
    municipality = project.places.order_by("pk").first()
    besluitenlijst = DecisionList.objects.order_by("pk").first()
    programme = Programme.objects.order_by("pk").first()
    organisation = Organisation.objects.filter(led_projects=project).first()
    return {
        "project": project.slug,
        "municipality": municipality.slug,
        "code": municipality.code,
        "pillar": project.pillar.slug,
        "meeting": besluitenlijst.meeting.slug,
        "programme": programme.slug,
        "organisation": organisation.slug,
    }


PAGES = [
    "/",
    "/programmas/",
    "/programmas/{programme}/",
    "/projecten/",
    "/projecten/?q=zorg",
    "/projecten/?gemeente={municipality}&pillar={pillar}",
    "/projecten/?sortering=bedrag",
    "/projecten/{project}/",
    "/zoeken/?q=zorg",
    "/besluitenlijsten/",
    "/besluitenlijsten/{meeting}/",
    "/besluitenlijsten/feed.atom",
    "/gemeenten/{municipality}/",
    "/organisaties/{organisation}/",
    "/kaart/",
    "/sitemap.xml",
    "/open-data/",
    "/portfolio/",
    "/leren/",
    "/leren/lessen/",
    "/financien/",
    "/openstellingen/",
    "/api/v1/programmas",
    "/api/v1/pijlers",
    "/api/v1/projecten",
    "/api/v1/projecten?gemeente={code}",
    "/api/v1/projecten/{project}",
    "/api/v1/besluiten",
    "/api/v1/besluiten?gemeente={code}",
    "/api/v1/besluitenlijsten",
    "/api/v1/besluitenlijsten/{meeting}",
    "/api/v1/organisaties",
    "/api/v1/gemeenten",
]


def count_queries(client, url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.django_db(transaction=True)
def test_queries_do_not_grow_with_the_data(client):
    generate(programmes=2, projects=40, decisions=90, seed=11)
    urls = [page.format(**targets()) for page in PAGES]
    small = {url: count_queries(client, url) for url in urls}
    generate(programmes=4, projects=160, decisions=400, seed=12)
    assert Decision.objects.count() == 490 and Municipality.objects.exists()
    large = {url: count_queries(client, url) for url in urls}

    grown = {url: (small[url], large[url]) for url in urls if large[url] > small[url]}
    assert not grown, f"more queries with more data (before, after): {grown}"
    too_many = {url: large[url] for url in urls if large[url] > MAX_QUERIES}
    assert not too_many, f"more than {MAX_QUERIES} queries: {too_many}"
