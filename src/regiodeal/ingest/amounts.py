"""Money amounts in Dutch official text, and which of them a programme or fund grants.

Babel parses digit strings with Dutch separators ("1.250.000,00"); everything Babel does not
know is written by hand here: scale words ("miljoen", "mln", "ton"), the ",-" notation,
number words ("anderhalf", "vijfenzeventig"), "k€", and the English "480,000".
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache

from babel.numbers import parse_decimal

CENT = Decimal("0.01")


class AmountRole(StrEnum):
    GRANTED = "granted"
    TOTAL_COST = "total_cost"
    COFINANCING = "cofinancing"
    BUDGET = "budget"
    REQUESTED = "requested"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class MoneyMention:
    value: Decimal  # in euro, quantised to cents
    start: int
    end: int
    text: str  # text[start:end]
    # "ruim", "circa", "bijna" … directly before the amount. "maximaal"/"tot" are caps: exact.
    approximate: bool = False


# --- Number words (hand-written: Babel only parses digits) -------------------------------
# fmt: off
_UNITS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
          "negen": 9}
_BELOW_20 = _UNITS | {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14,
                      "vijftien": 15, "zestien": 16, "zeventien": 17, "achttien": 18,
                      "negentien": 19}
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
         "tachtig": 80, "negentig": 90}
_FRACTIONS = {"half": "0.5", "halve": "0.5", "anderhalf": "1.5", "anderhalve": "1.5",
              "kwart": "0.25", "driekwart": "0.75"}
# fmt: on


def _below_100(word: str) -> int | None:
    if word in _BELOW_20 or word in _TENS:
        return _BELOW_20.get(word) or _TENS[word]
    for tens, value in _TENS.items():  # "vijfenzeventig" = vijf + en + zeventig
        head = word.removesuffix(tens)
        if head != word and head.endswith("en") and head[:-2] in _UNITS:
            return _UNITS[head[:-2]] + value
    return None


def _compound(word: str, unit: str, size: int, part: Callable[[str], int | None]) -> int | None:
    """'tweehonderdvijftig' → 2 * 100 + 50; a missing count means one ("honderdduizend")."""
    head, found, tail = word.partition(unit)
    if not found:
        return part(word) if word else None
    count = part(head) if head else 1
    rest = part(tail.removeprefix("en")) if tail else 0
    return None if count is None or rest is None else count * size + rest


def _integer(word: str) -> int | None:
    return _compound(word, "duizend", 1000, lambda w: _compound(w, "honderd", 100, _below_100))


def _word_value(words: str) -> Decimal | None:
    words = " ".join(words.lower().replace("ë", "e").replace("é", "e").split())
    words = words.removeprefix("een ")  # "een half", "een kwart", "een ton"
    if words in _FRACTIONS:
        return Decimal(_FRACTIONS[words])
    if half := re.fullmatch(r"(\w+?) ?en (?:een )?hal(?:f|ve)|(\w+?)enhal(?:f|ve)", words):
        whole = _integer(half[1] or half[2])
        return None if whole is None else whole + Decimal("0.5")
    whole = _integer(words)
    return None if whole is None else Decimal(whole)


# --- Finding amounts -------------------------------------------------------------------
_S = r"[^\S\n]*(?:\n[^\S\n]*)?"  # spaces of any width (NBSP, U+202F), at most one line break
_EXPONENT = {"duizend": 3, "ton": 5, "miljoen": 6, "mln": 6, "mio": 6, "miljard": 9, "mld": 9,
             "mrd": 9}  # fmt: skip
_SCALE = r"(?:duizend|ton|miljoen|mln|mio|miljard|mld|mrd)\b"
# A currency after the number, unless it is really the prefix of the next amount.
_CURRENCY_AFTER = rf"(?:\(euro\)|euro(?:'s|’s)?\b|(?:k€|keur|€|eur)(?![^\W\d_])(?!{_S}[0-9]))"
_AMOUNT = re.compile(
    rf"(?:(?P<pre>k?€|(?<![^\W\d_])k?eur(?![^\W\d_])){_S})?"
    # digits: not glued to a word unless a currency precedes ("EUR1.000"); groups of three
    # may be split by spaces ("1 250 000"); "250k"; ",-" / ",--" for zero cents.
    r"(?:(?P<num>(?(pre)|(?<![\w.,]))(?<![0-9.,])(?:[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+"
    r"(?![0-9])(?:,[0-9]+)?|[0-9]+(?:[.,][0-9]+)*))(?P<k>k(?![\w€]))?(?P<dash>[,.][-–—=]{1,2})?"
    rf"|(?P<word>(?<![\w-])(?:een\s+)?[^\W\d_]+(?:\s+en\s+een\s+hal(?:f|ve))?)"
    rf"(?={_S}(?:{_SCALE}|{_CURRENCY_AFTER})))"
    rf"(?:{_S}(?P<scale>{_SCALE}))?(?:{_S}(?P<post>{_CURRENCY_AFTER}))?",
    re.IGNORECASE,
)
_QUALIFIER = re.compile(
    r"(?:(?<!\w)(?:ruim|bijna|circa|ca\.|c\.a\.|ongeveer|zo['’]n|rond(?:om)?|pakweg|nagenoeg"
    r"|vrijwel|afgerond|meer dan|minder dan|ruwweg|grofweg|plusminus|om en nabij|naar schatting"
    r"|bij benadering|ca|ong\.)(?!\w)|±|\+/-|~)"
    r"(?:\s+(?:de|het|een|in|totaal|bedrag|van|om|ten|op|nog|wel))*\s*$",
    re.IGNORECASE,
)
# A bare "1,2 miljoen" / "drie ton" is money only if the next word does not name what is counted
# ("1,2 miljoen inwoners", "5 ton CO2") and its sentence speaks of money.
# fmt: off
_BARE_FOLLOWERS = {
    "bij", "beschikbaar", "toegekend", "toe", "voor", "van", "uit", "vanuit", "is", "was", "wordt",
    "werd", "zijn", "worden", "en", "of", "in", "te", "om", "als", "met", "door", "extra", "gaat",
    "gaan", "ging", "gesteld", "gereserveerd", "aangevraagd", "gevraagd", "bedraagt", "bedragen",
    "vrijgemaakt", "geïnvesteerd", "uitgetrokken", "ter", "op", "tot", "naar", "subsidie",
    "bijdrage", "budget", "cofinanciering", "investering", "financiering",
}
# fmt: on
_MONEY_CONTEXT = re.compile(
    r"€|\beur(?:o|\b)|bijdr|subsidie|budget|kosten|bedrag|financ|investe|toegekend|toe te kennen"
    r"|beschikbaar|begroting|fonds|regio ?deal|reserve|aangevraagd|kent|krijg|ontvang|verlee?n"
    r"|honore|gaat naar|middelen|geld|steun",
    re.IGNORECASE,
)
_NEXT_WORDS = re.compile(r"[^\S\n]*\(?\s*([^\W\d_]*)\s*([^\W\d_]*)")
_RESTATED = re.compile(r"\s*[(\[]\s*(?:zegge|in letters|lees)?:?\s*", re.IGNORECASE)
_RANGE = re.compile(r"\s*(?:tot|à|a|en|of|-|–|—)\s*")
_SENTENCE_STOP = re.compile(r"[.!?;]\s|\n\s*\n")


def _number(raw: str, scaled: bool) -> Decimal | None:
    """The digits of an amount; Babel handles the Dutch form, the rest is the English form.

    "1,250" would be 1¼ euro in Dutch, but money has no tenths of a cent: a single comma with
    exactly three digits after it (and no scale word, no leading 0) groups thousands.
    "€ 1,250 miljoen" stays 1,25 million; "€ 2.50" and "1.5 mln" are English decimals.
    """
    raw = re.sub(r"[ \u00a0\u202f]", ".", raw)
    english = re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]{1,2})?", raw)
    lone_group = re.fullmatch(r"[1-9][0-9]{0,2},[0-9]{3}", raw)
    if (english and (raw.count(",") > 1 or "." in raw)) or (lone_group and not scaled):
        return Decimal(raw.replace(",", ""))
    if re.fullmatch(r"[0-9]+\.[0-9]{1,2}", raw):
        return Decimal(raw)
    try:
        return parse_decimal(raw, locale="nl_NL", strict=True)
    except ValueError:  # NumberFormatError: misplaced separators, so not one number
        return None


def _bare_is_money(text: str, start: int, end: int, context: bool) -> bool:
    following, after = (w.lower() for w in _NEXT_WORDS.match(text, end).groups())
    if following == "aan":  # "drie ton aan subsidie", not "drie ton aan afval"
        fits = bool(_MONEY_CONTEXT.match(after))
    else:
        fits = not following or following in _BARE_FOLLOWERS
    if not fits or not context:
        return fits
    left = _SENTENCE_STOP.split(text[max(0, start - 200) : start])[-1]
    right = _SENTENCE_STOP.split(text[end : end + 200])[0]
    return bool(_MONEY_CONTEXT.search(left + " " + right))


def _parse(
    match: re.Match[str], text: str, context: bool
) -> tuple[MoneyMention, Decimal, int] | None:
    """The mention, its bare number and power of ten ("€ 1,5 mln" → 1.5, 6); None if not money."""
    pre, post, scale = match["pre"] or "", match["post"] or "", (match["scale"] or "").lower()
    start, end = match.span()
    if not (pre or post or match["dash"]) and not (
        scale and not match["k"] and _bare_is_money(text, start, end, context)
    ):
        return None
    exponent = _EXPONENT.get(scale, 0) + 3 * sum(
        bool(part) and part.lower().startswith("k") for part in (pre, post, match["k"])
    )
    try:
        number = _word_value(match["word"]) if match["word"] else _number(match["num"], bool(scale))
        value = None if number is None else number.scaleb(exponent).quantize(CENT)
    except ArithmeticError:  # absurdly long digit strings exceed Decimal's precision
        return None
    if number is None or value is None:
        return None
    approximate = bool(_QUALIFIER.search(text, max(0, start - 60), start))
    return MoneyMention(value, start, end, text[start:end], approximate), number, exponent


def _scan(text: str, context: bool = True) -> list[tuple[MoneyMention, Decimal, int]]:
    found: list[tuple[MoneyMention, Decimal, int]] = []
    for match in _AMOUNT.finditer(text):
        if (parsed := _parse(match, text, context)) is None:
            continue
        mention, number, exponent = parsed
        if found:
            previous, low, low_exponent = found[-1]
            gap = text[previous.end : mention.start]
            # "€ 300.000 (zegge: driehonderdduizend euro)" says the same amount twice.
            if mention.value == previous.value and _RESTATED.fullmatch(gap):
                continue
            # "€ 2 à 3 miljoen", "€ 5 tot 10 mln": the lower bound borrows the upper's scale.
            if low_exponent == 0 < exponent and low < number and _RANGE.fullmatch(gap):
                value = low.scaleb(exponent).quantize(CENT)
                found[-1] = (replace(previous, value=value), low, exponent)
        found.append((mention, number, exponent))
    return found


def find_amounts(text: str) -> list[MoneyMention]:
    """Every money expression in ``text``, in order, not overlapping."""
    return [mention for mention, _, _ in _scan(text)]


def parse_amount(expression: str) -> Decimal | None:
    """The value of one money expression, or None when it is not (exactly one) amount.

    The expression is judged on its own: a bare "1,2 miljoen" counts, since the caller says
    it is an amount; "1,2 miljoen inwoners" and "1.000" (no currency) do not.
    """
    mentions = _scan(expression.strip(), context=False)
    return mentions[0][0].value if len(mentions) == 1 else None


# --- Roles -------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Cue:
    role: AmountRole | None  # None: only claims its phrase, so that no later cue reads it
    weight: float
    side: str  # "<": counts only when it stands before the amount, ">": only after it, "": both
    decisive: bool  # in the amount's own clause this cue decides, whatever else is near
    pattern: re.Pattern[str]


G, T, C, B, R = (AmountRole.GRANTED, AmountRole.TOTAL_COST, AmountRole.COFINANCING,
                 AmountRole.BUDGET, AmountRole.REQUESTED)  # fmt: skip
_PARTY = (
    r"(?:gemeenten?|provincies?|partners?|partijen|initiatiefnemers?|ondernemers|bedrijven"
    r"|bedrijfsleven|waterschap(?:pen)?|(?:woning)?corporaties?|onderwijsinstellingen"
    r"|hogescho(?:ol|len)|universiteit(?:en)?|derden|europese unie|eu)\b"
)
_GIVES = (
    r"(?:heeft|hebben|draagt|dragen|stelt|stellen|investeert|investeren|zegt|zeggen|"
    r"financiert|financieren|betaalt|betalen|levert|leveren|reserveert|reserveren)"
)
_FUND = r"(?:regio ?deal\w*|fonds|programma|regeling)\b"
_LATER = r"\b(?=[^.;]{0,80}\b%s\b)"  # the particle of a separable verb: "kent … toe"
_ENDS_CLAUSE = r"(?= ?(?:[.;,)\n]|aan\b|$))"
_GRANTING = (
    r"toegekende\b(?: \w+)?|toegekend\b|toe te kennen|toekenn\w*|gehonoreerd|honore\w+|"
    r"(?:kent|kennen|kende)" + _LATER % "toe" + r"|toe" + _ENDS_CLAUSE + r"|"
    r"(?:stelt|stellen|stelde)" + _LATER % "beschikbaar" + r"|beschikbaar (?:gesteld|te stellen)|"
    r"ter beschikking|verleend|verlen\w+|vrijgemaakt|vrij te maken|maakt" + _LATER % "vrij" + r"|"
    r"gereserveerd|reserve\w+|ontvang\w*|krijg\w*|kreeg|(?:gaat|gaan)" + _LATER % "naar" + r"|"
    r"opgehoogd|(?:verho|verla)\w+\b[^¤]{0,30}?\bmet|ingestemd|aanvullend\w*|verstrek\w*|toegezegd|"
    r"toe te zeggen|goedgekeurd|financiert|financieren|uitgetrokken|trekt" + _LATER % "uit"
)
# A phrase is claimed by the first row that matches it, so specific phrases ("gevraagde
# bijdrage", "bijdrage van de gemeente") stand above the general words they contain.
# fmt: off
# Proposals that are decided on, parties that receive rather than give, "in totaal" (not a cost).
_NEUTRAL = (
    r"(?:gevraagd|voorgesteld)e? besluit|besluitvoorstel|beslispunt|(?:conform|overeenkomstig)"
    rf" (?:het )?voorstel|(?:aan|voor|namens|bij|met) (?:de |het )?{_PARTY}|in totaal"
)
# What kind of money it is (or that the request failed or is only proposed): decisive within
# five words of the amount with no clause mark or other amount between ("kind beats status").
_DECISIVE = (
    (R, 6, "", r"niet (?:toegekend|gehonoreerd|beschikbaar gesteld)|afgewezen|afwijz\w*|"
               r"(?:wordt |werd )?voorgesteld|het voorstel is|stelt voor(?= om\b| ?:| dat\b| te\b)|"
               r"voorstel(?: om| tot| ?:)|aangehouden|aan te houden|aanhouden"),
    (B, 5, "", r"totaal toegekend|totale? (?:budget|bedrag)|plafond|"
               r"totaalbudget|programmabudget|subsidieplafond|restant\w*|resterend\w*|resteert|"
               r"saldo|nog(?= (?:¤ )?(?:beschikbaar|te besteden|vrij|over)\b)|"
               rf"beschikbare (?:budget|middelen)|budget (?:van|voor) (?:de |het )?{_FUND}|"
               r"(?:ronde|openstelling|call|tender|tranche|uitvraag)\b"),
    (B, 5, ">", r"(?:aan|over|voor) (?!de |het )(?:\w+ ){0,2}?(?:projecten|initiatieven)\b"),
    (B, 5, "<", rf"(?<!uit de )(?<!uit het )(?<!uit ){_FUND} (?:heeft|omvat|bedraagt)"
                r"(?= (?:\w+ )?¤)|(?:het )?rijk en (?:de )?regio|voor (?:de|het|deze) (?:\w+ )?"
                r"(?:regeling|programma|ronde|openstelling|call|tender|tranche)\b"),
    (T, 5, "<", r"totale (?:project)?kosten|totaalkosten|projectkosten|kost(?:en)? in totaal|"
                r"(?:de )?kosten (?:van het project )?bedragen|projectbegroting|totaalbedrag|"
                r"begroting van het project|totale (?:investering|begroting)|projectbudget|"
                r"met een omvang van|begroot op|geraamd op|investering van|"
                r"(?:sub)?totaal(?:bedrag)?\b[ :|–—-]*(?=¤)"),  # the "Totaal | | € 630.500" row
    (C, 5, "", r"co-?financiering\w*|medefinanciering|eigen (?:bijdrage|inbreng|middelen)|"
               r"(?:gemeentelijke|provinciale|private|europese) \w+|matching|gematcht|efro|"
               r"interreg|leader|pop3|(?:wordt |worden )?gefinancierd door|overige financiers|"
               rf"(?:bijdrage|subsidie|inbreng) (?:van|door) (?:de |het )?{_PARTY}|"
               rf"{_PARTY}(?: [\w-]+){{0,2}} {_GIVES}\b(?![^.;]{{0,60}}\b(?:ontvangen|gekregen))|"
               r"zelf\b|crowdfunding\w*|zamel\w*|ingezameld"),
)
# Everything else is weighed: status verbs 4 > a party 2.5 > nouns and sources 1.5 > names 1.
_HINTS = (
    (R, 3.5, "", r"(?:(?:aan)?gevraagde|beoogde)\b(?: \w+)?|aanvra(?:ag|agt|gen)\b|verzoek\w*"),
    (R, 4, "", r"(?:aan)?gevraagd\b|vraagt|vragen|vroegen|vroeg|ingediend"),
    (G, 4, "", _GRANTING),
    # A list line "Titel – Aanvrager – € 99.999", a title with its amount "De Spil (€ 272.780)".
    (G, 2.5, "", r"(?:[–—|]|(?<= )-)(?= ?¤ ?[;,.]? ?(?:\n|$))|"
                 r"(?-i:[A-ZÀ-Þ0-9\"”'’])[^\s(]* \((?= ?¤ ?\))"),
    (C, 2.5, "", _PARTY + r"|overige(?= ¤)"),
    (G, 1.5, "", rf"(?:uit|vanuit|door) (?:de |het )?{_FUND}|{_FUND}[- ]?bijdrage|rijksbijdrage|"
                 r"bijdrage\w*|bijgedragen|subsidie\w*|beschikbaar|extra|investe(?:ert|ren)|"
                 r"geïnvesteerd|maximaal|maximum|ten hoogste"),
    (G, 1.25, "", rf"{_FUND}|stuurgroep"),
    (G, 1, "", r"(?:draagt|dragen|droeg|droegen)" + _LATER % "bij" + r"|bijdraagt|bij" +
               _ENDS_CLAUSE + r"|besluit\b|besloten|akkoord|stemt in|instemm\w*"),
    (T, 3, "", r"nodig|benodigde?"),
    (T, 2, "<", r"kosten|kost\b|totaal|investering|begroting"),
    (B, 2, "", r"budget\w*"),
)
# fmt: on
_CUES = (
    _Cue(None, 0, "", False, re.compile(_NEUTRAL, re.IGNORECASE)),
    *(_Cue(r, w, s, True, re.compile(p, re.IGNORECASE)) for r, w, s, p in _DECISIVE),
    *(_Cue(r, w, s, False, re.compile(p, re.IGNORECASE)) for r, w, s, p in _HINTS),
)
_GRANTING_PATTERN = re.compile(_GRANTING, re.IGNORECASE)
# A short line on its own, perhaps numbered: "3. Afgewezen aanvragen", "## Toegekend", "Toegekend:".
_HEADING = re.compile(r"^[^\S\n]*(?:[0-9.]+|#+)?[^\S\n]*([A-ZÀ-Þ][^\n€]{2,60}?):?[^\S\n]*$", re.M)
_SECTION_ROLES = (
    (R, re.compile(r"afgewez|afwijz|niet (?:toegekend|gehonoreerd)|aangehouden|ingediend", re.I)),
    (G, re.compile(r"toegekend|gehonoreerd|goedgekeurd|honorering|toekenning", re.I)),
)
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n\s*")
_WORD = re.compile(r"[^\W_]+")
_HARD_STOP = re.compile(r"[;:\n–—|()]")
_CLAUSE_MARK = re.compile(r"[,;¤()\n–—|]")
_BOUNDARY = re.compile(
    r"(?<=[.!?])\s+(?=[\"'“(]?[A-ZÀ-Þ])"  # sentence end before a capital
    r"|\n[^\S\n]*\n\s*"  # blank line
    r"|\n(?=[^\S\n]*(?:[-•*·▪–]|[0-9]+[.)]|[a-z][.)])[^\S\n])"  # list item
    r"|(?<=[0-9=);-])[^\S\n]*\n(?=[^\S\n]*[A-ZÀ-Þ])"  # a table row or list line ends
)


def _spans(text: str, boundary: re.Pattern[str], cuts: Iterable[int] = ()) -> list[tuple[int, int]]:
    """The pieces of ``text`` between matches of ``boundary`` and at the extra ``cuts``."""
    inner = [cut for cut in cuts if 0 < cut < len(text)]
    marks = sorted([*(pos for m in boundary.finditer(text) for pos in m.span()), *inner, *inner])
    return list(zip([0, *marks], [*marks, len(text)], strict=True))[::2]


def _gap(norm: str, slot: int, start: int, end: int) -> str:
    """The text between the amount at ``slot`` and a cue, without brackets around the amount."""
    if start > slot:
        return norm[slot + 1 : start].removeprefix(" )")
    return norm[end:slot].removesuffix("( ") if end <= slot else ""


def _words(gap: str) -> int:
    return len(_WORD.findall(gap)) + 99 * gap.count("¤")  # another amount: out of reach


def _role(norm: str, slot: int, slots: list[int], cues: list[tuple[_Cue, int, int]]) -> AmountRole:
    """A decisive cue in the amount's clause, else the best cue weighted by distance in words.

    Crossing a clause mark or another amount counts as extra distance. A decisive cue between
    two amounts decides only for the nearer one (on a tie: the one after it).
    """
    scores: dict[AmountRole, float] = {}
    decisive: dict[AmountRole, float] = {}
    for cue, start, end in cues:
        # The amounts this cue may speak for: side "<" = it must stand before the amount.
        reaches = [s for s in slots if cue.side != ("<" if start > s else ">" if end <= s else "=")]
        if cue.role is None or slot not in reaches:
            continue
        gap = _gap(norm, slot, start, end)
        # A comma after the amount usually starts the next item ("€ 5, cofinanciering € 2"),
        # a semicolon a new clause, which is as far away as another amount.
        distance = _words(gap) + 2 * len(_HARD_STOP.findall(gap)) + 6 * gap.count("¤")
        distance += (4 if start > slot else 1) * gap.count(",") + 6 * gap.count(";")
        score = cue.weight / (1 + distance / 3)
        owner = min(reaches, key=lambda s: (_words(_gap(norm, s, start, end)), s < start))
        if cue.decisive and owner == slot and _words(gap) <= 5 and not _CLAUSE_MARK.search(gap):
            decisive[cue.role] = max(decisive.get(cue.role, 0), score)
        elif cue.decisive:
            score /= 2  # outside its clause a decisive cue is only a hint
        scores[cue.role] = max(scores.get(cue.role, 0), score)
    best = decisive or scores
    return max(best, key=best.__getitem__) if best else AmountRole.UNKNOWN


def _roles(text: str, start: int, end: int, mentions: list[MoneyMention]) -> list[AmountRole]:
    """Roles of the mentions in text[start:end], each replaced by "¤" to measure distances."""
    pieces, pos = [], start
    for mention in mentions:
        pieces += [text[pos : mention.start].replace("¤", "$"), " ¤ "]
        pos = mention.end
    pieces.append(text[pos:end].replace("¤", "$"))
    norm = re.sub(r"[^\S\n]+", " ", "".join(pieces))
    cues: list[tuple[_Cue, int, int]] = []
    for cue in _CUES:
        for match in cue.pattern.finditer(norm):
            if not any(s < match.end() and match.start() < e for _, s, e in cues):
                cues.append((cue, *match.span()))
    slots = [i for i, char in enumerate(norm) if char == "¤"]
    return [_role(norm, slot, slots, cues) for slot in slots]


@dataclass(frozen=True)
class _Layout:
    paragraphs: tuple[tuple[int, int], ...]  # blank-line separated blocks
    sentences: tuple[tuple[int, int], ...]
    headings: tuple[tuple[int, AmountRole | None], ...]  # where one ends, what it says
    mentions: tuple[MoneyMention, ...]
    starts: tuple[int, ...]  # of the mentions, to find those of a sentence


@lru_cache(maxsize=8)  # classify() runs once per amount of the same document
def _layout(text: str) -> _Layout:
    headings = []
    for match in _HEADING.finditer(text):
        if match[1][-1] not in ".,;" and "euro" not in match[1].lower():  # not a sentence
            says = (role for role, pattern in _SECTION_ROLES if pattern.search(match[1]))
            headings.append((match.end(1), next(says, None)))
    sentences = _spans(text, _BOUNDARY, (end for end, _ in headings))
    mentions = tuple(find_amounts(text))
    starts = tuple(m.start for m in mentions)
    return _Layout(
        tuple(_spans(text, _PARAGRAPH)), tuple(sentences), tuple(headings), mentions, starts
    )


def _analyse(
    text: str, mentions: Sequence[MoneyMention], sentences: Iterable[tuple[int, int]]
) -> list[tuple[MoneyMention, AmountRole, int]]:
    """The mentions in these sentences, each with its role and the start of its paragraph."""
    layout, result = _layout(text), []
    starts = [mention.start for mention in mentions]
    for start, end in sentences:
        inside = mentions[bisect_left(starts, start) : bisect_left(starts, end)]
        if not inside:
            continue
        paragraph = layout.paragraphs[bisect_right(layout.paragraphs, (start, len(text))) - 1][0]
        for mention, role in zip(inside, _roles(text, start, end, inside), strict=True):
            below = bisect_right(layout.headings, mention.start, key=lambda h: h[0]) - 1
            section = layout.headings[below][1] if below >= 0 else None
            # Under "Afgewezen aanvragen" a bare list line is a request that failed; under
            # "Toegekende subsidies" an amount without cues is a grant.
            if section is R and role in (G, AmountRole.UNKNOWN):
                role = R
            elif section is G and role is AmountRole.UNKNOWN:
                role = G
            result.append((mention, role, paragraph))
    return result


def classify(text: str, mention: MoneyMention) -> AmountRole:
    """The role of ``mention`` judged from its sentence (and the heading above it) in ``text``."""
    layout = _layout(text)
    sentence = layout.sentences[bisect_right(layout.sentences, (mention.start, len(text))) - 1]
    first, last = (bisect_left(layout.starts, edge) for edge in sentence)
    nearby = layout.mentions[first:last]
    others = [m for m in nearby if m.end <= mention.start or m.start >= mention.end]
    mentions = sorted([*others, mention], key=lambda m: m.start)
    analysed = _analyse(text, mentions, [sentence])
    return next((role for m, role, _ in analysed if m is mention), AmountRole.UNKNOWN)


def granted_amounts(text: str) -> list[MoneyMention]:
    """The amounts granted by the programme or fund.

    GRANTED mentions always count. An UNKNOWN mention counts only when its paragraph has a
    granting verb ("toegekend", "ontvangt", …) and no mention of that paragraph is GRANTED:
    "Het bestuur honoreert de aanvraag. Bedrag: € 150.000". Otherwise a bare amount is
    more often context (a total, a year's spending) than the grant.
    """
    layout = _layout(text)
    analysed = _analyse(text, layout.mentions, layout.sentences)
    granted_paragraphs = {p for _, role, p in analysed if role is AmountRole.GRANTED}
    paragraph_end = dict(layout.paragraphs)
    granted = []
    for mention, role, p in analysed:
        if role is AmountRole.GRANTED or (
            role is AmountRole.UNKNOWN
            and p not in granted_paragraphs
            and _GRANTING_PATTERN.search(text, p, paragraph_end[p])
        ):
            granted.append(mention)
    return granted
