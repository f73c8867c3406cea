"""`regiodeal finance summary` against the demo programme that `make run` loads."""

import csv
import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def test_summary_command_reflects_the_demo(demo):
    out = StringIO()
    call_command("finance", "summary", "--programme", demo.slug, "--json", stdout=out)
    data = json.loads(out.getvalue())

    assert data["programme"] == demo.slug
    assert data["total"] == "40000001.00"
    assert data["committed"] == "1142500.00"
    assert data["granted"] == "1142500.00"
    assert data["released"] == "8000.00"  # the settled feasibility study
    assert D(data["available"]) == D(data["total"]) - D(data["committed"]) + D(data["released"])
    assert sum(D(f["committed"]) for f in data["per_funder"]) == D("1142500.00")
    assert sum(D(m["committed"]) for m in data["per_municipality"]) <= D("1142500.00")
    assert {p["name"] for p in data["per_pillar"]} == {"Werken", "Wonen", "Welzijn"}
    assert not data["rijk_share_exceeded"]


def test_summary_command_names_the_known_programmes(demo):
    with pytest.raises(CommandError, match=r"bestaat niet.*zuid-en-oost-drenthe"):
        call_command("finance", "summary", "--programme", "onbekend")


def test_summary_command_agrees_with_the_published_export(demo, client):
    out = StringIO()
    call_command("finance", "summary", "--programme", demo.slug, "--json", stdout=out)
    data = json.loads(out.getvalue())
    export = client.get(f"/financien/financien.csv?programma={demo.slug}").content.decode()
    rows = list(csv.DictReader(export.splitlines()))
    programme = next(r for r in rows if r["indeling"] == "programma")
    for key, column in [
        ("committed", "toegezegd"),
        ("granted", "verleend"),
        ("paid", "betaald"),
        ("settled", "vastgesteld"),
        ("released", "vrijgevallen"),
        ("available", "beschikbaar"),
    ]:
        assert D(programme[column]) == D(data[key]), key
    pillars = {r["naam"]: r for r in rows if r["indeling"] == "pijler"}
    for pillar in data["per_pillar"]:
        assert D(pillars[pillar["name"]]["toegezegd"]) == D(pillar["committed"])
