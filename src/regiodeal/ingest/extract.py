"""Decisions from a read document: pure Python over the reader's blocks.

The document is cut into sections at headings. A section whose heading names a project is one
decision; list lines and table rows with an amount are one decision each; in running prose each
sentence that grants money (or rejects or defers a request) is one. Every field keeps the span of
its evidence in the normalised text, so the review screen can highlight it.
"""

import dataclasses
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .amounts import AmountRole, MoneyMention, classify, find_amounts
from .dates import find_date
from .documents import Block, BlockKind, ReadDocument
from .gazetteer import find_places
from .kinds import Kind, classify_kind, is_decrease
from .parties import find_organisations
from .tables import table_decisions
from .titles import (
    STATUS_LABEL,
    clean_title,
    field_spans,
    is_generic_heading,
    is_headline,
    title_from_prose,
)

Span = tuple[int, int]
DECOYS = {AmountRole.TOTAL_COST, AmountRole.COFINANCING, AmountRole.BUDGET, AmountRole.REQUESTED}
NO_AMOUNT_KINDS = {Kind.REJECTION, Kind.DEFERRAL}
PILLAR_NAMED = re.compile(r"\b(?:pijler|programmalijn|thema(?:lijn)?)\s+([A-ZÀ-Ý][\w&\-]*)")
RESPECTIVELY = re.compile(r"\brespectievelijk\b", re.IGNORECASE)
# Sentence ends, but not after abbreviations that Dutch grant texts use all the time.
SENTENCE_END = re.compile(
    r"(?<!\bca)(?<!\bo\.a)(?<!\bmln)(?<!\bmld)(?<!\bnr)(?<!\bB\.V)(?<!\bt\.b\.v)(?<!\bincl)"
    r"(?<!\bexcl)(?<!\bresp)(?<!\bd\.w\.z)(?<!\bi\.s\.m)(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9\"“(€])"
)


@dataclass
class ExtractedDecision:
    title: str
    title_span: Span | None
    amount: Decimal | None = None
    amount_span: Span | None = None
    approximate: bool = False
    kind: Kind = Kind.UNKNOWN
    pillar: str | None = None
    places: list[tuple[str, str | None]] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    description: str = ""
    description_span: Span | None = None
    confidence: float = 0.5


@dataclass
class Extraction:
    source: str
    title: str | None
    title_span: Span | None
    date: str | None
    date_span: Span | None
    decisions: list[ExtractedDecision]


@dataclass
class Section:
    heading: Block | None
    body: list[Block]
    # A short paragraph taken for a heading: it names a project only with a clear grant below.
    pseudo: bool = False


def extract(document: ReadDocument, *, pillars: list[str] | None = None) -> Extraction:
    """Propose the decisions in ``document``; ``pillars`` are the target programme's pillars."""
    title_block = _document_title(document)
    title_span = (title_block.start, title_block.end) if title_block else None
    date, date_span = _document_date(document, title_block)
    decisions: list[ExtractedDecision] = []
    context_pillar: str | None = None
    context_kind: Kind | None = None
    for section in _sections(document, title_block):
        heading_text = section.heading.text if section.heading else ""
        if section.heading is not None:
            named = _named_pillar(heading_text)
            if named:
                context_pillar = named
            heading_kind = classify_kind(heading_text) if is_generic_heading(heading_text) else None
            context_kind = heading_kind if heading_kind not in (None, Kind.NEW) else None
        found = _section_decisions(document, section, context_kind)
        for decision in found:
            if context_kind and decision.kind == Kind.NEW:
                decision.kind = context_kind
                if context_kind in NO_AMOUNT_KINDS:
                    decision.amount, decision.amount_span = None, None
            decision.pillar = decision.pillar or context_pillar
            if decision.pillar is None and pillars:
                decision.pillar = _best_pillar(decision.description, pillars)
                if decision.pillar:
                    decision.confidence = round(decision.confidence * 0.9, 2)
        decisions.extend(found)
    return Extraction(
        source=document.source,
        title=title_block.text if title_block else None,
        title_span=title_span,
        date=date,
        date_span=date_span,
        decisions=decisions,
    )


def _document_title(document: ReadDocument) -> Block | None:
    for block in document.blocks[:3]:
        short = len(block.text) <= 120 and not block.text.endswith(".")
        if block.kind == BlockKind.HEADING or (short and block is document.blocks[0]):
            if not find_amounts(block.text):
                return block
            return None
    return None


NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s")
LETTERED = re.compile(r"^\s*[a-h][.)]\s")


def _agenda_point(block: Block, following: Block | None, sections: list[Section]) -> bool:
    """A numbered agenda point ("3. Subsidie … voor project X Besluit: …") starts a section:
    when lettered points follow it, or when the points before it did too."""
    if block.kind != BlockKind.LIST_ITEM or not NUMBERED.match(block.text):
        return False
    if following is not None and LETTERED.match(following.text):
        return True
    previous = sections[-1].heading
    return previous is not None and previous.kind == BlockKind.LIST_ITEM


# "Aanvrager: Stichting X", "Subsidiebedrag: 12.500 EUR": a field, not a title.
FIELD_LINE = re.compile(r"^[^\W\d_]+(?: [^\W\d_]+)?:\s")


def _looks_like_heading(block: Block, following: Block | None) -> bool:
    """A short line on its own before a paragraph: a title typed as a bold paragraph."""
    text = block.text
    return (
        block.kind == BlockKind.PARAGRAPH
        and following is not None
        and following.kind == BlockKind.PARAGRAPH
        and len(text) <= 150
        and len(text.split()) <= 15
        and not text.endswith((".", "!", "?", ";", ":", ","))
        and (text[0].isupper() or text[0].isdigit())
        and len(following.text) > len(text)
        and not STATUS_LABEL.match(text)
        and not FIELD_LINE.match(text)
        and text[0].isalnum()
    )


def _document_date(document: ReadDocument, title: Block | None) -> tuple[str | None, Span | None]:
    candidates = ([title] if title else []) + list(document.blocks[:4])
    for block in candidates:
        found = find_date(block.text)
        if found:
            value, start, end = found
            return value, (block.start + start, block.start + end)
    meeting = re.search(r"(vergadering|stuurgroep|besloten|besluit)", document.text, re.I)
    if meeting:
        window = document.text[meeting.start() : meeting.start() + 200]
        found = find_date(window)
        if found:
            value, start, end = found
            return value, (meeting.start() + start, meeting.start() + end)
    return None, None


def _sections(document: ReadDocument, title: Block | None) -> list[Section]:
    sections = [Section(heading=None, body=[])]
    blocks = document.blocks
    for index, block in enumerate(blocks):
        if block is title:
            continue
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if block.kind == BlockKind.HEADING or _agenda_point(block, following, sections):
            sections.append(Section(heading=block, body=[]))
        elif _looks_like_heading(block, following):
            sections.append(Section(heading=block, body=[], pseudo=True))
        else:
            sections[-1].body.append(block)
    return [s for s in sections if s.heading is not None or s.body]


def _section_decisions(
    document: ReadDocument, section: Section, context_kind: Kind | None = None
) -> list[ExtractedDecision]:
    heading = section.heading
    found: list[ExtractedDecision] = []
    if heading is not None and heading.kind == BlockKind.LIST_ITEM:
        decision = _agenda_decision(document, section)
        return [decision] if decision else []
    if heading is not None and _is_project_heading(document, section):
        body, siblings = section.body, []
        if LETTERED.match(heading.text):
            # "a) Repair Café …" with "b) Dorpsommetjes …" read into its body: the siblings
            # are decisions of their own.
            cut = next((i for i, b in enumerate(body) if LETTERED.match(b.text)), len(body))
            body, siblings = body[:cut], body[cut:]
        found.append(_heading_decision(document, heading, body))
        for sibling in siblings:
            if sibling.kind == BlockKind.LIST_ITEM and (item := _item_decision(document, sibling)):
                found.append(item)
        return found
    rows = [b for b in section.body if b.kind == BlockKind.TABLE_ROW]
    found.extend(_to_decision(document, *row) for row in table_decisions(document, rows))
    for block in section.body:
        if block.kind == BlockKind.LIST_ITEM or (
            block.kind == BlockKind.PARAGRAPH and STATUS_LABEL.match(block.text)
        ):
            decision = _item_decision(document, block, context_kind)
            if decision:
                found.append(decision)
        elif block.kind == BlockKind.PARAGRAPH:
            found.extend(_prose_decisions(document, block))
    found.sort(key=lambda d: d.title_span or (0, 0))
    return found


def _mentions(
    document: ReadDocument, start: int, end: int
) -> list[tuple[MoneyMention, AmountRole]]:
    """Amounts between ``start`` and ``end`` with their role, offsets in the document's text."""
    text = document.text[start:end]
    return [(m, classify(text, m)) for m in find_amounts(text)]


# "Eerder ontving het project al € 120.000": a grant of an earlier decision, not this one.
EARLIER = re.compile(
    r"\b(eerder|eerdere|al eerder|vorig\w*|in \d{4} (?:al )?(?:ontving|kreeg))\b", re.I
)
# Words that make an amount without its own cue plausible as a grant.
GRANT_CONTEXT = re.compile(
    r"toegekend|toe te kennen|\bkent\b|beschikbaar|bijdrage|subsidie|ontvangt|krijgt|"
    r"gereserveerd|verleend|verlenen|honore|akkoord|besluit|ter beschikking|bedrag",
    re.IGNORECASE,
)


def _pick_amount(
    document: ReadDocument, start: int, end: int, *, lenient: bool
) -> tuple[MoneyMention | None, Span | None, float]:
    """The granted amount in a span; ``lenient`` accepts an amount with no cue either way."""
    text = document.text[start:end]
    mentions = [
        (m, role)
        for m, role in _mentions(document, start, end)
        if not EARLIER.search(text[max(0, m.start - 60) : m.start])
    ]
    for mention, role in mentions:
        if role == AmountRole.GRANTED:
            return mention, (start + mention.start, start + mention.end), 0.95
    if lenient and GRANT_CONTEXT.search(text):
        for mention, role in mentions:
            if role not in DECOYS:
                return mention, (start + mention.start, start + mention.end), 0.75
    return None, None, 0.0


def _is_project_heading(document: ReadDocument, section: Section) -> bool:
    heading, body = section.heading, section.body
    if is_generic_heading(heading.text) or _named_pillar_only(heading.text):
        return False
    if len(heading.text) > 200 or is_headline(heading.text):
        return False
    # Lettered points ("a. een subsidie te verlenen van …") spell out one decision; they are
    # not a list of decisions of their own.
    listed = [
        b
        for b in body
        if b.kind in (BlockKind.LIST_ITEM, BlockKind.TABLE_ROW) and not LETTERED.match(b.text)
    ]
    if any(find_amounts(b.text) for b in listed):
        # A heading over a list of amounts is a group ("Toekenningen") unless it has one itself.
        return bool(find_amounts(heading.text))
    if find_amounts(heading.text):
        # "Dorpshuis De Spil (€ 272.780)" names a project; "Ruim 1,5 miljoen euro voor
        # kindcentrum Albergen: Noaberfonds verdeelt …" is a news headline over several.
        return len(heading.text.split()) <= 10
    text = _body_text(document, body)
    if not text or RESPECTIVELY.search(text):
        return False
    paragraphs = [b for b in body if b.kind == BlockKind.PARAGRAPH]
    if sum(len(_prose_decisions(document, b)) for b in paragraphs) > 1:
        return False  # several projects named in the prose below: a group heading
    mention, _span, _confidence = _pick_amount(
        document, *_body_span(body), lenient=not section.pseudo
    )
    return mention is not None or classify_kind(text) in NO_AMOUNT_KINDS


def _agenda_decision(document: ReadDocument, section: Section) -> ExtractedDecision | None:
    """One agenda point: a decision when it grants money, or rejects or defers a request."""
    heading = section.heading
    end = section.body[-1].end if section.body else heading.end
    text = document.text[heading.start : end]
    title = clean_title(heading.text)
    if not title or len(title.split()) > 14 or is_generic_heading(title):
        return None
    mention, amount_span, confidence = _pick_amount(document, heading.start, end, lenient=False)
    kind = classify_kind(text)
    if mention is None and kind not in NO_AMOUNT_KINDS:
        return None
    if mention is None and not re.search(r"aanvraag|subsidie|bijdrage|project", text, re.I):
        return None
    start = heading.start + heading.text.find(title)
    decision = ExtractedDecision(title=title, title_span=(start, start + len(title)))
    _fill(document, decision, mention, amount_span, (heading.start, end), 0.8, confidence)
    return decision


SPACED_DASH = re.compile(r"\s+[–—-]\s+")


def _heading_title(text: str) -> str:
    """The project named by a heading; "Skatepark Milheeze – Jongerenraad Gemert-Bakel" names
    the applicant after the dash, "Dorpsteams Oldebroek – fase 2" only continues the name."""
    title = clean_title(text)
    parts = SPACED_DASH.split(title)
    if len(parts) == 2 and parts[1][:1].isupper() and not find_amounts(title):
        first, second = parts
        return second if ORGANISATION_LEAD.match(first) else first
    return title


def _heading_decision(
    document: ReadDocument, heading: Block, body: list[Block]
) -> ExtractedDecision:
    title = _heading_title(heading.text)
    title_start = heading.start + heading.text.find(title) if title else heading.start
    span = _body_span(body) if body else (heading.end, heading.end)
    mention, amount_span, confidence = _pick_amount(
        document, heading.start, heading.end, lenient=True
    )
    if mention is None:
        mention, amount_span, confidence = _pick_amount(document, *span, lenient=True)
    decision = ExtractedDecision(title=title, title_span=(title_start, title_start + len(title)))
    _fill(document, decision, mention, amount_span, span, 0.9, confidence)
    return decision


def _item_decision(
    document: ReadDocument, item: Block, context_kind: Kind | None = None
) -> ExtractedDecision | None:
    """A list line: "Titel – Aanvrager – € 99.999;", "Titel: € 10.000", "Titel (€ 10.000)"."""
    text = item.text
    label = STATUS_LABEL.match(text)
    body_start = label.end() if label else 0
    kind = classify_kind(text)
    if label and kind == Kind.NEW:
        kind = classify_kind(label.group(1))
    spans = [(body_start + a, body_start + b) for a, b in field_spans(text[body_start:])]
    mention, amount_span, confidence = None, None, 0.0
    if len(spans) > 1:
        title_span = _title_field(text, spans)
        # Each field is judged on its own words: "gemeente Midden-Groningen" in the applicant
        # field does not make the amount in the next field a co-financing.
        for start, end in spans[1:]:
            field_text = text[start:end]
            for found in find_amounts(field_text):
                role = classify(field_text, found)
                if role in (AmountRole.GRANTED, AmountRole.UNKNOWN):
                    mention = found
                    amount_span = (item.start + start + found.start, item.start + start + found.end)
                    confidence = 0.9
                    break
            if mention:
                break
    else:
        mention, amount_span, confidence = _pick_amount(
            document, item.start + body_start, item.end, lenient=True
        )
        end = (amount_span[0] - item.start) if amount_span else len(text)
        # The title is what precedes the amount, up to a sentence end.
        lead_text = re.split(r"(?<=[a-z)])\.\s", text[body_start:end])[0]
        title_span = (body_start, body_start + len(lead_text.rstrip(" (:–—-\t")))
    no_amount = kind in NO_AMOUNT_KINDS or context_kind in NO_AMOUNT_KINDS
    if mention is None and not no_amount:
        return None
    lead = text[title_span[0] : title_span[1]]
    if len(lead.split()) > 14:
        return None  # running prose in a bullet: left to the prose reader
    title = clean_title(lead)
    if not title or find_amounts(title):
        return None
    offset = item.start + title_span[0] + lead.find(title)
    decision = ExtractedDecision(title=title, title_span=(offset, offset + len(title)))
    _fill(document, decision, mention, amount_span, (item.start, item.end), 0.85, confidence)
    if label and decision.kind == Kind.NEW:
        decision.kind = kind
        if kind in NO_AMOUNT_KINDS:
            decision.amount, decision.amount_span = None, None
    return decision


ORGANISATION_LEAD = re.compile(
    r"^(?:\w*(?:vereniging|stichting|raad|kring|club|soos|bond|comité|werkgroep|coöperatie)\b|"
    r"stichting|vereniging|coöperatie|cooperatie|gemeente|provincie|dorpsraad|dorpsbelang|"
    r"plaatselijk belang|ondernemersvereniging|buurtvereniging|wijkvereniging|jeugdsoos|"
    r"woningcorporatie|waterschap|[\w&.\- ]+\b(?:b\.v\.|bv|n\.v\.|vof|college))\b",
    re.IGNORECASE,
)


def _title_field(text: str, spans: list[Span]) -> Span:
    """The field of a list line that names the project: the first, unless that is the applicant.

    "Stichting Dorpsraad Stavenisse – Speeltuin aan de Haven – € 9.850" names the applicant
    first; "Techniekpaviljoen Delfzijl – Noorderpoort – € 240.000" the project.
    """
    first = text[spans[0][0] : spans[0][1]]
    second = text[spans[1][0] : spans[1][1]]
    # The name ends where a remark in brackets or after a colon begins.
    name = re.split(r"\s*[(:]", second, maxsplit=1)[0].strip()
    applicant_first = ORGANISATION_LEAD.match(first) and not ORGANISATION_LEAD.match(second)
    if applicant_first and name and not find_amounts(name):
        return spans[1][0], spans[1][0] + len(name)
    return spans[0]


def _to_decision(
    document: ReadDocument,
    row: Block,
    cell_span: Span,
    amount: MoneyMention | None,
    amount_span: Span | None,
    kind_hint: Kind | None = None,
) -> ExtractedDecision:
    cell = document.text[cell_span[0] : cell_span[1]]
    title = clean_title(cell)
    start = cell_span[0] + max(cell.find(title), 0)
    decision = ExtractedDecision(title=title, title_span=(start, start + len(title)))
    _fill(
        document, decision, amount, amount_span, (row.start, row.end), 0.85, 0.85 if amount else 0
    )
    if kind_hint is not None and decision.kind not in NO_AMOUNT_KINDS:
        decision.kind = kind_hint
        if kind_hint in NO_AMOUNT_KINDS:
            decision.amount, decision.amount_span = None, None
    return decision


ANAPHORA = re.compile(
    r"^(?:Hiervoor|Daarvoor|Hiermee|Daarmee|Dit project|Het project|Het initiatief|"
    r"Voor dit project|Voor deze|Ook hiervoor)\b"
)
RESPECTIVELY_ROLES = {AmountRole.GRANTED, AmountRole.UNKNOWN, AmountRole.REQUESTED}


def _prose_decisions(document: ReadDocument, paragraph: Block) -> list[ExtractedDecision]:
    found = []
    pending: tuple[str, int] | None = None  # a project named in the previous sentence
    for start, end in _sentences(paragraph):
        sentence = document.text[start:end]
        mentions = _mentions(document, start, end)
        if RESPECTIVELY.search(sentence):
            # "… respectievelijk € X en € Y": the list itself says these are the amounts.
            listed = [m for m, role in mentions if role in RESPECTIVELY_ROLES]
            if len(listed) > 1:
                found.extend(_respectively(document, start, sentence, listed))
                pending = None
                continue
        granted = [m for m, role in mentions if role == AmountRole.GRANTED]
        kind = classify_kind(sentence)
        named = title_from_prose(sentence)
        if named is None and pending and ANAPHORA.match(sentence) and granted:
            title, offset = pending[0], pending[1] - start
        elif named is not None:
            title, offset = named
        else:
            continue
        if not granted and kind not in NO_AMOUNT_KINDS:
            pending = (title, start + offset)
            continue
        pending = None
        title_start = start + offset
        decision = ExtractedDecision(
            title=title, title_span=(title_start, title_start + len(title))
        )
        mention = granted[0] if granted else None
        amount_span = (start + mention.start, start + mention.end) if mention else None
        scope = (min(start, title_start), end)
        _fill(document, decision, mention, amount_span, scope, 0.6, 0.9 if mention else 0)
        found.append(decision)
    return found


def _respectively(
    document: ReadDocument, start: int, sentence: str, mentions: list[MoneyMention]
) -> list[ExtractedDecision]:
    """ "de projecten A en B respectievelijk € X en € Y": titles and amounts pair up in order."""
    match = re.search(
        r"\bprojecten\s+(.+?)\s+(?:respectievelijk|een bijdrage|een subsidie|€|EUR|\d)", sentence
    ) or re.search(
        r"\bvoor\s+(?:de\s+projecten\s+)?(.+?)(?:\s*[.;]|$)", sentence[mentions[-1].end :]
    )
    if not match:
        return []
    names_text = match.group(1)
    base = (
        start
        + match.start(1)
        + (0 if match.re.pattern.startswith(r"\bprojecten") else mentions[-1].end)
    )
    names = [n for n in re.split(r",\s*|\s+en\s+", names_text) if n.strip()]
    if len(names) != len(mentions):
        return []
    found = []
    for name, mention in zip(names, mentions, strict=True):
        title = clean_title(name)
        offset = base + names_text.find(name) + name.find(title)
        decision = ExtractedDecision(title=title, title_span=(offset, offset + len(title)))
        span = (start + mention.start, start + mention.end)
        _fill(document, decision, mention, span, (start, start + len(sentence)), 0.7, 0.9)
        found.append(decision)
    return found


def _fill(
    document: ReadDocument,
    decision: ExtractedDecision,
    mention: MoneyMention | None,
    amount_span: Span | None,
    scope: Span,
    title_confidence: float,
    amount_confidence: float,
) -> None:
    """Amount, kind, places, organisations, pillar and description from the decision's scope."""
    text = document.text[scope[0] : scope[1]]
    decision.kind = classify_kind(text)
    if decision.kind == Kind.BUDGET_CHANGE:
        mention, amount_span = _budget_change(document, scope, mention, amount_span)
    if decision.kind not in NO_AMOUNT_KINDS and mention is not None:
        value = (
            -mention.value
            if decision.kind == Kind.BUDGET_CHANGE and is_decrease(text)
            else mention.value
        )
        decision.amount, decision.amount_span = value, amount_span
        decision.approximate = mention.approximate
    scope_text = decision.title + " " + text
    places: list[tuple[str, str | None]] = []
    for place in find_places(scope_text):
        if (place.name, place.code) not in places:
            places.append((place.name, place.code))
    decision.places = places
    decision.organisations = find_organisations(text)
    decision.pillar = _named_pillar(text)
    decision.description = text
    decision.description_span = scope
    amount_part = (
        amount_confidence
        if decision.amount is not None
        else 0.8
        if decision.kind in NO_AMOUNT_KINDS
        else 0.3
    )
    decision.confidence = round(min(1.0, (title_confidence + amount_part) / 2), 2)


# "verlaagd van € 64.000 naar € 41.500": the change is the difference; "met € 30.000 verlaagd
# tot € 110.000": the change is the amount after "met", not the new total.
CHANGE_FROM_TO = re.compile(r"\bvan\s*$")
CHANGE_BY = re.compile(r"\bmet\s*$")


def _budget_change(
    document: ReadDocument, scope: Span, mention: MoneyMention | None, span: Span | None
) -> tuple[MoneyMention | None, Span | None]:
    text = document.text[scope[0] : scope[1]]
    mentions = find_amounts(text)
    for index, found in enumerate(mentions):
        before = text[max(0, found.start - 12) : found.start]
        if CHANGE_BY.search(before):
            return found, (scope[0] + found.start, scope[0] + found.end)
        if CHANGE_FROM_TO.search(before) and index + 1 < len(mentions):
            target = mentions[index + 1]
            if re.fullmatch(r"\s*(?:naar|tot|in)\s*", text[found.end : target.start]):
                change = dataclasses.replace(
                    found,
                    value=abs(target.value - found.value),
                    end=target.end,
                    text=text[found.start : target.end],
                )
                return change, (scope[0] + found.start, scope[0] + target.end)
    return mention, span


def _named_pillar(text: str) -> str | None:
    match = PILLAR_NAMED.search(text)
    return match.group(1).lower() if match else None


def _named_pillar_only(text: str) -> bool:
    return bool(re.fullmatch(r"(?:pijler|programmalijn|thema)\s+.+", clean_title(text), re.I))


def _best_pillar(text: str, pillars: list[str]) -> str | None:
    words = set(re.findall(r"\w{4,}", text.lower()))
    scored = [(sum(w.startswith(p.lower()[:5]) for w in words), p) for p in pillars]
    best = max(scored, default=(0, None))
    return best[1].lower() if best[0] > 0 else None


def _body_text(document: ReadDocument, body: list[Block]) -> str:
    return document.text[body[0].start : body[-1].end] if body else ""


def _body_span(body: list[Block]) -> Span:
    return (body[0].start, body[-1].end)


def _sentences(block: Block) -> list[Span]:
    spans, start = [], block.start
    for match in SENTENCE_END.finditer(block.text):
        spans.append((start, block.start + match.start()))
        start = block.start + match.end()
    spans.append((start, block.end))
    return spans
