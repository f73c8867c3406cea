"""Dutch words and sentence templates for synthetic programmes, projects and reports.

The texts are data, not user interface: they stand for what programme offices write in Dutch,
whatever the language of the site, so they are not translated.

Placeholders: {gemeente} a municipality, {kern} a village or town in it, {regio} the
programme's region, {sector} a sector, {doelgroep} a target group, {organisatie} the lead
organisation, {titel} the project's title.
"""

DIRECTIONS = ("Noord", "Oost", "Zuid", "West", "Noordoost", "Noordwest", "Zuidoost", "Zuidwest")
REGION_PATTERNS = (
    "{richting}-{provincie}",
    "{richting}-{provincie}",
    "Groot-{gemeente}",
    "{gemeente} en omstreken",
    "{gemeente}-{gemeente2}",
    "Kop van {provincie}",
    "Hart van {provincie}",
)
TRANCHES = ("", " II", " III", " IV", " V")

MINISTRIES = (
    ("Ministerie van Landbouw, Natuur en Voedselkwaliteit", "ministerie-van-lnv"),
    ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "ministerie-van-bzk"),
)

PROGRAMME_DESCRIPTION = (
    "Rijk en regio werken in de Regio Deal {regio} samen aan de brede welvaart in "
    "{gemeenten}. De deal zet in op werken, wonen en welzijn, zodat inwoners ook in de "
    "toekomst goed kunnen leven, leren en werken in de regio."
)
DECISION_LIST_INTRODUCTION = (
    "De stuurgroep van de Regio Deal {regio} besluit over de inzet van de middelen van Rijk "
    "en regio. Deze besluitenlijst bevat de besluiten van de vergadering."
)

# (slug, name, description); the first three are part of every programme.
PILLARS = (
    ("werken", "Werken en leren", "Een arbeidsmarkt die past bij de economie van de regio."),
    ("wonen", "Wonen en leefomgeving", "Vitale kernen met passende woningen voor iedereen."),
    ("welzijn", "Welzijn en gezondheid", "Gezond opgroeien, meedoen en oud worden in de regio."),
    ("innovatie", "Innovatie en economie", "Nieuwe bedrijvigheid en innovatie in het MKB."),
    ("bereikbaarheid", "Bereikbaarheid", "Goede verbindingen, digitaal en over de weg."),
    ("energie", "Energietransitie", "Schone energie, opgewekt en gebruikt in de regio."),
)
THEMES = (
    ("brede-welvaart", "Brede welvaart"),
    ("lerende-regio", "Lerende regio"),
    ("vitale-kernen", "Vitale kernen"),
    ("jeugd-en-onderwijs", "Jeugd en onderwijs"),
    ("digitalisering", "Digitalisering"),
    ("krimp-en-leefbaarheid", "Krimp en leefbaarheid"),
    ("circulaire-economie", "Circulaire economie"),
    ("grensoverschrijdende-samenwerking", "Grensoverschrijdende samenwerking"),
    ("gezondheid", "Gezondheid"),
    ("klimaatadaptatie", "Klimaatadaptatie"),
)

SECTORS = (
    "zorg",
    "techniek",
    "bouw",
    "logistiek",
    "agrofood",
    "maakindustrie",
    "kinderopvang",
    "horeca",
    "ICT",
    "energie",
    "onderwijs",
    "recreatie",
)
TARGET_GROUPS = (
    "jongeren",
    "statushouders",
    "ouderen",
    "laaggeletterden",
    "schoolverlaters",
    "werkzoekenden",
    "mantelzorgers",
    "kinderen",
    "zzp'ers",
    "jonge gezinnen",
)

TITLES = {
    "werken": (
        "Versterking vakmanschap in de {sector} in {gemeente}",
        "Arbeidsmarkt {regio}: van school naar werk",
        "Leerwerkplaatsen {sector} {gemeente}",
        "Talentontwikkeling voor {doelgroep} in {regio}",
        "Praktijkleren in de {sector} in {kern}",
        "Campus {gemeente}: onderwijs en bedrijfsleven samen",
        "Omscholing naar de {sector} in {regio}",
        "Werkfit: {doelgroep} aan het werk in {gemeente}",
        "Krapte op de arbeidsmarkt in de {sector} aanpakken",
        "Leven lang ontwikkelen in {regio}",
        "Regionaal opleidingsfonds {sector}",
        "Jeugd en werk: stages in {gemeente}",
    ),
    "wonen": (
        "Woningbouwversnelling {kern}",
        "Vitale kern {kern}",
        "Herstructurering centrum {kern}",
        "Levensloopbestendig wonen in {gemeente}",
        "Verduurzaming huurwoningen {gemeente}",
        "Transformatie leegstaande panden in {kern}",
        "Wonen en zorg onder één dak in {kern}",
        "Starterswoningen in {gemeente}",
        "Dorpshuis {kern} toekomstbestendig",
        "Leefbaarheid in {kern}: samen bouwen aan het dorp",
        "Klimaatbestendige openbare ruimte {kern}",
        "Tijdelijk wonen voor {doelgroep} in {gemeente}",
    ),
    "welzijn": (
        "Versterking vakmanschap in de zorg in {gemeente}",
        "Jeugd aan zet in {gemeente}",
        "Gezond opgroeien in {regio}",
        "Samen gezond in {kern}",
        "Sport en bewegen voor {doelgroep} in {gemeente}",
        "Eenzaamheid doorbreken in {kern}",
        "Jeugdhulp dichtbij in {regio}",
        "Sociaal werk in de wijk in {kern}",
        "Cultuurhuis {gemeente}",
        "Vroegsignalering van schulden in {gemeente}",
        "Mantelzorg ondersteunen in {regio}",
        "Zorg op afstand voor {doelgroep} in {gemeente}",
    ),
    "innovatie": (
        "Innovatiehub {sector} {gemeente}",
        "Proeftuin waterstof {gemeente}",
        "Agrofood innovatie {regio}",
        "Ondernemersloket {kern}",
        "Circulaire bouwhub {regio}",
        "Toerisme en recreatie in {regio}",
        "Smart industry in de {sector} in {gemeente}",
    ),
    "bereikbaarheid": (
        "Slimme mobiliteit {regio}",
        "Glasvezel in het buitengebied van {gemeente}",
        "Fietsverbinding {kern} – {gemeente}",
        "Buurtbus {kern}",
        "Mobiliteitshub {gemeente}",
    ),
    "energie": (
        "Energiecoöperatie {kern}",
        "Warmtenet {kern}",
        "Zonnedaken op bedrijventerreinen in {gemeente}",
        "Energiecoaches voor {doelgroep} in {gemeente}",
        "Verduurzaming maatschappelijk vastgoed {regio}",
    ),
}

SUMMARIES = (
    "{organisatie} werkt met partners in {gemeente} aan {onderwerp}.",
    "Het project draagt bij aan {onderwerp} in {regio}.",
    "Een aanpak voor {onderwerp}, gericht op {doelgroep} in {gemeente}.",
    "Samen met inwoners en ondernemers in {kern} werken aan {onderwerp}.",
)
SUBJECTS = {
    "werken": "een arbeidsmarkt met voldoende vakmensen in de {sector}",
    "wonen": "passende woningen en een leefbare kern",
    "welzijn": "gezondheid, zorg en welzijn dichtbij huis",
    "innovatie": "innovatie en nieuwe bedrijvigheid in de {sector}",
    "bereikbaarheid": "een goed bereikbare regio",
    "energie": "schone en betaalbare energie",
}
DESCRIPTION_SENTENCES = (
    "In {regio} staan de brede welvaart en de leefbaarheid onder druk.",
    "De krapte op de arbeidsmarkt raakt vooral de {sector}.",
    "{organisatie} is penvoerder en werkt samen met onderwijs, overheid en bedrijfsleven.",
    "Het project richt zich op {doelgroep} in {gemeente} en omliggende kernen.",
    "Inwoners van {kern} denken vanaf het begin mee over de plannen.",
    "De aanpak bouwt voort op eerdere ervaringen in de regio.",
    "Jeugd en jongeren krijgen een plek in de uitvoering.",
    "Na afloop moet de aanpak zonder bijdrage uit de Regio Deal verder kunnen.",
    "De resultaten worden gedeeld met andere gemeenten in {regio}.",
    "Er is aandacht voor wonen, zorg en werk in samenhang.",
    "Het project sluit aan bij de regionale agenda voor de {sector}.",
    "De gemeente {gemeente} draagt bij met menskracht en cofinanciering.",
)

DECISION_TEXTS = {
    "nieuw": (
        "De stuurgroep kent het project {titel} van {organisatie} een bijdrage toe van "
        "{bedrag}. Het project past binnen de pijler {pijler}.",
        "De stuurgroep stemt in met het projectvoorstel {titel} en stelt {bedrag} beschikbaar "
        "uit de middelen van de Regio Deal.",
    ),
    "uitbreiding": (
        "De stuurgroep stemt in met de voortzetting van {titel} en stelt aanvullend {bedrag} "
        "beschikbaar voor een volgende fase.",
        "Het project {titel} wordt uitgebreid naar meer kernen; de stuurgroep kent daarvoor "
        "{bedrag} toe.",
    ),
    "budgetwijziging": (
        "De stuurgroep verhoogt het budget van {titel} met {bedrag} vanwege hogere kosten.",
        "Op verzoek van {organisatie} wordt de bijdrage aan {titel} aangepast met {bedrag}.",
    ),
    "afwijzing": (
        "De stuurgroep wijst het verzoek om aanvullende middelen voor {titel} af: het voorstel "
        "past onvoldoende binnen de doelen van de Regio Deal.",
        "Het aanvullende voorstel van {organisatie} voor {titel} wordt niet gehonoreerd.",
    ),
    "uitstel": (
        "De stuurgroep houdt het besluit over {titel} aan tot de volgende vergadering; "
        "{organisatie} werkt de begroting verder uit.",
        "Het voorstel voor {titel} wordt aangehouden in afwachting van de cofinanciering.",
    ),
}
CORRECTION_TEXTS = (
    "De stuurgroep corrigeert het eerder genomen besluit over {titel}: de bijdrage wordt {bedrag}.",
    "Bij nader inzien stelt de stuurgroep de bijdrage aan {titel} vast op {bedrag}; dit besluit "
    "vervangt het eerdere besluit.",
)
DECISION_TITLES = {
    "nieuw": "",
    "uitbreiding": "{titel} – vervolgfase",
    "budgetwijziging": "Budgetwijziging {titel}",
    "afwijzing": "Aanvullend verzoek {titel}",
    "uitstel": "{titel} (aangehouden)",
}
CONDITIONS = (
    "Onder voorwaarde dat de cofinanciering uiterlijk bij de start is toegezegd.",
    "De projectleider rapporteert halfjaarlijks over de voortgang.",
    "Onder voorwaarde dat de gemeente de exploitatie na afloop overneemt.",
)

# Other organisations of a programme's pool: (name template, slug-safe kind).
ORGANISATIONS = (
    ("Stichting Welzijn {gemeente}", "maatschappelijke_organisatie"),
    ("Woonstichting {gemeente}", "maatschappelijke_organisatie"),
    ("Woningcorporatie {regio}", "maatschappelijke_organisatie"),
    ("ROC {regio}", "onderwijsinstelling"),
    ("{gemeente} College", "onderwijsinstelling"),
    ("Hogeschool {regio}", "kennisinstelling"),
    ("Kenniscentrum {sector} {regio}", "kennisinstelling"),
    ("{gemeente} Techniek B.V.", "bedrijf"),
    ("Bouwbedrijf {kern} B.V.", "bedrijf"),
    ("Ondernemersvereniging {gemeente}", "ondernemersvereniging"),
    ("Zorggroep {regio}", "maatschappelijke_organisatie"),
    ("Sportfederatie {gemeente}", "maatschappelijke_organisatie"),
    ("Waterschap {regio}", "waterschap"),
    ("Energiecoöperatie {kern}", "anders"),
)

# Per pillar: (result title, indicator title, unit, measure, broad prosperity theme slug).
INDICATORS = {
    "werken": (
        (
            "Meer vakmensen",
            "Aantal deelnemers dat een opleiding afrondt",
            "deelnemers",
            "number",
            "arbeid-en-vrije-tijd",
        ),
        (
            "Werk voor iedereen",
            "Aandeel deelnemers met werk na een jaar",
            "",
            "percentage",
            "materiele-welvaart",
        ),
    ),
    "wonen": (
        ("Passende woningen", "Aantal opgeleverde woningen", "woningen", "number", "wonen"),
        (
            "Leefbare kernen",
            "Tevredenheid van inwoners over de kern",
            "",
            "percentage",
            "samenleving",
        ),
    ),
    "welzijn": (
        (
            "Gezond opgroeien",
            "Aantal bereikte kinderen en jongeren",
            "jongeren",
            "number",
            "gezondheid",
        ),
        (
            "Minder eenzaamheid",
            "Aandeel inwoners dat zich eenzaam voelt",
            "",
            "percentage",
            "welzijn",
        ),
    ),
    "innovatie": (
        (
            "Nieuwe bedrijvigheid",
            "Aantal nieuwe bedrijven",
            "bedrijven",
            "number",
            "materiele-welvaart",
        ),
    ),
    "bereikbaarheid": (
        ("Betere verbindingen", "Aantal aangesloten adressen", "adressen", "number", "samenleving"),
    ),
    "energie": (("Schone energie", "Opgewekte duurzame energie", "MWh", "number", "milieu"),),
}
RESULT_DESCRIPTION = "Wat het project in {regio} moet opleveren voor {doelgroep}."

NARRATIVES = (
    "Het project ligt op koers: de activiteiten in {kern} zijn gestart en er doen meer "
    "{doelgroep} mee dan verwacht.",
    "De uitvoering liep vertraging op door personeelstekort in de {sector}, maar de "
    "planning is bijgesteld.",
    "De eerste resultaten zijn zichtbaar in {gemeente}; de samenwerking met partners loopt goed.",
)
LESSONS = (
    "Betrek inwoners van {kern} vanaf het begin: dat scheelt later tijd.",
    "Een vaste contactpersoon bij de gemeente {gemeente} maakt de samenwerking makkelijker.",
    "Werkgevers in de {sector} haken aan als het project hun personeelstekort aanpakt.",
    "Jongeren bereik je via school en sportclub, niet via een folder.",
    "Reken op vertraging bij bouwprojecten door stikstof en netcongestie.",
    "Klein beginnen in één kern en dan opschalen werkt beter dan overal tegelijk.",
    "Zorg en welzijn moeten samen optrekken met wonen om ouderen langer thuis te laten wonen.",
    "Gedeelde huisvesting van partners versnelt de uitvoering.",
)
