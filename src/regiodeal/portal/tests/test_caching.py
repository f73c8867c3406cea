"""Public pages and sums come from the cache until something is published or changed."""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.core.cache import cache

from regiodeal.decisions import services
from regiodeal.decisions.tests.factories import make_decision, make_meeting, make_published_list
from regiodeal.portal import caching
from regiodeal.programmes.tests.factories import FunderContributionFactory
from regiodeal.projects.tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published():
    project = ProjectFactory(title="Fietspad langs het kanaal", slug="fietspad")
    FunderContributionFactory(programme=project.programme, amount=Decimal("2000000"))
    meeting = make_meeting(project.programme)
    make_published_list(meeting, make_decision(meeting, project, amount=Decimal("250000")))
    return project


def test_second_anonymous_visit_is_served_from_the_cache(published, client):
    first = client.get("/projecten/fietspad/")
    second = client.get("/projecten/fietspad/")
    assert first["X-Cache"] == "miss" and second["X-Cache"] == "hit"
    assert first.content == second.content
    # The security headers are added to the cached page as to any other.
    assert "Content-Security-Policy" in second
    assert second["Content-Type"].startswith("text/html")


def test_publishing_makes_the_cached_pages_stale(published, client):
    assert "Dorpshuis" not in client.get("/projecten/").content.decode()
    assert client.get("/projecten/")["X-Cache"] == "hit"
    programme = published.programme
    village = ProjectFactory(programme=programme, pillar=published.pillar, title="Dorpshuis")
    meeting = make_meeting(programme, datetime.date(2022, 3, 8))
    make_published_list(meeting, make_decision(meeting, village, amount=Decimal("50000")))
    response = client.get("/projecten/")
    assert response["X-Cache"] == "miss"
    assert "Dorpshuis" in response.content.decode()


def test_editing_a_public_record_makes_the_cached_pages_stale(published, client):
    client.get("/projecten/fietspad/")
    published.title = "Fietspad langs de vaart"
    published.save()
    response = client.get("/projecten/fietspad/")
    assert response["X-Cache"] == "miss"
    assert "Fietspad langs de vaart" in response.content.decode()


def test_logged_in_visitors_and_api_tokens_bypass_the_cache(published, client, admin_client):
    client.get("/projecten/fietspad/")
    assert "X-Cache" not in admin_client.get("/projecten/fietspad/")
    assert "X-Cache" not in client.get("/api/v1/besluiten", HTTP_AUTHORIZATION="Token x")
    assert client.get("/api/v1/besluiten")["X-Cache"] == "miss"
    assert client.get("/api/v1/besluiten")["X-Cache"] == "hit"


def test_cached_pages_hold_no_personal_token(published, client):
    body = client.get("/projecten/fietspad/").content.decode()
    assert "csrfmiddlewaretoken" not in body
    assert not client.get("/projecten/fietspad/").cookies


def test_language_choice_still_works_without_a_token(published, client):
    client.get("/projecten/fietspad/")  # Dutch, cached
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/projecten/fietspad/")
    assert english["Content-Language"] == "en"
    assert english["X-Cache"] == "miss"


def test_errors_are_not_cached(published, client):
    assert client.get("/projecten/bestaat-niet/").status_code == 404
    assert "X-Cache" not in client.get("/projecten/bestaat-niet/")


def test_the_page_cache_can_be_switched_off(published, client, settings):
    settings.REGIODEAL_PAGE_CACHE = False
    client.get("/projecten/fietspad/")
    assert "X-Cache" not in client.get("/projecten/fietspad/")


def test_aggregates_are_computed_once_per_generation():
    calls = []

    def compute():
        calls.append(1)
        return Decimal("12.50")

    assert caching.cached_aggregate("sum", compute, 1) == Decimal("12.50")
    assert caching.cached_aggregate("sum", compute, 1) == Decimal("12.50")
    assert caching.cached_aggregate("sum", compute, 2) == Decimal("12.50")
    assert len(calls) == 2
    caching.invalidate_public_cache()
    caching.cached_aggregate("sum", compute, 1)
    assert len(calls) == 3


def test_a_lost_generation_counter_starts_again():
    cache.delete(caching.GENERATION_KEY)
    caching.invalidate_public_cache()
    assert caching.generation() >= 1


def test_a_lost_generation_counter_never_reaches_the_entries_of_earlier_ones():
    # An evicted counter used to start again at 1, where entries of the first generations
    # (kept longer than the counter) would be served again as if current.
    stale = caching.cached_aggregate("sum", lambda: "before", 1)
    cache.delete(caching.GENERATION_KEY)
    assert caching.cached_aggregate("sum", lambda: "after", 1) == "after" != stale


def test_local_aggregates_are_kept_in_the_process_until_the_next_publication():
    calls = []

    def compute():
        calls.append(1)
        return ["choices"]

    first = caching.cached_aggregate("choices", compute, local=True)
    # The same object: not unpickled from the cache again.
    assert caching.cached_aggregate("choices", compute, local=True) is first
    caching.invalidate_public_cache()
    assert caching.cached_aggregate("choices", compute, local=True) is not first
    assert len(calls) == 2


def test_an_aggregate_is_computed_once_while_others_wait_for_it():
    # After a publication, many visitors at once ask for the same seconds-long sum.
    started, calls, results = threading.Event(), [], []

    def compute():
        calls.append(1)
        started.set()
        time.sleep(0.3)
        return Decimal("7")

    def visit():
        results.append(caching.cached_aggregate("national", compute))

    first = threading.Thread(target=visit)
    first.start()
    started.wait(5)
    others = [threading.Thread(target=visit) for _ in range(3)]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join(10)
    assert results == [Decimal("7")] * 4
    assert len(calls) == 1


def test_a_failed_computation_leaves_no_lock_behind():
    def broken():
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        caching.cached_aggregate("national", broken)
    assert caching.cached_aggregate("national", lambda: "computed") == "computed"


def test_a_waiter_computes_itself_when_the_lock_holder_gives_no_value(monkeypatch):
    monkeypatch.setattr(caching, "WAIT_SECONDS", 0.2)
    key = f"regiodeal:agg:{caching.generation()}:national:"
    cache.add(f"{key}:computing", 1, timeout=60)  # a process that died while computing
    assert caching.cached_aggregate("national", lambda: "mine") == "mine"


def test_drafting_and_adopting_decisions_leave_the_public_cache_alone(published, client):
    # The office drafts all day; only a publication (or a public record) changes public pages.
    client.get("/projecten/")
    meeting = make_meeting(published.programme, datetime.date(2022, 3, 8))
    draft = make_decision(meeting, published, amount=Decimal("10000"))
    services.adopt_decision(draft)
    assert client.get("/projecten/")["X-Cache"] == "hit"
    services.publish_besluitenlijst(meeting)
    assert client.get("/projecten/")["X-Cache"] == "miss"
