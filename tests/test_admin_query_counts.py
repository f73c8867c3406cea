"""No back-office list does more database queries when there is more data (no N+1).

As tests/test_query_counts.py for the public pages: every changelist of the admin is opened by
an administrator (who, like the national office, sees every programme) on a small generated
instance, then again after a larger generation. The number of
queries must not grow. The changelists also must not list every record of a related table in
their filters: a national instance holds tens of thousands of meetings.
"""

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regiodeal.core.demo import ensure_demo_user
from regiodeal.decisions.models import Meeting
from regiodeal.synthetic.load import generate

# The most queries a changelist may need, whatever the amount of data.
MAX_QUERIES = 30
# Larger than any changelist of the small generation, smaller than the large one's lists.
MAX_PAGE_BYTES = 400_000


def changelists() -> list[str]:
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]


def measure(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), len(response.content)


@pytest.mark.django_db(transaction=True)
def test_changelists_do_not_grow_with_the_data(client):
    client.force_login(ensure_demo_user("landelijk", "een-lang-wachtwoord-42"))
    generate(programmes=2, projects=40, decisions=90, seed=11)
    urls = changelists()
    small = {url: measure(client, url)[0] for url in urls}
    generate(programmes=4, projects=160, decisions=400, seed=12)
    assert Meeting.objects.count() > 100
    large = {url: measure(client, url) for url in urls}

    grown = {url: (small[url], large[url][0]) for url in urls if large[url][0] > small[url]}
    assert not grown, f"more queries with more data (before, after): {grown}"
    too_many = {url: queries for url, (queries, _size) in large.items() if queries > MAX_QUERIES}
    assert not too_many, f"more than {MAX_QUERIES} queries: {too_many}"
    heavy = {url: size for url, (_queries, size) in large.items() if size > MAX_PAGE_BYTES}
    assert not heavy, f"changelists of more than {MAX_PAGE_BYTES} bytes: {heavy}"
