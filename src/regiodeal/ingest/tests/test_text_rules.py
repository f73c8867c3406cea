"""Places, organisations, dates, kinds and titles: the small rules the extractor is built from."""

import pytest

from regiodeal.ingest.dates import find_date
from regiodeal.ingest.gazetteer import find_places
from regiodeal.ingest.highlight import Mark, highlight
from regiodeal.ingest.kinds import Kind, classify_kind
from regiodeal.ingest.parties import find_organisations
from regiodeal.ingest.titles import clean_title, is_generic_heading, list_fields, title_from_prose


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("De gemeente Coevorden en Emmen werken samen.", ["GM0109", "GM0114"]),
        ("In Zuid- en Oost-Drenthe en Hardenberg", ["GM0160"]),
        ("Dorpshuis in Nieuw-Amsterdam", ["GM0114"]),  # a village of Emmen, not Amsterdam
        ("Klazienaveen en Dalen", ["GM0114", "GM0109"]),
        ("mevrouw Van Dalen", []),
        ("de provincie Groningen en de gemeente Groningen", ["GM0014"]),
        ("Best practices uit Putten", ["GM0273"]),
        ("gemeente Best", ["GM0753"]),
        ("in Den Haag en 's-Hertogenbosch", ["GM0518", "GM0796"]),
        ("Borger-Odoorn en Aa en Hunze", ["GM1681", "GM1680"]),
        ("Bergen op Zoom", ["GM0748"]),
    ],
)
def test_places(text, codes):
    assert [p.code for p in find_places(text)] == codes


def test_organisations():
    text = (
        "De Landkreis Grafschaft Bentheim en de gemeente Coevorden gaan samen met Stichting "
        "Dorpsbelang Zandpol, het Drenthe College, Bouwbedrijf Jansen B.V. en de provincie "
        "Drenthe aan de slag."
    )
    found = find_organisations(text)
    for name in [
        "Landkreis Grafschaft Bentheim",
        "Gemeente Coevorden",
        "Stichting Dorpsbelang Zandpol",
        "Drenthe College",
        "Bouwbedrijf Jansen B.V.",
        "Provincie Drenthe",
    ]:
        assert name in found, name


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Besluitenlijst december 2021", "2021-12"),
        ("Besluiten stuurgroep 14 maart 2023", "2023-03-14"),
        ("vergadering van 7-7-2022", "2022-07-07"),
        ("Besluitenlijst", None),
        ("31 februari 2022 bestaat niet; februari 2022 wel", "2022-02"),
    ],
)
def test_dates(text, value):
    found = find_date(text)
    assert (found[0] if found else None) == value


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hiervoor is 50.000 euro beschikbaar gesteld.", Kind.NEW),
        ("Voor de uitbreiding van het project is € 20.000 toegekend.", Kind.EXTENSION),
        ("De stuurgroep heeft besloten de aanvraag niet te honoreren.", Kind.REJECTION),
        ("Het besluit is aangehouden tot de volgende vergadering.", Kind.DEFERRAL),
        ("De bijdrage wordt verhoogd met € 50.000.", Kind.BUDGET_CHANGE),
    ],
)
def test_kinds(text, kind):
    assert classify_kind(text) == kind


def test_titles():
    assert clean_title("1. Dorpshuis De Spil (€ 272.780)") == "Dorpshuis De Spil"
    assert clean_title("Zorg in de wijk: samen sterker;") == "Zorg in de wijk: samen sterker"
    assert list_fields("• Fietspad Dalen – Stichting X – € 99.999;") == [
        "Fietspad Dalen",
        "Stichting X",
        "€ 99.999",
    ]
    assert list_fields("Borger-Odoorn Bloeit") == ["Borger-Odoorn Bloeit"]
    assert is_generic_heading("Afgewezen aanvragen")
    assert not is_generic_heading("Toekomstbestendige bedrijventerreinen")
    sentence = (
        "De stuurgroep heeft € 85.000 toegekend aan het project Groene Schoolpleinen in Emmen."
    )
    assert title_from_prose(sentence)[0] == "Groene Schoolpleinen"


def test_highlight_escapes_and_marks():
    html = highlight(
        "Titel <b> € 5", [Mark(0, 5, "t", "a1", "titel"), Mark(10, 13, "b", "a2", "bedrag")]
    )
    assert html.startswith('<mark class="t" id="a1" title="titel">Titel</mark> &lt;b&gt;')
    assert html.endswith('<mark class="b" id="a2" title="bedrag">€ 5</mark>')
