"""Decisions published before the ledger existed get their commitments booked by a migration."""

import importlib
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.db import connection

from regiodeal.finance.models import LedgerEntry
from regiodeal.finance.tests.factories import make_funded_project, make_published_decision

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("regiodeal.finance.migrations.0002_book_published_decisions")


def forget_ledger() -> None:
    # As before the finance app existed; the models refuse deletion, so go around them.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM finance_ledgerallocation")
        cursor.execute("DELETE FROM finance_ledgerentry")


def test_published_decisions_are_booked_once():
    project = make_funded_project(contributions=(D("3000000"), D("1000000")))
    decision = make_published_decision(project, D("100000"))
    forget_ledger()

    backfill.book_published(apps, None)
    backfill.book_published(apps, None)  # running again books nothing twice

    entry = LedgerEntry.objects.get()
    assert (entry.decision_id, entry.kind, entry.amount) == (
        decision.pk,
        "verplichting",
        D("100000"),
    )
    assert sorted(entry.allocations.values_list("amount", flat=True)) == [D("25000"), D("75000")]
