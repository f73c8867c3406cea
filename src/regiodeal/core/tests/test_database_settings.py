"""The PostgreSQL session settings the site relies on."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own settings"),
]


def _setting(name: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SHOW {name}")  # nosec B608 - a constant name from the test
        return cursor.fetchone()[0]


def test_a_scan_of_a_large_table_starts_at_its_beginning():
    """Otherwise the sample a common word's search ranks changes with every reload."""
    assert _setting("synchronize_seqscans") == "off"


def test_queries_start_no_parallel_workers_unless_asked():
    assert _setting("max_parallel_workers_per_gather") == "0"
