"""Fixtures for every test in the repository."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: cached pages and sums of one test's database must
    not answer the next test's requests (the local-memory cache outlives the test database)."""
    cache.clear()
    yield
