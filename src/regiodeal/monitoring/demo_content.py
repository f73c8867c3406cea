"""Monitoring of the December 2021 projects in 2022 and 2023, for the demo.

Illustrative throughout: the besluitenlijst states no results, indicators or progress. The
targets follow what the projects' descriptions promise (six pilot locations, two binational
programmes, and so on).
"""

import datetime
from decimal import Decimal

D = Decimal
H1_2022 = (datetime.date(2022, 1, 1), datetime.date(2022, 6, 30))
H2_2022 = (datetime.date(2022, 7, 1), datetime.date(2022, 12, 31))
H1_2023 = (datetime.date(2023, 1, 1), datetime.date(2023, 6, 30))
YEAR_2022 = (datetime.date(2022, 1, 1), datetime.date(2022, 12, 31))
YEAR_2023 = (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31))

ELEMENTS = [
    ("Binationaal", "binationaal", "Samen met Duitse partners, over de grens heen."),
    ("Pilot", "pilot", "Eerst op kleine schaal proberen, dan opschalen."),
    ("Co-creatie met inwoners", "co-creatie-met-inwoners", "Inwoners ontwerpen mee."),
    ("Onderwijs–bedrijfsleven", "onderwijs-bedrijfsleven", "Scholen en werkgevers samen."),
    ("Publiek-private samenwerking", "publiek-private-samenwerking", "Overheid en ondernemers."),
    ("Monitoren en leren", "monitoren-en-leren", "Meten wat werkt en dat delen."),
]
LEADS = {"projectleider1": "Projectleider 1", "projectleider2": "Projectleider 2"}

# Per project slug: lead, elements, milestones (title, planned, reached), results
# (kind, title, [indicators: (title, unit, measure, baseline, bp themes, periods
# [(period, target, actual)])]), reports [(period, status, progress, narrative, lessons,
# state)].
PROJECTS = {
    "toekomstbestendige-bedrijventerreinen": {
        "lead": "projectleider1",
        "elements": ["pilot", "publiek-private-samenwerking"],
        "milestones": [
            ("Zes pilotlocaties gekozen", datetime.date(2022, 3, 31), datetime.date(2022, 4, 12)),
            (
                "Uitvoeringsplannen voor drie locaties",
                datetime.date(2022, 12, 31),
                datetime.date(2023, 1, 20),
            ),
            ("Uitvoeringsplannen voor alle zes locaties", datetime.date(2023, 12, 31), None),
        ],
        "results": [
            (
                "output",
                "Uitvoeringsplannen voor de pilotlocaties",
                [
                    (
                        "Pilotlocaties met een uitvoeringsplan",
                        "locaties",
                        "number",
                        D(0),
                        ["materiele-welvaart", "milieu"],
                        [(YEAR_2022, D(3), D(2)), (YEAR_2023, D(6), D(5))],
                    ),
                ],
            ),
            (
                "outcome",
                "Energieneutrale bedrijventerreinen",
                [
                    (
                        "Bedrijven aangesloten op een collectieve energievoorziening",
                        "bedrijven",
                        "number",
                        D(0),
                        ["milieu"],
                        [(YEAR_2022, D(20), D(12)), (YEAR_2023, D(40), D(31))],
                    ),
                ],
            ),
        ],
        "reports": [
            (
                H1_2022,
                "op_schema",
                25,
                "De zes pilotlocaties zijn met de gemeenten en parkmanagers gekozen.",
                "Parkmanagers vroeg betrekken scheelt maanden in de uitvoering.",
                "geaccepteerd",
            ),
            (
                H2_2022,
                "risico",
                45,
                "Twee uitvoeringsplannen zijn klaar; het derde wacht op netcapaciteit.",
                "Netcongestie bepaalt het tempo meer dan de plannen zelf.",
                "geaccepteerd",
            ),
            (H1_2023, "risico", 70, "Vijf van de zes plannen zijn klaar.", "", "open"),
        ],
    },
    "haalbaarheidsonderzoek-internationaal-mbo-coevorden": {
        "lead": "projectleider2",
        "elements": ["binationaal", "onderwijs-bedrijfsleven"],
        "milestones": [
            (
                "Gesprekken met onderwijspartners afgerond",
                datetime.date(2022, 9, 30),
                datetime.date(2022, 10, 15),
            ),
            (
                "Eindrapport haalbaarheidsonderzoek",
                datetime.date(2023, 6, 30),
                datetime.date(2023, 6, 12),
            ),
        ],
        "results": [
            (
                "output",
                "Haalbaarheidsonderzoek binationaal mbo",
                [
                    (
                        "Gesprekken met onderwijspartners en werkgevers",
                        "gesprekken",
                        "number",
                        D(0),
                        ["arbeid-en-vrije-tijd"],
                        [(YEAR_2022, D(15), D(18))],
                    ),
                    (
                        "Advies over binationaal mbo-onderwijs",
                        "",
                        "qualitative",
                        None,
                        ["arbeid-en-vrije-tijd", "samenleving"],
                        [
                            (
                                YEAR_2023,
                                "Advies aan de stuurgroep",
                                "Positief advies, met twee opleidingen om mee te beginnen",
                            )
                        ],
                    ),
                ],
            ),
        ],
        "reports": [
            (
                H2_2022,
                "op_schema",
                60,
                "Achttien gesprekken gevoerd aan beide kanten van de grens.",
                "Duitse en Nederlandse diploma-eisen verschillen minder dan gedacht; "
                "de stage-eisen meer.",
                "geaccepteerd",
            ),
            (
                H1_2023,
                "afgerond",
                100,
                "Het eindrapport is op 12 juni 2023 opgeleverd.",
                "Een gezamenlijke stuurgroep met de Landkreis hield beide kanten betrokken.",
                "geaccepteerd",
            ),
        ],
    },
    "360-graden-arbeidsmarkt-excellente-vakkrachten": {
        "lead": "projectleider1",
        "elements": ["binationaal", "onderwijs-bedrijfsleven", "pilot"],
        "milestones": [
            (
                "Eerste binationale opleiding van start",
                datetime.date(2022, 9, 1),
                datetime.date(2022, 9, 5),
            ),
            ("Tweede binationale opleiding van start", datetime.date(2023, 9, 1), None),
        ],
        "results": [
            (
                "output",
                "Binationale mbo-opleidingen",
                [
                    (
                        "Binationale opleidingen van start",
                        "opleidingen",
                        "number",
                        D(0),
                        ["arbeid-en-vrije-tijd"],
                        [(YEAR_2022, D(1), D(1)), (YEAR_2023, D(2), None)],
                    ),
                ],
            ),
            (
                "outcome",
                "Vakkrachten voor bedrijven aan beide kanten van de grens",
                [
                    (
                        "Studenten met een stage over de grens",
                        "studenten",
                        "number",
                        D(0),
                        ["arbeid-en-vrije-tijd", "materiele-welvaart"],
                        [(YEAR_2022, D(30), D(12))],
                    ),
                ],
            ),
        ],
        "reports": [
            (
                H2_2022,
                "vertraagd",
                30,
                "De eerste opleiding loopt; stageplaatsen in Duitsland blijven achter.",
                "Stages over de grens vragen een vaste contactpersoon per bedrijf.",
                "geaccepteerd",
            ),
        ],
    },
    "levensloop-bestendig-wonen": {
        "lead": "projectleider2",
        "elements": ["co-creatie-met-inwoners", "pilot"],
        "milestones": [
            ("Locaties verkend", datetime.date(2022, 10, 1), datetime.date(2022, 11, 1)),
            ("Ontwerpsessies met senioren", datetime.date(2023, 3, 1), datetime.date(2023, 2, 20)),
        ],
        "results": [
            (
                "output",
                "Verkenning van locaties voor levensloopbestendige woningen",
                [
                    (
                        "Verkende locaties",
                        "locaties",
                        "number",
                        D(0),
                        ["wonen"],
                        [(YEAR_2022, D(4), D(4))],
                    ),
                    (
                        "Senioren die meedachten",
                        "personen",
                        "number",
                        D(0),
                        ["wonen", "samenleving"],
                        [(YEAR_2022, D(60), D(75))],
                    ),
                ],
            ),
        ],
        "reports": [
            (
                H2_2022,
                "op_schema",
                50,
                "Vier locaties verkend, samen met 75 senioren.",
                "Senioren ontwerpen graag mee als het concreet is: een plattegrond werkt "
                "beter dan een enquête.",
                "geaccepteerd",
            ),
        ],
    },
    "monitoren-en-leren-van-jeugdprojecten": {
        "lead": "projectleider2",
        "elements": ["monitoren-en-leren", "co-creatie-met-inwoners"],
        "milestones": [
            (
                "Gemeenschappelijke monitoringsaanpak vastgesteld",
                datetime.date(2022, 6, 30),
                datetime.date(2022, 6, 28),
            ),
            (
                "Eerste leerbijeenkomst van de jeugdprojecten",
                datetime.date(2022, 11, 30),
                datetime.date(2022, 11, 24),
            ),
        ],
        "results": [
            (
                "outcome",
                "Weten welke jeugdinterventies werken",
                [
                    (
                        "Jeugdprojecten die de gezamenlijke monitor gebruiken",
                        "projecten",
                        "number",
                        D(0),
                        ["welzijn", "samenleving"],
                        [(YEAR_2022, D(12), D(9))],
                    ),
                    (
                        "Wachttijd tot een eerste gesprek",
                        "weken",
                        "number",
                        D(8),
                        ["welzijn", "gezondheid"],
                        [(YEAR_2022, D(4), D(6))],
                    ),
                ],
            ),
        ],
        "reports": [
            (
                H2_2022,
                "op_schema",
                55,
                "Negen projecten meten met dezelfde vragen; de eerste leerbijeenkomst is geweest.",
                "Projecten die dezelfde vragen gebruiken, leren sneller van elkaar dan van "
                "een rapport.",
                "geaccepteerd",
            ),
        ],
    },
}
