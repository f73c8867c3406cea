"""The demo's second programme and its calls: Regio Deal Zuid- en Oost-Drenthe II.

The 2025 call's six programme lines and their budgets, and its deadlines (registration until 9
October, applications until 6 November), are those of the real call. Everything else is
illustrative: the funders' shares, the pillar budgets, the criteria and all applications and
applicants, which are fictitious.
"""

import datetime
from decimal import Decimal

PROGRAMME = {
    "name": "Regio Deal Zuid- en Oost-Drenthe II",
    "slug": "zuid-en-oost-drenthe-ii",
    "start_date": datetime.date(2024, 1, 1),
    "end_date": datetime.date(2028, 12, 31),
    "description": (
        "Het vervolg op de eerste Regio Deal: Rijk, provincie Drenthe en de zes gemeenten "
        "investeren samen in leren, zorg, economie en een aantrekkelijke regio aan de grens. "
        "Projecten komen vooral via openstellingen binnen. (Demo: de bedragen per financier en "
        "per pijler zijn illustratief.)"
    ),
}
ILLUSTRATIVE = "Illustratief bedrag (demo)."
# The six municipalities' shares of the municipal part, as in the first Regio Deal.
FUNDERS = [
    ("rijksoverheid", Decimal("8000000")),
    ("provincie-drenthe", Decimal("4000000")),
    ("gemeente-emmen", Decimal("1480000")),
    ("gemeente-hardenberg", Decimal("840000")),
    ("gemeente-hoogeveen", Decimal("770000")),
    ("gemeente-coevorden", Decimal("490000")),
    ("gemeente-borger-odoorn", Decimal("350935")),
    ("gemeente-aa-en-hunze", Decimal("350000")),
]
# (name, slug, budget of the 2025 call, percentage, maximum per application)
LINES = [
    (
        "Leven lang ontwikkelen",
        "leven-lang-ontwikkelen",
        Decimal("483288"),
        Decimal("50"),
        Decimal("150000"),
    ),
    ("Zorg & welzijn", "zorg-welzijn", Decimal("3069223"), Decimal("50"), Decimal("500000")),
    (
        "Economische structuurversterking",
        "economische-structuurversterking",
        Decimal("6045222"),
        Decimal("40"),
        Decimal("1000000"),
    ),
    (
        "Aantrekkelijke regio",
        "aantrekkelijke-regio",
        Decimal("1740196"),
        Decimal("50"),
        Decimal("400000"),
    ),
    (
        "Samen met inwoners",
        "samen-met-inwoners",
        Decimal("1052085"),
        Decimal("75"),
        Decimal("150000"),
    ),
    (
        "Regio aan de grens",
        "regio-aan-de-grens",
        Decimal("3290921"),
        Decimal("50"),
        Decimal("750000"),
    ),
]
# The open call of the demo gets this much per line, on top of the 2025 budgets.
SECOND_ROUND_BUDGET = Decimal("100000")
CRITERIA = [
    (
        "Bijdrage aan brede welvaart",
        "Wat verandert er voor inwoners, en voor wie?",
        Decimal("3"),
        1,
    ),
    ("Kwaliteit en haalbaarheid", "Plan, planning, begroting en organisatie.", Decimal("2"), 2),
    (
        "Samenwerking en draagvlak",
        "Partners, cofinanciering en betrokkenheid van inwoners.",
        Decimal("2"),
        None,
    ),
    (
        "Duurzaamheid na de subsidie",
        "Hoe gaat het project verder als de Regio Deal stopt?",
        Decimal("1"),
        None,
    ),
]
CALL_2025 = {
    "title": "Openstelling 2025",
    "slug": "openstelling-2025",
    "description": (
        "In 2025 kon iedereen — gemeenten, organisaties, bedrijven en inwoners — een project "
        "voorstellen voor een van de zes programmalijnen. Een team van experts heeft de "
        "aanvragen beoordeeld en gerangschikt; per programmalijn is het budget verdeeld langs "
        "die rangschikking. (Demo: de aanvragen zijn fictief.)"
    ),
    "eligibility": (
        "De subsidie is ten hoogste het percentage van de subsidiabele kosten en het maximum "
        "per aanvraag van de programmalijn. Het project vindt plaats in een of meer van de zes "
        "gemeenten en is binnen drie jaar afgerond."
    ),
    "opens_at": datetime.datetime(2025, 6, 2, 9, 0, tzinfo=datetime.UTC),
    "registration_deadline": datetime.datetime(2025, 10, 9, 21, 59, tzinfo=datetime.UTC),
    "application_deadline": datetime.datetime(2025, 11, 6, 22, 59, tzinfo=datetime.UTC),
    "decision_date": datetime.date(2025, 12, 11),
    "min_total_score": Decimal("5.5"),
}
SEED_2025 = 20251106
MEETING_DATE = datetime.date(2025, 12, 11)
# The open call runs from a week before the demo is loaded, so the applicant's path can be
# walked in the demo whatever the day.
OPEN_CALL = {
    "title": "Openstelling tweede ronde",
    "slug": "openstelling-tweede-ronde",
    "description": (
        "Een tweede, kleinere ronde voor projecten die in 2025 net buiten de boot vielen of nu "
        "pas klaar zijn. Meld eerst uw idee aan; het programmabureau geeft u een advies "
        "voordat u de volledige aanvraag schrijft. (Demo.)"
    ),
    "eligibility": CALL_2025["eligibility"],
    "min_total_score": Decimal("5.5"),
}
OPEN_CALL_DAYS = (-7, 45, 75)  # opens, registration closes, applications close (days from now)

PLACES = ["GM1680", "GM1681", "GM0109", "GM0114", "GM0160", "GM0118"]
VILLAGES = [
    "Exloo",
    "Gieten",
    "Klazienaveen",
    "Schoonebeek",
    "Dalen",
    "Nieuw-Amsterdam",
    "Odoornerveen",
    "Gasselternijveen",
    "Sleen",
    "Erica",
    "Zweeloo",
    "Dedemsvaart",
    "Annen",
    "Pesse",
]
TITLES = {
    "leven-lang-ontwikkelen": [
        "Omscholing naar de techniek in {village}",
        "Leerwerkplekken voor statushouders",
        "Digitale vaardigheden voor ouderen in {village}",
        "Praktijkleren in de zorg",
        "Leven lang leren in de maakindustrie",
        "Taalhuis {village}",
    ],
    "zorg-welzijn": [
        "Dorpszorg {village}",
        "Mantelzorgers ontlasten in {village}",
        "Jongerenwerk in de wijk",
        "Valpreventie voor 65-plussers",
        "Eenzaamheid doorbreken in {village}",
        "Gezonde school, gezonde wijk",
        "Welzijn op recept",
    ],
    "economische-structuurversterking": [
        "Waterstofhub {village}",
        "Innovatiecentrum kunststoffen",
        "Circulair bouwen met lokaal hout",
        "Digitalisering van het mkb in de maakindustrie",
        "Proeftuin slimme landbouw",
        "Vestigingsklimaat bedrijventerrein {village}",
        "Energie-opslag voor ondernemers",
    ],
    "aantrekkelijke-regio": [
        "Fietsroute langs de Hondsrug",
        "Cultuurhuis {village}",
        "Vernieuwing dorpshart {village}",
        "Natuurinclusief wandelnetwerk",
        "Erfgoed van het veen beleefbaar",
        "Evenementen die de regio verbinden",
    ],
    "samen-met-inwoners": [
        "Energiecoöperatie {village}",
        "Buurtkamer {village}",
        "Inwonersbudget voor de wijk",
        "Dorpsvisie {village}",
        "Samen groen in {village}",
        "Repair café en deeltuin",
    ],
    "regio-aan-de-grens": [
        "Nederlands-Duitse zorgsamenwerking",
        "Grenspendelaarsloket",
        "Duits op de basisschool",
        "Binationale bedrijvendagen",
        "Grensoverschrijdend openbaar vervoer",
        "Stages over de grens",
        "Buurtaal in het grensgebied",
    ],
}
ORGANISATION_FORMS = [
    "Stichting Dorpsbelang {village}",
    "Coöperatie {village} Vooruit",
    "Vereniging Samen {village}",
    "Stichting Welzijn {village}",
    "Ondernemersvereniging {village}",
]
