import pytest
from django.db import transaction
from django.test import Client

from regiodeal.core.demo import load_demo


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo (both programmes), loaded once per module; each test's changes are
    rolled back by its own ``db`` savepoint, the demo itself when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo().programme
        transaction.set_rollback(True)


@pytest.fixture
def client(db) -> Client:
    return Client()
