"""The pure parts of the benchmark harness (bench/) and the floor views it measures against."""

import json
import math
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import data  # noqa: E402  (bench/data.py)
import scale  # noqa: E402  (bench/scale.py)
import stats  # noqa: E402  (bench/stats.py)

# --- percentiles and entries ----------------------------------------------------------------


def test_percentile_interpolates_between_ranks():
    samples = [4.0, 1.0, 3.0, 2.0, 5.0]
    assert stats.percentile(samples, 0) == 1.0
    assert stats.percentile(samples, 50) == 3.0
    assert stats.percentile(samples, 100) == 5.0
    assert stats.percentile(samples, 95) == pytest.approx(4.8)
    assert stats.percentile([1.0, 2.0], 50) == pytest.approx(1.5)


def test_percentile_of_one_sample_is_that_sample():
    assert stats.percentile([7.5], 95) == 7.5


@pytest.mark.parametrize(("samples", "q"), [([], 50), ([1.0], -1), ([1.0], 101)])
def test_percentile_refuses_nonsense(samples, q):
    with pytest.raises(ValueError):
        stats.percentile(samples, q)


def test_latency_entry_has_the_shared_shape_and_ratio():
    entry = stats.latency_entry("project", 100_000, "postgresql", [10.0] * 19 + [30.0], [2.0] * 20)
    assert tuple(entry) == stats.LATENCY_KEYS
    assert entry["p50_ms"] == 10.0
    assert entry["p95_ms"] == pytest.approx(11.0)
    assert entry["floor_p95_ms"] == 2.0
    assert entry["ratio"] == pytest.approx(entry["p95_ms"] / entry["floor_p95_ms"], rel=0.01)


def test_latency_entry_with_an_instant_floor_has_an_infinite_ratio():
    assert math.isinf(stats.latency_entry("home", 1, "sqlite", [1.0], [0.0])["ratio"])


def test_throughput_entry():
    assert stats.throughput_entry("http.home", 800, 8.0, 3) == {
        "name": "http.home",
        "rps": 100.0,
        "errors": 3,
    }


# --- the report's shape ---------------------------------------------------------------------


def _report() -> dict:
    return {
        "machine": "Linux, 2 CPUs",
        "date": "2026-11-28T22:00:00+00:00",
        "latency": [stats.latency_entry("home", 10, "sqlite", [3.0], [1.0])],
        "throughput": [stats.throughput_entry("http.home", 10, 1.0, 0)],
        "other": [stats.metric("calls.allocate_10000.seconds", 0.4, "s")],
    }


def test_a_well_formed_report_passes_and_survives_json():
    report = json.loads(json.dumps(_report()))
    assert stats.check_report(report) == []


@pytest.mark.parametrize(
    "spoil",
    [
        lambda r: r.pop("other"),
        lambda r: r.update(extra=1),
        lambda r: r["latency"][0].update(db="mysql"),
        lambda r: r["latency"][0].pop("ratio"),
        lambda r: r["latency"][0].update(decisions="10"),
        lambda r: r["throughput"][0].update(errors=0.5),
        lambda r: r["other"][0].update(extra="x"),
        lambda r: r.update(date=None),
    ],
)
def test_a_malformed_report_is_caught(spoil):
    report = _report()
    spoil(report)
    assert stats.check_report(report)


# --- scales, markers and targets ------------------------------------------------------------


def test_scales_follow_the_brief():
    assert data.scale_for(10_000) == data.Scale(10_000, 2_500, 10)
    assert data.scale_for(100_000) == data.Scale(100_000, 25_000, 60)
    assert data.scale_for(1_000_000) == data.Scale(1_000_000, 250_000, 500)


def test_the_marker_names_scale_seed_migrations_and_generator():
    marker = json.loads(data.marker(data.scale_for(10_000)))
    assert marker["scale"]["decisions"] == 10_000
    assert marker["seed"] == data.SEED
    assert marker["migrations"]["decisions"].startswith("0")
    assert marker["generator"]
    assert data.marker(data.scale_for(10_000)) != data.marker(data.scale_for(100_000))


def test_each_database_and_scale_has_its_own_database():
    sqlite = data.Database("sqlite", data.scale_for(100_000))
    postgres = data.Database("postgresql", data.scale_for(100_000))
    assert sqlite.url.startswith("sqlite:///") and "bench/.data" in sqlite.url
    assert postgres.url.endswith("/regiodeal_bench_100000")
    assert postgres.env()["DJANGO_SETTINGS_MODULE"] == "regiodeal.settings.bench"


def test_pages_use_the_real_parameter_names_and_distinct_targets():
    targets = {
        "projects": ["a", "b"],
        "pairs": [{"gemeente": "assen", "pillar": "werken"}],
        "besluitenlijsten": ["juni-2024"],
        "gemeenten": ["GM0106"],
    }
    pages = scale.pages(targets)
    assert pages["projects.filtered"] == [
        (
            "/projecten/?gemeente=assen&pillar=werken",
            "/_floor/projecten?gemeente=assen&pillar=werken",
        )
    ]
    assert pages["project"] == [
        ("/projecten/a/", "/_floor/projecten/a"),
        ("/projecten/b/", "/_floor/projecten/b"),
    ]
    assert pages["api.besluiten"] == [
        ("/api/v1/besluiten?gemeente=GM0106", "/_floor/api/besluiten?gemeente=GM0106")
    ]
    assert pages["search"] == [("/zoeken/?q=zorg", "/_floor/zoeken?q=zorg")]


# --- the floor views against the demo -------------------------------------------------------


@pytest.fixture
def floors(demo, client, settings):
    settings.ROOT_URLCONF = "regiodeal.urls_bench"
    targets = client.get("/_floor/targets").json()
    return client, targets


def test_targets_name_public_records(floors):
    client, targets = floors
    assert targets["size"]["decisions"] > 0
    for slug in targets["projects"]:
        assert client.get(f"/projecten/{slug}/").status_code == 200
    for slug in targets["besluitenlijsten"]:
        assert client.get(f"/besluitenlijsten/{slug}/").status_code == 200
    assert targets["pairs"] and targets["gemeenten"]


def test_project_list_floor_returns_the_pages_projects(floors):
    client, targets = floors
    pair = targets["pairs"][0]
    floor = client.get("/_floor/projecten", pair).json()
    page = client.get("/projecten/", pair)
    assert floor["count"] == page.context["page"].paginator.count
    assert [p["slug"] for p in floor["projects"]] == [p.slug for p in page.context["page"]]
    assert all("places" in project for project in floor["projects"])


def test_search_floors_find_what_the_pages_find(floors):
    client, _targets = floors
    floor = client.get("/_floor/zoeken", {"q": "zorg"}).json()
    page = client.get("/zoeken/", {"q": "zorg"}).context["results"]
    assert {p["slug"] for p in floor["projects"]} == {p.slug for p in page.projects}
    assert {d["id"] for d in floor["decisions"]} == {d.pk for d in page.decisions}
    listed = client.get("/_floor/projecten", {"q": "zorg"}).json()
    assert listed["count"] == len(page.projects)


def test_project_and_besluitenlijst_floors(floors):
    client, targets = floors
    project = client.get(f"/_floor/projecten/{targets['projects'][0]}").json()
    assert project["decisions"] and "places" in project and "themes" in project
    listed = client.get(f"/_floor/besluitenlijsten/{targets['besluitenlijsten'][0]}").json()
    assert listed["decisions"]
    assert client.get("/_floor/projecten/no-such-project").status_code == 404


def test_api_floor_returns_the_apis_first_page(floors):
    client, targets = floors
    code = targets["gemeenten"][0]
    floor = client.get("/_floor/api/besluiten", {"gemeente": code}).json()
    api = client.get("/api/v1/besluiten", {"gemeente": code}).json()
    assert floor["count"] == api["count"]
    assert [row["id"] for row in floor["results"]] == [row["id"] for row in api["results"]]


def test_home_floor(floors):
    client, _targets = floors
    home = client.get("/_floor/home").json()
    assert home["latest_lists"] and home["programmes"] and home["committed"]
