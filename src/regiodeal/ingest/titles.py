"""Project titles: from a heading, the lead of a list line, or a noun phrase in prose."""

import re

from .amounts import find_amounts

# "1.", "a)", "•", "-" and similar numbering in front of a heading or list line.
LEADING_MARK = re.compile(
    r"^\s*(?:[\u2022\u25aa\u25cf\u00b7*\-–—]+|\(?\d{1,3}[.)]|\(?[a-z][.)])\s+"
)
# An amount in brackets after a title: "Dorpshuis De Spil (€ 272.780)".
BRACKETED_AMOUNT = re.compile(
    r"\s*[\(\[]\s*(?:ca\.?\s*|circa\s*|ruim\s*)?(?:€|EUR\b|euro\b)[^\)\]]*[\)\]]\s*$", re.IGNORECASE
)
# Fields of a list line: "Titel – Aanvrager – € 99.999;". Spaced dashes only: "Borger-Odoorn".
FIELD_SEPARATOR = re.compile(r"\s+[–—-]\s+|\s*\|\s*|\t+")
TRAILING = " \t;:,.–—-"

GENERIC_HEADINGS = re.compile(
    r"^(inleiding|besluiten|besluit|overzicht|toelichting|samenvatting|bijlage[n]?|totaal|"
    r"algemeen|vergadering|agenda|aanwezig|afwezig|afgewezen( aanvragen| projecten)?|"
    r"aangehouden( aanvragen| projecten)?|nieuwe projecten|uitbreidingen?( en vervolgen)?|"
    r"vervolg(projecten)?|overige besluiten|mededelingen|rondvraag|contact|meer informatie|"
    r"financi[eë]n|budget|stand van zaken|toegekende (projecten|aanvragen|subsidies)|"
    r"projecten|besluitenlijst.*|besluiten (van de )?stuurgroep.*|(niet )?gehonoreerd.*|"
    r"toegekend.*|(budget)?wijzigingen.*|nieuws.*|persbericht.*|regio ?deal\b.*|"
    r"stuurgroep\b.*|programma\b.*|fonds\b.*|(voorjaars|najaars)ronde.*|openstelling.*|"
    r"vrijval.*|kern van de zaak|aanleiding|conclusie.*|voortgang.*|rondvraag.*|"
    r"vaststelling.*|notulen.*|verslag.*|jaaroverzicht.*|opening.*|sluiting.*|"
    r"projecten (pijler|programmalijn|thema)\b.*|pijler\b.*|programmalijn\b.*|"
    r"wijziging.*|mededeling.*|legenda.*|jaarrekening.*|benoeming.*|beantwoording.*|"
    r"(ontwerp)?begroting.*|statenvragen.*|"
    r"([eé][eé]n|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d+) "
    r"(aanvra|project|initiatie)\w*.*)$",
    re.IGNORECASE,
)


# "Subsidie Stichting X voor project Y", "Aanvraag Dorpsraad X: project 'Y'": the project is Y.
NAMED_PROJECT = re.compile(
    r"^(?:(?:subsidie|bijdrage|aanvraag|verzoek|vervolgaanvraag)\b.*?(?:\bvoor|:)\s+)?"
    r"(?:het\s+)?(?:pilot)?project\s+[\"'“‘„]?(?P<name>[^\"'”’]+?)[\"'”’]?$",
    re.IGNORECASE,
)
# "Project 'Bathmen Bruist' – verhoging bijdrage": a quoted name after "project".
QUOTED_PROJECT = re.compile(r"\bproject\s+[\"'“‘„](?P<name>[^\"'”’]{3,100})[\"'”’]", re.I)
QUOTED_NAME = re.compile(r"[\"“‘„']([A-Z0-9À-Ý][^\"”’']{2,100})[\"”’']")


# Fields that follow an agenda point's title on the same line: "… Portefeuillehouder: X".
FIELD_LABEL = re.compile(
    r"\s+(?:Portefeuillehouder|Zaaknummer|Besluit|Toelichting|Aanvrager|Bedrag|Kenmerk|"
    r"Datum|Locatie|Status|Advies|Voorstel)\s*:\s.*$"
)


def clean_title(text: str) -> str:
    """A title without numbering, a bracketed amount, or trailing punctuation."""
    text = LEADING_MARK.sub("", text.strip())
    text = FIELD_LABEL.sub("", text)
    text = BRACKETED_AMOUNT.sub("", text)
    text = text.strip(TRAILING)
    named = NAMED_PROJECT.match(text) or QUOTED_PROJECT.search(text)
    if named and len(named["name"].split()) <= 12:
        text = named["name"].strip(TRAILING)
    # Quotes around the whole title are typography, not part of the name.
    if len(text) > 2 and text[0] in "\"'“‘„" and text[-1] in "\"'”’":
        text = text[1:-1].strip()
    return text


# A heading with a finite verb is a news headline ("Drie projecten krijgen steun"), not a name.
HEADLINE_VERB = re.compile(
    r"\b(gaat|gaan|krijgt|krijgen|ontvangt|ontvangen|wordt|worden|is|zijn|komt|komen|steunt|"
    r"steunen|investeert|investeren|kan|kunnen|verdeelt|verdelen)\b",
    re.IGNORECASE,
)


def is_generic_heading(text: str) -> bool:
    return bool(GENERIC_HEADINGS.match(clean_title(text)))


def is_headline(text: str) -> bool:
    return bool(HEADLINE_VERB.search(clean_title(text)))


def list_fields(text: str) -> list[str]:
    """The fields of a list line or table row, in order."""
    return [text[start:end] for start, end in field_spans(text)]


def field_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the fields of a list line ("Titel – Aanvrager – € 99.999;") in ``text``."""
    lead = LEADING_MARK.match(text)
    position = lead.end() if lead else 0
    spans = []
    for separator in [*FIELD_SEPARATOR.finditer(text, position), None]:
        end = separator.start() if separator else len(text)
        piece = text[position:end]
        stripped = piece.strip(TRAILING + " ")
        if stripped:
            start = position + piece.find(stripped)
            spans.append((start, start + len(stripped)))
        if separator:
            position = separator.end()
    return spans


# "Niet gehonoreerd: Skatebaan Slagharen – …": a status label in front of a list-style line.
STATUS_LABEL = re.compile(
    r"^\s*(niet gehonoreerd|afgewezen|aangehouden|uitgesteld|gehonoreerd|toegekend|"
    r"uitbreiding|vervolg|verlenging)\s*:\s*",
    re.IGNORECASE,
)


_QUOTED = r"[\"'“‘„]([^\"'”’]{3,120})[\"'”’]"
# A project name in prose runs from a capital to where the sentence moves on: a verb, "in" or
# "te" with a place, a relative clause, or punctuation. Words like "op", "in de" and "voor"
# occur inside names ("Duits in de klas", "Bewegen op Recept"), so they do not end one.
_NAME = r"([A-Z0-9À-Ý][^,;()€]*?)"
_NAME_END = (
    r"(?=\s+(?:in|te)\s+[A-ZÀ-Ý]|\s+(?:is|wordt|worden|werd|ontvangt|krijgt|heeft|kan|kunnen|"
    r"zal|gaat|trekt|toegekend|verlengd|verhoogd|verlaagd|afgewezen|aangehouden|dat|die|"
    r"waarmee|waarvoor|waarin|om|met\s+een|voor\s+een|van\s+€|een\s+bijdrage|viel|valt|"
    r"niet)\b|\s+(?:af|aan|toe)(?:\s+tot\b|\s*[.,;]|$)|\s*[,;()]|\.(?:\s|$)|$)"
)
PROSE_PATTERNS = [
    # "aan het project 'Groene Schoolpleinen'", "project “Zorg in de wijk”"
    re.compile(rf"\bproject(?:en|voorstel)?\s+{_QUOTED}", re.IGNORECASE),
    # any quoted name in a decision sentence: "kent aan het ‘Dorpsservicepunt Ysselsteyn’ …"
    re.compile(r"[\"“‘„']([A-Z0-9À-Ý][^\"”’']{2,100})[\"”’']"),
    # "aan het project Groene Schoolpleinen in Borger-Odoorn", "de bijdrage aan Woonpunt Hulst"
    re.compile(
        rf"\b(?:(?:het|voor|aan)\s+(?:pilot)?(?:project|initiatief|plan)|bijdrage\s+aan"
        rf"(?:\s+het\s+project)?)\s+{_NAME}{_NAME_END}"
    ),
    # "de aanvraag (voor een vervolg van het project) Evenementenhal Warffum (…) niet te …"
    re.compile(
        rf"\b(?:vervolg)?aanvraag\s+(?:voor\s+|van\s+)?(?:een\s+vervolg\s+van\s+)?"
        rf"(?:het\s+project\s+|de\s+|het\s+)?{_NAME}{_NAME_END}"
    ),
    # "Naar de Speeltuin Paesens-Moddergat gaat € 14.500", "… gaat naar het nieuwe Kindcentrum X"
    re.compile(rf"\b[Nn]aar\s+(?:de|het)\s+{_NAME}\s+gaat\b"),
    re.compile(
        rf"\bgaat\s+(?:[^.;]{{0,40}}?\s)?naar\s+(?:het\s+|de\s+)?(?:nieuwe\s+)?{_NAME}{_NAME_END}"
    ),
    # "Voor de Veilige Schoolroute Glane is 25.000 euro beschikbaar"
    re.compile(rf"^Voor\s+(?:de|het)\s+{_NAME}\s+(?:is|wordt)\b"),
    # "In Ootmarsum ontvangt Ootmarsum Cultureel … 60.000 euro" (the subject after the verb)
    re.compile(rf"\b(?:ontvangt|krijgt)\s+(?:het\s+|de\s+)?{_NAME}{_NAME_END}"),
    # "Het plan voor Natuurbad Overdinkel viel af", "Over Zorgerf Fleringen … besluit het fonds"
    re.compile(rf"\b(?:plan|verzoek)\s+(?:voor|van)\s+(?:het\s+|de\s+)?{_NAME}{_NAME_END}"),
    re.compile(rf"^Over\s+(?:het\s+|de\s+)?{_NAME}{_NAME_END}"),
    # "Voor de verbouwing van Dorpshuis De Schaapskooi trekt de Regio Deal …"
    re.compile(
        rf"\b(?:verbouwing|bouw|aanleg|realisatie|inrichting|renovatie|oprichting)\s+van\s+"
        rf"(?:het\s+|de\s+)?{_NAME}{_NAME_END}"
    ),
    # "Het project Dorpshuis De Spil ontvangt …", "Dorpshuis De Kap in Ternaard krijgt …"
    re.compile(
        rf"^(?:Ook\s+)?(?:[Hh]et\s+project\s+)?{_NAME}(?:\s+(?:in|te)\s+[A-ZÀ-Ý][\w'’\-]*)?"
        r"\s+(?:ontvangt|krijgt)\b"
    ),
    # "stelt € 52.500 ter beschikking voor Taalmaatjes Nunspeet."
    re.compile(
        rf"(?:beschikbaar\s+te\s+stellen|ter\s+beschikking|toe\s+te\s+kennen|toegekend)"
        rf"\s+(?:aan|voor)\s+(?:het\s+project\s+|de\s+|het\s+)?{_NAME}{_NAME_END}"
    ),
]
# "De stuurgroep besluit:", "Besluit:" in front of the decision sentence.
DECISION_LABEL = re.compile(
    r"^\s*(?:(?:de\s+)?(?:stuurgroep|commissie|bestuur)\s+)?besluit\s*:\s*", re.I
)


# "Het project", "Dit initiatief": words that refer to a project named elsewhere.
REFERRING = re.compile(
    r"^(het|dit|dat|deze|die|een|ook|zij|hij|ze)\b(\s+(project|initiatief|plan))?$", re.I
)


def title_from_prose(sentence: str) -> tuple[str, int] | None:
    """A short noun phrase naming the project, with its offset in ``sentence``."""
    label = DECISION_LABEL.match(sentence)
    skip = label.end() if label else 0
    for pattern in PROSE_PATTERNS:
        # Patterns anchored at "^" read the sentence after a "Besluit:" label.
        anchored = pattern.pattern.startswith("^")
        match = pattern.match(sentence[skip:]) if anchored else pattern.search(sentence, skip)
        if not match:
            continue
        title = match.group(1).strip(TRAILING)
        if (
            title
            and len(title.split()) <= 12
            and not is_generic_heading(title)
            and not REFERRING.match(title)
            and not find_amounts(title)
        ):
            return title, match.start(1) + (skip if anchored else 0)
    return None
