"""Money amounts in Dutch text: parsing, and the role each amount plays in its sentence."""

from decimal import Decimal
from itertools import pairwise

import pytest
from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from regiodeal.ingest.amounts import (
    AmountRole,
    MoneyMention,
    classify,
    find_amounts,
    granted_amounts,
    parse_amount,
)

NBSP, NNBSP = "\u00a0", "\u202f"
G, T, C, B, R, U = (
    AmountRole.GRANTED,
    AmountRole.TOTAL_COST,
    AmountRole.COFINANCING,
    AmountRole.BUDGET,
    AmountRole.REQUESTED,
    AmountRole.UNKNOWN,
)

# (expression, value, approximate)
PARSE_CASES = [
    ("480.000 euro", "480000", False),
    ("€ 480.000", "480000", False),
    ("€480.000", "480000", False),
    (f"€{NBSP}480.000", "480000", False),
    (f"€{NNBSP}480.000", "480000", False),
    (f"480.000{NBSP}euro", "480000", False),
    ("€ 150.000,--", "150000", False),
    ("€ 150.000,-", "150000", False),
    (f"€{NBSP}150.000,–", "150000", False),
    ("€ 8.160,-", "8160", False),
    ("€ 8.160,50", "8160.50", False),
    ("€ 1.250.000,00", "1250000", False),
    ("EUR 1.250.000", "1250000", False),
    (f"EUR{NBSP}1.250.000", "1250000", False),
    ("1.250.000 EUR", "1250000", False),
    ("2500 euro", "2500", False),
    ("2.500 Euro", "2500", False),
    ("2.500 EURO", "2500", False),
    ("€1,5 mln", "1500000", False),
    ("€ 1,5 mln.", "1500000", False),
    (f"€{NBSP}1,5{NBSP}mln", "1500000", False),
    ("1,5 miljoen euro", "1500000", False),
    (f"1,5{NNBSP}miljoen{NNBSP}euro", "1500000", False),
    ("€ 1,2 miljoen", "1200000", False),
    ("1,2 miljoen", "1200000", False),
    ("anderhalf miljoen", "1500000", False),
    ("anderhalf miljoen (euro)", "1500000", False),
    ("anderhalve ton", "150000", False),
    ("een half miljoen", "500000", False),
    ("een halve ton", "50000", False),
    ("een kwart miljoen", "250000", False),
    ("driekwart miljoen euro", "750000", False),
    ("twee miljoen euro", "2000000", False),
    ("Twee miljoen euro", "2000000", False),
    ("tweeënhalf miljoen euro", "2500000", False),
    ("twee en een half miljoen euro", "2500000", False),
    ("drie ton", "300000", False),
    ("2 ton", "200000", False),
    ("2,5 ton", "250000", False),
    ("een ton", "100000", False),
    ("vijf ton", "500000", False),
    ("twintig miljoen", "20000000", False),
    ("vijfenzeventig miljoen euro", "75000000", False),
    ("tweeëntwintig miljoen euro", "22000000", False),
    ("honderd miljoen euro", "100000000", False),
    ("tien miljard", "10000000000", False),
    ("€ 2,5 miljard", "2500000000", False),
    ("€ 3 mld", "3000000000", False),
    ("vijftigduizend euro", "50000", False),
    ("tweehonderdvijftigduizend euro", "250000", False),
    ("€ 40 duizend", "40000", False),
    ("k€ 250", "250000", False),
    ("€ 250k", "250000", False),
    ("€ 250K", "250000", False),
    ("250 k€", "250000", False),
    ("250 kEUR", "250000", False),
    ("€ 0,5 mln", "500000", False),
    ("€ 480,000", "480000", False),  # English thousands: see _number
    ("€ 1,250", "1250", False),
    ("€ 1,250,000", "1250000", False),
    ("€ 1,250,000.50", "1250000.50", False),
    ("€ 1,275 miljoen", "1275000", False),  # with a scale word the comma is a decimal comma
    ("€ 0,750", "0.75", False),
    ("€ 2.50", "2.50", False),
    ("€ 1.5 mln", "1500000", False),
    (f"€ 1{NBSP}250{NBSP}000", "1250000", False),
    ("€ 1 250 000", "1250000", False),
    ("ruim € 480.000", "480000", True),
    ("bijna € 1 miljoen", "1000000", True),
    ("circa € 250.000", "250000", True),
    ("ca. € 250.000", "250000", True),
    ("ongeveer 2 ton", "200000", True),
    ("zo'n 1,2 miljoen euro", "1200000", True),
    ("zo’n € 75.000", "75000", True),
    ("rond de € 300.000", "300000", True),
    ("rondom € 300.000", "300000", True),
    ("pakweg een half miljoen euro", "500000", True),
    ("nagenoeg € 90.000", "90000", True),
    ("afgerond € 1,3 mln", "1300000", True),
    ("meer dan € 2 miljoen", "2000000", True),
    ("minder dan € 50.000", "50000", True),
    ("ruwweg € 3 miljoen", "3000000", True),
    ("vrijwel € 100.000", "100000", True),
    ("± € 40.000", "40000", True),
    ("zo'n 50 duizend euro", "50000", True),
    ("ca € 12.000", "12000", True),
    ("EUR1.000", "1000", False),
    ("€ 50.-", "50", False),
    ("1.250.000,- euro", "1250000", False),
    ("€ 7,5 ton", "750000", False),
    ("kEUR 150", "150000", False),
    ("één miljoen euro", "1000000", False),
    ("maximaal € 250.000", "250000", False),  # a cap is exact
    ("tot € 250.000", "250000", False),
]


@pytest.mark.parametrize(("expression", "value", "approximate"), PARSE_CASES)
def test_parse_and_find(expression: str, value: str, approximate: bool) -> None:
    mentions = find_amounts(f"De stuurgroep kent {expression} toe aan het project.")
    assert [m.value for m in mentions] == [Decimal(value)]
    assert mentions[0].approximate is approximate
    assert mentions[0].value.as_tuple().exponent == -2  # cents
    if not approximate:
        assert parse_amount(expression) == Decimal(value)


def test_mention_span_excludes_qualifier_and_sentence_dot() -> None:
    text = "Er is ruim € 1,5 mln. beschikbaar gesteld."
    (mention,) = find_amounts(text)
    assert mention.text == "€ 1,5 mln" == text[mention.start : mention.end]


def test_range_borrows_the_scale_of_its_upper_bound() -> None:
    text = "De kosten worden geraamd op € 2 à 3 miljoen."
    assert [m.value for m in find_amounts(text)] == [Decimal(2_000_000), Decimal(3_000_000)]


@pytest.mark.parametrize(
    "text",
    [
        "In 2021 startte het project.",
        "De gemeente telt 1.000 inwoners.",
        "50% van de deelnemers was tevreden.",
        "Bel 050-3678900 of 06-12345678.",
        "De regio heeft 1,2 miljoen inwoners.",
        "Er kwamen twintig miljoen bezoekers.",
        "Dat scheelt 5 ton CO2 per jaar.",
        "Er werd drie ton afval opgehaald.",
        "Een 360-graden camera, artikel 4.2 en CBS-code GM0363.",
        "Op 1.3.2022 is besloten, zie paragraaf 3.1.4.",
        "Een tweede ronde volgt in 2025.",
        "De euro is sinds 2002 ons betaalmiddel.",
        "Er is 250k aan data verzameld.",
        "Het gaat om miljoenen euro's en honderden banen.",
        "Er komt 2.000 m2 bij; Fleur 500 en EUR-lex 300.",
    ],
)
def test_no_money(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    "expression",
    ["2021", "50%", "1.000", "1,2 miljoen inwoners", "€ 100 en € 200", "euro", "ton", "12.34.5"],
)
def test_parse_amount_rejects(expression: str) -> None:
    assert parse_amount(expression) is None


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "De Regio Deal draagt 1,2 miljoen bij; drie ton aan subsidie gaat naar Emmen.",
            [1_200_000, 300_000],
        ),
        ("De regio ontvangt twintig miljoen van het Rijk.", [20_000_000]),
        ("We kregen 3 ton aan steun en bespaarden 2 ton CO2.", [300_000]),
        ("Van de 1,2 miljoen inwoners kreeg een deel steun.", []),
        ("De regio telt 1,2 miljoen.", []),
    ],
)
def test_bare_scale_words_count_only_as_money_in_money_sentences(
    text: str, values: list[int]
) -> None:
    assert [m.value for m in find_amounts(text)] == [Decimal(v) for v in values]


ROLE_CASES = [
    (
        "De stuurgroep heeft besloten een bijdrage van € 250.000 toe te kennen aan het "
        "project Zorg in de Wijk.",
        [G],
    ),
    ("Van de totale kosten van € 1,2 miljoen draagt de Regio Deal € 400.000 bij.", [T, G]),
    (
        "De Regio Deal draagt € 250.000 bij; de gemeente € 100.000 en de provincie € 50.000.",
        [G, C, C],
    ),
    (
        "Voor de projecten Kansrijk Wonen en Slim Boeren is respectievelijk € 500.000,-- en "
        "€ 480.000,-- beschikbaar gesteld.",
        [G, G],
    ),
    ("De aanvraag voor € 200.000 is afgewezen.", [R]),
    ("De aanvraag van € 200.000 wordt niet gehonoreerd.", [R]),
    (
        "De totale projectkosten bedragen € 850.000; de aanvrager vraagt een bijdrage van "
        "€ 300.000 uit de Regio Deal.",
        [T, R],
    ),
    (
        "De totale kosten bedragen € 1,2 miljoen, waarvan de Regio Deal € 400.000 bijdraagt.",
        [T, G],
    ),
    ("Het project ontvangt een bijdrage van € 75.000 uit de Regio Deal.", [G]),
    ("De gemeente Emmen ontvangt een bijdrage van € 250.000 uit de Regio Deal.", [G]),
    ("Aan Stichting Dorpshuis De Spil wordt een subsidie van € 42.500 verleend.", [G]),
    ("De stuurgroep kent € 75.000 toe aan de aanvraag van Stichting Groen Erfgoed.", [G]),
    ("Het gevraagde bedrag van € 300.000 wordt toegekend.", [G]),
    ("Van de aangevraagde € 300.000 wordt € 250.000 toegekend.", [R, G]),
    (
        "Het project, waarvoor € 300.000 werd aangevraagd, krijgt € 250.000 en moet "
        "€ 50.000 aan cofinanciering vinden.",
        [R, G, C],
    ),
    ("Voor dit project is € 120.000 vrijgemaakt.", [G]),
    ("De stuurgroep stemt in met een verhoging van de bijdrage met € 35.000.", [G]),
    (
        "Aanvullend wordt € 60.000 toegekend, zodat de totale bijdrage uitkomt op € 260.000.",
        [G, G],
    ),
    ("De Regio Deal reserveert € 1 miljoen voor de tweede fase van het project.", [G]),
    ("Daarvan gaat € 400.000 naar het Techniekpact.", [G]),
    ("Het resterende budget van de Regio Deal bedraagt € 3,4 miljoen.", [B]),
    ("Er is nog € 2 miljoen beschikbaar voor nieuwe projecten.", [B]),
    ("Voor de tweede openstelling is in totaal € 3 miljoen beschikbaar.", [B]),
    ("In deze ronde is in totaal € 2.350.000 toegekend aan zeven projecten.", [B]),
    ("Het subsidieplafond voor 2024 bedraagt € 5.000.000.", [B]),
    ("Het fonds heeft € 10 miljoen beschikbaar.", [B]),
    (
        "Het Rijk en de regio dragen elk € 15 miljoen bij aan de Regio Deal, een totaal "
        "budget van € 30 miljoen.",
        [B, B],
    ),
    ("Het project kost in totaal € 1,5 mln.", [T]),
    ("De totale investering van € 4,2 miljoen wordt gedeeld door vijf partners.", [T]),
    ("Het project met een omvang van € 900.000 krijgt een bijdrage van € 300.000.", [T, G]),
    ("De projectbegroting bedraagt € 640.000, waarvan € 200.000 eigen bijdrage.", [T, C]),
    (
        "De cofinanciering van € 150.000 komt van de provincie; de overige € 50.000 wordt "
        "gefinancierd door de partners.",
        [C, C],
    ),
    ("De gemeente Assen en de provincie Drenthe dragen elk € 100.000 bij.", [C]),
    ("De eigen bijdrage van de initiatiefnemers bedraagt € 25.000.", [C]),
    ("Daarnaast is een EFRO-bijdrage van € 500.000 aangevraagd.", [C]),  # kind beats status
    ("Het project is een matching van € 200.000 uit Interreg.", [C]),
    ("Voorgesteld wordt om € 150.000 toe te kennen.", [R]),
    ("Het voorstel is € 80.000 beschikbaar te stellen aan de werkgroep.", [R]),
    ("Gevraagd besluit: in te stemmen met een bijdrage van € 95.000 aan het project.", [G]),
    ("Besluit: conform voorstel wordt € 95.000 toegekend.", [G]),
    ("Het verzoek om € 40.000 extra is ingediend door de hogeschool.", [R]),
    ("De initiatiefnemer vraagt € 60.000 aan.", [R]),
    ("Dorpshuis De Spil (€ 272.780) en Museum De Buiten (€ 98.500) zijn gehonoreerd.", [G, G]),
    ("1. Slimme Dorpen – Stichting Platteland – € 99.999", [G]),
    ("Voor de tweede openstelling is € 3 miljoen beschikbaar gesteld.", [B]),
    (
        "De stuurgroep kent € 300.000 toe aan Energiek Veenkoloniën; de totale kosten "
        "bedragen € 1,2 miljoen.",
        [G, T],
    ),
    (
        "Een bijdrage van € 250.000 voor het project met totale kosten van € 900.000 wordt "
        "toegekend.",
        [G, T],
    ),
    ("De Regio Deal investeert € 2 miljoen in de haven, de gemeente € 1 miljoen.", [G, C]),
    ("Totale kosten: € 1,2 mln; gevraagd: € 400.000; toegekend: € 350.000.", [T, R, G]),
    ("Het college stelt € 50.000 beschikbaar als cofinanciering.", [C]),
    ("Er wordt € 25.000 aan de gemeente Tynaarlo toegekend.", [G]),
    ("Hiervan is € 1,2 miljoen reeds toegekend aan projecten en resteert € 800.000.", [B, B]),
    (
        "De stuurgroep besluit de aanvraag van Gemeente Midden-Groningen voor het project "
        "Kansrijk Opgroeien te honoreren met een bijdrage van € 500.000 uit de Regio Deal.",
        [G],
    ),
    ("Stichting Noorderzon ontvangt € 45.000,- voor de uitvoering van fase 1.", [G]),
    ("Het project heeft een looptijd van drie jaar en een begroting van € 1.350.000.", [T]),
    ("De stuurgroep besluit de aanvraag (gevraagde bijdrage € 180.000) aan te houden.", [R]),
    (
        "Het totaal aangevraagde bedrag (€ 2,4 mln) overstijgt het beschikbare budget (€ 1,5 mln).",
        [R, B],
    ),
    ("Aan het project Waterbewust Wonen is een bedrag van € 87.500 toegekend.", [G]),
    ("De Regio Deal financiert 40% van de kosten, maximaal € 400.000.", [G]),
    ("De provincie Groningen heeft € 2 miljoen toegezegd en de Regio Deal € 3 miljoen.", [C, G]),
    (
        "De kosten van het project bedragen € 600.000, waarvan de partners € 200.000 betalen.",
        [T, C],
    ),
    (
        "Uit de Regio Deal wordt € 150.000 bijgedragen, de rest komt van de gemeente (€ 75.000).",
        [G, C],
    ),
    ("Het bestuur van het fonds heeft besloten een subsidie van € 12.500 te verstrekken.", [G]),
    ("De gevraagde bijdrage bedraagt € 250.000 op een totale begroting van € 750.000.", [R, T]),
    ("Voor de regeling Vitale Dorpen is in 2024 € 1,5 miljoen beschikbaar.", [B]),
    ("Het project is goedgekeurd voor een bedrag van € 200.000.", [G]),
    ("De subsidie bedraagt 50% van de subsidiabele kosten met een maximum van € 100.000.", [G]),
    ("Met een Regio Deal-bijdrage van € 175.000 kan het project starten.", [G]),
    ("Het initiatief kreeg in 2022 al € 60.000 en ontvangt nu aanvullend € 40.000.", [G, G]),
    (
        "Er werd voor € 3,2 miljoen aan aanvragen ingediend; de stuurgroep kende "
        "€ 1,9 miljoen toe.",
        [R, G],
    ),
    ("De stuurgroep kent de gemeente Emmen € 75.000 toe.", [G]),
    ("De gemeente Emmen heeft € 250.000 ontvangen.", [G]),
    ("De bijdrage aan Woonpunt Hulst wordt verlaagd met € 15.000.", [G]),  # a change to a grant
    ("Techniekmakers | Stichting Techniek | € 64.000\nTotaal | | € 630.500", [G, T]),
    ("De bibliotheek draagt zelf € 8.000 bij; de stuurgroep kent € 20.000 toe.", [C, G]),
]


def roles(text: str) -> list[AmountRole]:
    return [classify(text, mention) for mention in find_amounts(text)]


@pytest.mark.parametrize(("text", "expected"), ROLE_CASES)
def test_roles(text: str, expected: list[AmountRole]) -> None:
    assert roles(text) == expected


def test_classify_uses_only_the_sentence_of_the_mention() -> None:
    text = "De totale kosten zijn hoog. Het project ontvangt € 80.000.\n\nRestant: € 20.000"
    assert roles(text) == [G, B]


def test_amount_without_cues_is_unknown() -> None:
    assert roles("Het gaat om € 80.000.") == [U]


def test_granted_amounts_keeps_only_grants() -> None:
    text = (
        "Van de totale kosten van € 1,2 miljoen draagt de Regio Deal € 400.000 bij. "
        "De gemeente draagt € 100.000 bij.\n\n"
        "De aanvraag voor € 200.000 is afgewezen. Er resteert € 2,3 miljoen."
    )
    assert [m.value for m in granted_amounts(text)] == [Decimal(400_000)]


def test_granted_amounts_keeps_a_bare_amount_in_a_granting_paragraph() -> None:
    text = (
        "De stuurgroep honoreert de aanvraag van Stichting Ons Dorp.\nBedrag: € 150.000\n\nNB: € 5"
    )
    assert [m.value for m in granted_amounts(text)] == [Decimal(150_000)]


def test_granted_amounts_on_a_decision_list() -> None:
    text = (
        "Besluitenlijst stuurgroep Regio Deal Zuidoost-Drenthe, 12 maart 2024\n\n"
        "1. Slimme Dorpen – Stichting Platteland – € 99.999\n"
        "2. Zorgcampus Emmen – Gemeente Emmen – € 1.250.000,00\n"
        "3. Fietsroute Hondsrug – Provincie Drenthe – € 480.000,-\n\n"
        "Na deze besluiten resteert een budget van € 3,2 miljoen."
    )
    assert [m.value for m in granted_amounts(text)] == [
        Decimal("99999"),
        Decimal("1250000"),
        Decimal("480000"),
    ]


def test_headings_say_what_the_list_below_them_is() -> None:
    text = (
        "Toegekende aanvragen\n"
        "1. Slimme Dorpen – Stichting Platteland – € 99.999\n"
        "2. Zorgcampus – Gemeente Emmen – € 250.000\n\n"
        "Afgewezen aanvragen\n"
        "3. Fietsroute – Provincie Drenthe – € 480.000\n\n"
        "Overige besluiten\n"
        "Bedrag: € 5.000\n"
    )
    assert roles(text) == [G, G, R, U]
    assert [m.text for m in granted_amounts(text)] == ["€ 99.999", "€ 250.000"]


def test_list_lines_with_semicolons_hyphens_and_markdown_headings() -> None:
    text = (
        "De stuurgroep heeft de volgende besluiten genomen.\n\n## Toegekend\n\n"
        "- Wonen boven winkels – gemeente Terneuzen – € 315.000;\n"
        "- Fietsverbinding Sluis-Aardenburg - gemeente Sluis - € 1.250.000;\n\n"
        "## Aangehouden\n\n"
        "- Recreatieve haven Breskens – Watersportvereniging Breskens – € 600.000;\n"
    )
    assert roles(text) == [G, G, R]
    assert [m.value for m in granted_amounts(text)] == [Decimal(315_000), Decimal(1_250_000)]


def test_an_amount_restated_in_words_is_one_mention() -> None:
    text = "Een bijdrage van € 300.000 (zegge: driehonderdduizend euro) wordt toegekend."
    assert [m.text for m in find_amounts(text)] == ["€ 300.000"]


def test_classify_accepts_a_mention_from_elsewhere() -> None:
    text = "Stichting Ons Dorp ontvangt € 12.000; de totale kosten zijn € 30.000."
    (mention, total) = find_amounts(text)
    assert (
        classify(text, MoneyMention(mention.value, mention.start, mention.end, mention.text)) == G
    )
    assert classify(text, total) == T


def test_qualifier_must_stand_right_before_the_amount() -> None:
    (mention,) = find_amounts("De bijna afgeronde fase kreeg € 500.000.")
    assert mention.approximate is False


@settings(max_examples=200, deadline=None)
@given(
    cents=st.integers(min_value=100, max_value=10**11),
    space=st.sampled_from([" ", NBSP, NNBSP, ""]),
    template=st.sampled_from(["€{s}{n}", "{n}{s}euro", "EUR{s}{n}", "{n}{s}EUR"]),
    two_decimals=st.booleans(),
)
def test_babel_renderings_round_trip(
    cents: int, space: str, template: str, two_decimals: bool
) -> None:
    value = Decimal(cents) / 100
    number = format_decimal(value, format="#,##0.00" if two_decimals else None, locale="nl_NL")
    if template.startswith("{n}") and not space:
        space = " "  # "480.000euro" is not how anyone writes
    rendered = template.format(n=number, s=space)
    (mention,) = find_amounts(f"Het project ontvangt {rendered} uit de Regio Deal.")
    assert (mention.value, mention.text) == (value, rendered)
    assert parse_amount(rendered) == value


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_find_amounts_never_fails_on_any_text(text: str) -> None:
    mentions = find_amounts(text)
    for mention in mentions:
        assert mention.text == text[mention.start : mention.end]
    for before, after in pairwise(mentions):
        assert before.end <= after.start


AMOUNT_LIKE = ["€ 5", "1,2 miljoen", "ton", "euro", "bij", " ", ".", "\n", "twee", "k€", ",-"]
AMOUNT_LIKE += ["3.000", "ruim", "(", ")", "Afgewezen", "toegekend", "–", "¤", NBSP]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(AMOUNT_LIKE), max_size=30).map("".join))
def test_everything_holds_on_amount_like_text(text: str) -> None:
    mentions = find_amounts(text)
    for mention in mentions:
        assert mention.text == text[mention.start : mention.end]
        assert classify(text, mention) in AmountRole
    for before, after in pairwise(mentions):
        assert before.end <= after.start
    assert set(granted_amounts(text)) <= set(mentions)
