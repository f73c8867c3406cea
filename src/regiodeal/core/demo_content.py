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
