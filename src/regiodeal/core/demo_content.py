"""The demo programme: Regio Deal Zuid- en Oost-Drenthe and its steering-group round of
December 2021 (source: the published besluitenlijst of that month).

Titles, amounts, partners and places are the facts of that list; the descriptions are written
anew for this demo. The pillar budgets are illustrative: the source gives none.
"""

import datetime
from decimal import Decimal

PROGRAMME = {
    "name": "Regio Deal Zuid- en Oost-Drenthe",
    "slug": "zuid-en-oost-drenthe",
    "start_date": datetime.date(2020, 1, 1),
    "end_date": datetime.date(2024, 12, 31),
    "description": (
        "In de Regio Deal Zuid- en Oost-Drenthe werken het Rijk, de provincie Drenthe en de "
        "gemeenten Aa en Hunze, Borger-Odoorn, Coevorden, Emmen, Hardenberg en Hoogeveen samen "
        "aan de brede welvaart van de regio: een regio waar het goed werken, wonen en leven is. "
        "Samen brengen zij ruim 40 miljoen euro in. (Demo: de looptijd is indicatief.)"
    ),
    "decision_list_introduction": (
        "Enkele keren per jaar besluit onze stuurgroep over nieuwe projecten en over de "
        "uitbreiding of het vervolg van projecten die al lopen. Uitbreidingen en vervolgen "
        "staan beschreven in het Uitvoeringsprogramma. Ieder project draagt bij aan de welvaart "
        "van de regio: een regio waar het goed werken is, waar we ons thuis voelen en waar het "
        "welzijn van iedereen voorop staat. Hieronder vindt u de projecten waarover de "
        "stuurgroep het laatst heeft besloten."
    ),
}

# (name, slug, kind, CBS code, amount)
FUNDERS = [
    ("Rijksoverheid", "rijksoverheid", "rijksoverheid", "", Decimal("20000000")),
    ("Provincie Drenthe", "provincie-drenthe", "provincie", "PV22", Decimal("10000000")),
    ("Gemeente Aa en Hunze", "gemeente-aa-en-hunze", "gemeente", "GM1680", Decimal("818868")),
    ("Gemeente Borger-Odoorn", "gemeente-borger-odoorn", "gemeente", "GM1681", Decimal("819870")),
    ("Gemeente Coevorden", "gemeente-coevorden", "gemeente", "GM0109", Decimal("1142347")),
    ("Gemeente Emmen", "gemeente-emmen", "gemeente", "GM0114", Decimal("3462316")),
    ("Gemeente Hardenberg", "gemeente-hardenberg", "gemeente", "GM0160", Decimal("1959760")),
    ("Gemeente Hoogeveen", "gemeente-hoogeveen", "gemeente", "GM0118", Decimal("1796840")),
]

OTHER_ORGANISATIONS = [
    ("Landkreis Grafschaft Bentheim", "landkreis-grafschaft-bentheim", "buitenlandse_overheid"),
    ("VNO-NCW MKB Noord", "vno-ncw-mkb-noord", "ondernemersvereniging"),
]

ILLUSTRATIVE = "Illustratief bedrag (demo): de besluitenlijst noemt geen pijlerbudgetten."
PILLARS = [
    ("Werken", "werken", Decimal("16000000"), "Economie, arbeidsmarkt en onderwijs."),
    ("Wonen", "wonen", Decimal("10000000"), "Passend wonen en leefbare dorpen en wijken."),
    ("Welzijn", "welzijn", Decimal("14000001"), "Gezondheid, jeugd en meedoen."),
]

THEMES = [
    ("Brede welvaart", "brede-welvaart", "Welvaart in de volle breedte, zoals het CBS die meet."),
    ("Lerende regio", "lerende-regio", "Leren binnen en over projecten, en dat delen."),
]

REGION = ["GM1680", "GM1681", "GM0109", "GM0114", "GM0160", "GM0118"]
DRENTHE_PART = ["GM1680", "GM1681", "GM0109", "GM0114", "GM0118"]

MEETING_DATE = datetime.date(2021, 12, 15)
MEETING_NOTE = "Demo: de dag van de vergadering is indicatief; de besluitenlijst noemt de maand."

# title, slug, pillar, themes, lead, partners, places, summary, decision text, amount
DECISIONS = [
    (
        "Toekomstbestendige bedrijventerreinen",
        "toekomstbestendige-bedrijventerreinen",
        "werken",
        ["brede-welvaart"],
        "provincie-drenthe",
        ["vno-ncw-mkb-noord"],
        DRENTHE_PART,
        "Een gezamenlijke aanpak voor groene, energieneutrale bedrijventerreinen op zes "
        "pilotlocaties.",
        "Bedrijventerreinen die klaar zijn voor de toekomst maken de regio aantrekkelijk voor "
        "bedrijven en spelen een grote rol in de energietransitie, de circulaire economie en de "
        "aanpassing aan een veranderend klimaat. De provincie Drenthe ontwikkelt daarvoor een "
        "aanpak, samen met ondernemers, parkmanagers, ondernemersverenigingen, gemeenten, "
        "waterschappen, vastgoedeigenaren, kennisinstellingen en VNO-NCW/MKB Noord, en brengt "
        "die in praktijk op zes pilotlocaties in Zuid- en Oost-Drenthe die met de gemeenten en "
        "parkmanagers zijn gekozen. Het project ondersteunt de ondernemers bij hun "
        "uitvoeringsplannen voor deze zes terreinen en zoekt naar landelijke en Europese "
        "middelen voor de uitvoering. Ondernemers, overheid en onderwijs bundelen zo hun "
        "krachten voor groenere, toekomstbestendige en energieneutrale terreinen.",
        Decimal("480000"),
    ),
    (
        "Haalbaarheidsonderzoek internationaal MBO Coevorden",
        "haalbaarheidsonderzoek-internationaal-mbo-coevorden",
        "werken",
        ["brede-welvaart"],
        "gemeente-coevorden",
        ["landkreis-grafschaft-bentheim"],
        ["GM0109"],
        "Onderzoek naar binationaal mbo-onderwijs in Coevorden en de Grafschaft Bentheim.",
        "Wie ook later brede welvaart in het grensgebied wil, moet nu vooruitkijken naar een "
        "economie en arbeidsmarkt die over de grens heen reiken. Internationaal "
        "beroepsonderwijs geeft studenten meer kansen, ook op een baan in Duitsland, en geeft "
        "werkgevers de goed opgeleide vakkrachten die zij nodig hebben. De gemeente Coevorden "
        "en de Landkreis Grafschaft Bentheim onderzoeken daarom met onderwijspartners of "
        "binationaal mbo-onderwijs haalbaar is: een eerste stap naar onderwijs voor de "
        "360-graden economie.",
        Decimal("50000"),
    ),
    (
        "360-graden arbeidsmarkt; excellente vakkrachten voor de (EU)Regio",
        "360-graden-arbeidsmarkt-excellente-vakkrachten",
        "werken",
        ["brede-welvaart"],
        None,
        [],
        REGION,
        "Twee binationale mbo-opleidingen, getest bij Nederlandse en Duitse bedrijven.",
        "De arbeidsmarkt van Zuid- en Oost-Drenthe en Hardenberg houdt nu grotendeels op bij "
        "de Duitse grens. Een sterke en wendbare regio heeft een arbeidsmarkt die naar alle "
        "kanten open is, met beroepsonderwijs dat uitstekende vakkrachten opleidt voor het "
        "bedrijfsleven aan beide kanten van de grens. In dit project ontstaan twee binationale "
        "mbo-opleidingen die in de praktijk worden getoetst bij Nederlandse en Duitse "
        "bedrijven. De blauwdruk die dat oplevert, wordt daarna ook gebruikt voor technische, "
        "logistieke en andere opleidingen, onder meer voor het internationale mbo in Coevorden.",
        Decimal("375000"),
    ),
    (
        "Levensloop bestendig wonen",
        "levensloop-bestendig-wonen",
        "wonen",
        ["brede-welvaart"],
        None,
        [],
        [],
        "Verkenning van passende woningen voor senioren met een lichte zorgvraag.",
        "Dit project verkent hoe er passende woningen komen voor senioren met een lichte zorg- "
        "of ondersteuningsvraag, zodat zij zelfstandig kunnen blijven wonen in de wijk of het "
        "dorp waar zij zich thuis en veilig voelen. De wensen van de inwoners staan daarbij "
        "voorop, niet de keuze tussen nieuwbouw of bestaande bouw. Bouwen voor ouderen kan "
        "bovendien de doorstroming voor starters en gezinnen op gang brengen. Als eerste stap "
        "wordt onderzocht welke oplossingen het meest voor de hand liggen, en waar.",
        Decimal("70000"),
    ),
    (
        "Monitoren en leren van jeugdprojecten",
        "monitoren-en-leren-van-jeugdprojecten",
        "welzijn",
        ["brede-welvaart", "lerende-regio"],
        None,
        [],
        REGION,
        "Leren welke interventies in de jeugdprojecten werken en hoe monitoring beter kan.",
        "Dit project in de pijler Welzijn brengt in kaart welke interventies in de "
        "jeugdprojecten werken, welke elementen in meerdere projecten terugkomen en hoe de "
        "monitoring beter kan. De uitkomsten helpen bij keuzes voor toekomstig beleid en de "
        "werkwijze in het jeugddomein, dragen bij aan de lerende regio Zuid- en Oost-Drenthe "
        "en Hardenberg en kunnen informatie leveren voor de Hervormingsagenda Jeugd.",
        Decimal("167500"),
    ),
]

# Grant decisions (beschikkingen) for the December 2021 decisions. Illustrative figures: the
# besluitenlijst states only the steering group's amounts. Per project: eligible costs,
# subsidy percentage, maximum, advance schedule (due date, percentage), advances paid.
GRANT_DATE = datetime.date(2022, 2, 15)
GRANT_CONDITIONS = (
    "De subsidie wordt uitsluitend besteed aan de activiteiten die in het projectplan zijn "
    "beschreven.\n\nWijzigingen in de opzet, de planning of de begroting van het project "
    "meldt u vooraf bij het programmabureau."
)
GRANT_REPORTING = (
    "U rapporteert halfjaarlijks over de voortgang, de bestede middelen en de resultaten.\n\n"
    "Binnen dertien weken na afloop van het project vraagt u de vaststelling aan, met een "
    "inhoudelijk en financieel eindverslag."
)
GRANTS = [
    (
        "toekomstbestendige-bedrijventerreinen",
        Decimal("960000"),
        Decimal("50"),
        None,
        [(datetime.date(2022, 3, 1), Decimal("40")), (datetime.date(2023, 3, 1), Decimal("40"))],
        1,
    ),
    (
        "haalbaarheidsonderzoek-internationaal-mbo-coevorden",
        Decimal("100000"),
        Decimal("50"),
        Decimal("50000"),
        [(datetime.date(2022, 3, 1), Decimal("80"))],
        1,
    ),
    (
        "360-graden-arbeidsmarkt-excellente-vakkrachten",
        Decimal("750000"),
        Decimal("50"),
        None,
        [(datetime.date(2022, 4, 1), Decimal("50")), (datetime.date(2023, 4, 1), Decimal("30"))],
        1,
    ),
]
# The rest of the December 2021 projects get their grant with the same terms: half of
# twice the decided amount, advances of 40% in two years, the first one paid.
STANDARD_SCHEDULE = [
    (datetime.date(2022, 4, 1), Decimal("40")),
    (datetime.date(2023, 4, 1), Decimal("40")),
]
# One project is finished and settled: its costs came out lower, so part of the money is
# released to the pillar again.
SETTLED_PROJECT = "haalbaarheidsonderzoek-internationaal-mbo-coevorden"
SETTLEMENT_DATE = datetime.date(2023, 6, 30)
SETTLEMENT_COSTS = Decimal("84000")
SETTLEMENT_NOTE = (
    "Het haalbaarheidsonderzoek is afgerond; het eindrapport is op 12 juni 2023 ontvangen. "
    "De kosten vielen lager uit dan begroot doordat de Duitse partners een deel van het "
    "veldwerk zelf uitvoerden."
)
BALANCE_PAID_ON = datetime.date(2023, 7, 14)
# The besluitenlijst names no lead organisation for three projects; their demo grants go to
# this funder, as the region's contact for them (illustrative, like the grant figures).
RECIPIENT_WITHOUT_LEAD = "gemeente-emmen"
