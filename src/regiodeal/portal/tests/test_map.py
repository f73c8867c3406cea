"""The choropleth: decoded CBS boundaries, a path per municipality with its value, a table."""

import xml.etree.ElementTree as ET  # nosec B405: parses our own output in tests
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client

from regiodeal.core.demo import load_demo
from regiodeal.core.money import format_euro
from regiodeal.finance.selectors import finance_summary
from regiodeal.portal.maps import (
    NO_MONEY,
    Area,
    boundaries,
    choropleth,
    class_for,
    legend_classes,
)

SVG = "{http://www.w3.org/2000/svg}"


def test_the_boundaries_decode_to_every_municipality_in_the_netherlands():
    shapes = boundaries()
    assert len(shapes) == 342
    for code in ("GM0109", "GM0114", "GM0160"):
        for ring in shapes[code]:
            assert len(ring) >= 4
            assert ring[0] == pytest.approx(ring[-1], abs=1e-9)  # rings close
            for lon, lat in ring:
                assert 6.0 < lon < 7.3 and 52.4 < lat < 53.2  # south-east Drenthe and around
    assert boundaries() is shapes  # decoded once per process


def test_legend_classes_cover_every_value_and_none_means_no_money():
    values = [Decimal(v) for v in ("0", "10", "20", "30", "40", "50", "60", "70", "80")]
    classes = legend_classes(values)
    assert classes[0].colour == NO_MONEY and classes[0].low is None
    assert len(classes) == 5
    assert classes[1].low == Decimal("10") and classes[-1].high == Decimal("80")
    assert class_for(Decimal("0"), classes) is classes[0]
    assert class_for(Decimal("80"), classes) is classes[-1]
    assert len({c.colour for c in classes}) == 5
    # Two distinct values: two classes, the lightest and the darkest colour.
    two = legend_classes([Decimal("5"), Decimal("9")])
    assert [c.low for c in two[1:]] == [Decimal("5"), Decimal("9")]
    assert two[1].colour != two[2].colour
    # Amounts a cent apart, as a split over places leaves them, share a class.
    split = legend_classes([Decimal("186416.66"), Decimal("186416.67"), Decimal("90416.67")])
    assert [(c.low, c.high) for c in split[1:]] == [
        (Decimal("90416.67"), Decimal("90416.67")),
        (Decimal("186416.66"), Decimal("186416.67")),
    ]
    assert class_for(Decimal("186416.66"), split) is class_for(Decimal("186416.67"), split)


def test_the_svg_is_well_formed_with_a_text_alternative_and_escaped_names():
    svg = choropleth(
        [
            Area("GM0109", "Coevorden <&>", Decimal("1000"), url="/gemeenten/coevorden/"),
            Area("GM9999", "Nergens", Decimal("5")),  # not in the boundaries: left out
        ],
        title="Kaart",
        description="Beschrijving",
        format_value=format_euro,
    )
    root = ET.fromstring(svg)  # nosec B314
    assert root.get("role") == "group"
    assert root.find(f"{SVG}title").text == "Kaart"
    assert root.find(f"{SVG}desc").text == "Beschrijving"
    paths = root.findall(f".//{SVG}path")
    assert [p.get("data-code") for p in paths] == ["GM0109"]
    assert paths[0].find(f"{SVG}title").text == f"Coevorden <&>: {format_euro(Decimal('1000'))}"
    assert choropleth([], title="t", description="d") == ""


@pytest.mark.django_db
def test_the_map_without_any_programme_says_so(client):  # before the demo is loaded
    response = client.get("/kaart/")
    assert response.status_code == 200
    assert "No programme has been set up yet." in response.content.decode()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo(with_calls=False).programme
        transaction.set_rollback(True)


@pytest.fixture
def client(db) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.mark.django_db
def test_the_map_page_draws_each_demo_place_with_its_value_and_a_table(
    demo, client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(30):
        response = client.get("/kaart/")
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<svg xmlns="http://www.w3.org/2000/svg" class="map"')
    svg = ET.fromstring(html[start : html.index("</svg>", start) + len("</svg>")])  # nosec B314
    assert svg.get("role") == "group"
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    drawn = {p.get("data-code"): Decimal(p.get("data-value")) for p in svg.iter(f"{SVG}path")}
    rows = finance_summary(demo).per_municipality
    assert {row.key for row in rows} >= {"GM1680", "GM1681", "GM0109", "GM0114", "GM0118"}
    for row in rows:
        assert drawn[row.key] == row.figures.committed
        # The table beside the map has the same amount.
        assert f"<td>{row.key}</td>" in html
        assert format_euro(row.figures.committed) in html
    # The rest of Drenthe is drawn too, without money.
    assert drawn["GM0106"] == Decimal(0)  # Assen
    links = [a.get("href") for a in svg.iter(f"{SVG}a")]
    assert "/gemeenten/coevorden/" in links
    assert "no committed money" in html
    assert "CBS / PDOK, via cartomap/nl" in html
    # Money per pillar and per year: a chart with a text alternative and a table each.
    assert html.count('class="chart" role="img"') == 2
    assert "Werken" in html and "2021" in html


@pytest.mark.django_db
def test_the_map_of_an_unknown_programme_is_not_found(demo, client):
    assert client.get("/kaart/?programma=bestaat-niet").status_code == 404
