"""The beschikking and the vaststelling as letters: one structure every format is rendered from.

Like the besluitenlijst, the PDF, DOCX and ODT read the same ``LetterDocument``, so the three
files cannot say different things. The wording is Dutch on purpose and not run through the UI
translation: these are Dutch legal documents addressed to a Dutch organisation.
"""

import copy
import datetime
from collections.abc import Callable
from decimal import Decimal
from importlib import import_module

from babel.numbers import format_percent
from django.utils import timezone

from regiodeal.core.dates import long_date
from regiodeal.core.money import LOCALE, format_euro
from regiodeal.decisions.constants import KINDS_WITHOUT_AMOUNT, DecisionKind, DecisionState
from regiodeal.decisions.models import Decision, DecisionList, Meeting
from regiodeal.publishing.besluitenlijst import split_paragraphs
from regiodeal.publishing.renderers import CONTENT_TYPES, RenderedDocument

from . import ledger, services
from .letter_document import (
    LetterDocument,
    LetterSection,
    Paragraph,
    Table,
)
from .models import GrantDecision, Settlement
from .rules import ZERO, GrantFigures, SettlementFigures, grant_amount, settlement_amount

LETTER_FORMATS = ("pdf", "docx", "odt")

# ------------------------------------------------------------------------------ wording


def format_percentage(percentage: Decimal) -> str:
    """``50%``, ``62,5%``, ``33,33%``: a percentage as stored, the Dutch way."""
    return format_percent(percentage / 100, format="#,##0.##%", locale=LOCALE)


def _local(moment: datetime.datetime) -> datetime.datetime:
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return timezone.localtime(moment).replace(microsecond=0)


def _quoted(title: str) -> str:
    return f"\u201c{title}\u201d"


def _list_title(meeting: Meeting) -> str:
    """``besluitenlijst december 2021``, lower-case as it reads inside a sentence."""
    stored = DecisionList.objects.filter(meeting=meeting).values_list("title", flat=True).first()
    title = stored or DecisionList.title_for(meeting)
    return title[0].lower() + title[1:]


def _decision_amount(decision: Decision) -> Decimal:
    if decision.kind in KINDS_WITHOUT_AMOUNT or decision.amount is None:
        return ZERO
    return decision.amount


def _decision_in_force(root: Decision, at: datetime.datetime | None) -> Decision:
    """The decision of the chain that counted at ``at``, or now when ``at`` is None.

    An issued letter must keep saying what it said when it was issued, even if the steering
    group corrected its decision afterwards.
    """
    if at is None:
        return ledger.current_of(root)
    decision = root
    while True:
        latest = (
            decision.corrections.filter(state=DecisionState.GEPUBLICEERD, published_at__lte=at)
            .order_by("-pk")
            .first()
        )
        if latest is None:
            return decision
        decision = latest


def _recipient(grant: GrantDecision) -> tuple[str, ...]:
    organisation = grant.recipient
    lines = [organisation.name]
    place = organisation.municipality.name if organisation.municipality_id else ""
    if place and place not in organisation.name:
        lines.append(place)
    return tuple(lines)


def _objection(programme: str, reference: str) -> LetterSection:
    return LetterSection(
        "Bezwaar",
        (
            Paragraph(
                "Bent u het niet eens met deze beschikking? Dan kunt u op grond van de Algemene "
                "wet bestuursrecht bezwaar maken binnen zes weken na de dag waarop deze "
                f"beschikking is verzonden. Stuur uw bezwaarschrift aan het programmabureau van "
                f"{programme}."
            ),
            Paragraph(
                "Vermeld in uw bezwaarschrift uw naam en adres, de datum, het kenmerk van deze "
                f"beschikking ({reference}) en waarom u het niet eens bent met de beschikking, "
                "en onderteken het."
            ),
        ),
    )


def _text_section(heading: str, text: str, lead: str = "") -> LetterSection | None:
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        return None
    blocks = [Paragraph(lead)] if lead else []
    return LetterSection(heading, (*blocks, *(Paragraph(p) for p in paragraphs)))


# ------------------------------------------------------------------------- beschikking


def _limit_sentence(figures: GrantFigures, percentage: str) -> str:
    """Which of the three limits of a grant binds, in words."""
    by_percentage = format_euro(figures.by_percentage)
    has_maximum = figures.maximum is not None
    if figures.limited_by == "percentage":
        others = "het maximumbedrag en " if has_maximum else ""
        return (
            f"De subsidie bedraagt {percentage} van de subsidiabele kosten. Dat bedrag is niet "
            f"hoger dan {others}de bijdrage die de stuurgroep beschikbaar heeft gesteld."
        )
    if figures.limited_by == "maximum":
        return (
            f"De subsidie is begrensd op het maximumbedrag van {format_euro(figures.maximum)}: "
            f"{percentage} van de subsidiabele kosten ({by_percentage}) is hoger dan dat maximum."
        )
    limits = f"{percentage} van de subsidiabele kosten ({by_percentage})"
    if has_maximum:
        limits += f" en het maximumbedrag ({format_euro(figures.maximum)}) zijn"
    else:
        limits += " is"
    return (
        f"De subsidie is begrensd op de bijdrage van {format_euro(figures.decision_amount)} die "
        f"de stuurgroep beschikbaar heeft gesteld: {limits} hoger dan die bijdrage."
    )


def _decision_paragraph(root: Decision, in_force: Decision, title: str) -> Paragraph:
    subject = (
        f"voor de uitbreiding of het vervolg van het project {_quoted(title)}"
        if root.kind == DecisionKind.UITBREIDING
        else f"voor het project {_quoted(title)}"
    )
    text = (
        f"De stuurgroep heeft in haar vergadering van {long_date(root.meeting.date)} besloten "
        f"{subject} een bijdrage van {format_euro(_decision_amount(root))} beschikbaar te "
        f"stellen. Dit besluit is gepubliceerd in de {_list_title(root.meeting)}."
    )
    if in_force.pk != root.pk:
        text += (
            f" In haar vergadering van {long_date(in_force.meeting.date)} heeft de stuurgroep "
            f"dit besluit gecorrigeerd ({_list_title(in_force.meeting)}); de bijdrage bedraagt "
            f"sindsdien {format_euro(_decision_amount(in_force))}."
        )
    return Paragraph(text)


def _advance_section(grant: GrantDecision, granted: Decimal, percentage: str) -> LetterSection:
    advances = services.scheduled_advances(grant)
    settle = Paragraph(
        f"Na afloop van het project stellen wij de subsidie vast op {percentage} van de "
        "werkelijk gemaakte subsidiabele kosten, tot ten hoogste het verleende bedrag. "
        "Voorschotten die hoger zijn dan de vastgestelde subsidie vorderen wij terug."
    )
    if not advances:
        only_after = Paragraph(
            "Wij verstrekken geen voorschotten. Wij betalen de subsidie, ten hoogste "
            f"{format_euro(granted)}, nadat de subsidie is vastgesteld."
        )
        return LetterSection("Betaling", (only_after, settle))
    total = sum((amount for _, amount in advances), ZERO)
    schedule = Table(
        rows=tuple(
            (
                long_date(instalment.due_date),
                f"{format_percentage(instalment.percentage)} van de subsidie"
                if instalment.percentage is not None
                else "vast bedrag",
                format_euro(amount),
            )
            for instalment, amount in advances
        ),
        header=("Datum", "Voorschot", "Bedrag"),
        footer=("Totaal voorschotten", "", format_euro(total)),
    )
    if (rest := granted - total) > 0:
        remainder = (
            f"Het resterende bedrag van ten hoogste {format_euro(rest)} betalen wij nadat de "
            "subsidie is vastgesteld."
        )
    else:
        remainder = (
            "De voorschotten zijn samen gelijk aan de verleende subsidie; na de vaststelling "
            "verrekenen wij ze met de vastgestelde subsidie."
        )
    intro = Paragraph("Wij betalen de subsidie in voorschotten volgens dit schema:")
    return LetterSection(
        "Voorschotten en betaling", (intro, schedule, Paragraph(remainder), settle)
    )


def build_grant_letter(grant: GrantDecision) -> LetterDocument:
    """The beschikking subsidieverlening as a document."""
    project = grant.project
    programme = project.programme.name
    root = grant.decision
    in_force = _decision_in_force(root, grant.issued_at)
    decision_amount = (
        _decision_amount(in_force) if grant.is_issued else services.grantable_amount(root)
    )
    figures = grant_amount(
        eligible_costs=grant.eligible_costs,
        percentage=grant.subsidy_percentage,
        maximum=grant.maximum_amount,
        decision_amount=decision_amount,
    )
    if not grant.is_issued:
        # A draft states what issuing it now would grant, also in its advances; its stored
        # amount may predate a correction. A copy, so the caller's instance stays as loaded.
        grant = services.refresh_granted_amount(copy.copy(grant))
    granted = grant.granted_amount
    percentage = format_percentage(grant.subsidy_percentage)
    rows = [
        ("Subsidiabele kosten", format_euro(grant.eligible_costs)),
        ("Subsidiepercentage", percentage),
        (f"{percentage} van de subsidiabele kosten", format_euro(figures.by_percentage)),
    ]
    if grant.maximum_amount is not None:
        rows.append(("Maximumbedrag", format_euro(grant.maximum_amount)))
    rows.append(("Bijdrage volgens het besluit van de stuurgroep", format_euro(decision_amount)))
    amount_section = LetterSection(
        "Hoogte van de subsidie",
        (
            Table(rows=tuple(rows), footer=("Verleende subsidie", format_euro(granted))),
            Paragraph(_limit_sentence(figures, percentage)),
            Paragraph(f"Wij verlenen u een subsidie van ten hoogste {format_euro(granted)}.", True),
        ),
    )
    sections = [
        amount_section,
        _text_section(
            "Verplichtingen",
            grant.conditions,
            "Aan deze subsidie zijn de volgende verplichtingen verbonden.",
        ),
        _text_section("Rapportage", grant.reporting_duties),
        _advance_section(grant, granted, percentage),
        _objection(programme, grant.reference),
    ]
    opening = [
        Paragraph(
            f"Met deze beschikking verlenen wij u namens de stuurgroep van {programme} subsidie "
            f"voor het project {_quoted(project.title)}."
        ),
        _decision_paragraph(root, in_force, project.title),
    ]
    return LetterDocument(
        kind="beschikking",
        reference=grant.reference,
        is_draft=not grant.is_issued,
        heading="Beschikking subsidieverlening",
        subject=project.title,
        programme=programme,
        recipient=_recipient(grant),
        particulars=(
            ("Datum", long_date(grant.date)),
            ("Kenmerk", grant.reference),
            ("Onderwerp", f"Subsidieverlening {_quoted(project.title)}"),
        ),
        opening=tuple(opening),
        sections=tuple(s for s in sections if s is not None),
        created=_local(grant.issued_at or grant.created_at),
    )


# ------------------------------------------------------------------------ vaststelling


def settlement_figures(settlement: Settlement) -> SettlementFigures:
    """The figures as issued, or for a draft as issuing it now would settle them."""
    grant = settlement.grant
    if settlement.is_issued:
        paid = settlement.paid_before
        outstanding = settlement.settled_amount + settlement.released_amount
    else:
        paid, outstanding = ledger.paid(grant.decision), ledger.outstanding(grant.decision)
    return settlement_amount(
        actual_costs=settlement.actual_costs,
        percentage=grant.subsidy_percentage,
        granted=grant.granted_amount,
        paid=paid,
        outstanding=outstanding,
    )


def _payment_section(figures: SettlementFigures, programme: str, reference: str) -> LetterSection:
    paid = format_euro(figures.paid)
    received = (
        f"U hebt {paid} aan voorschotten ontvangen."
        if figures.paid
        else "U hebt geen voorschotten ontvangen."
    )
    table_rows = (
        ("Vastgestelde subsidie", format_euro(figures.settled)),
        ("Ontvangen voorschotten", paid),
    )
    if figures.recovery > 0:
        recovery = format_euro(figures.recovery)
        return LetterSection(
            "Terugvordering",
            (
                Table(rows=table_rows, footer=("Terug te betalen", recovery)),
                Paragraph(f"{received} Dat is {recovery} meer dan de vastgestelde subsidie."),
                Paragraph(f"Wij vorderen {recovery} van u terug.", True),
                Paragraph(
                    "U moet dit bedrag binnen zes weken na de datum van deze beschikking "
                    f"terugbetalen aan het programmabureau van {programme}, onder vermelding "
                    f"van het kenmerk {reference}."
                ),
            ),
        )
    balance = format_euro(figures.balance_due)
    if figures.balance_due > 0:
        blocks = (
            Paragraph(received),
            Paragraph(f"Het restant van {balance} betalen wij aan u uit.", True),
        )
    else:
        blocks = (Paragraph(f"{received} Er volgt geen betaling of terugvordering meer.", True),)
    return LetterSection(
        "Betaling", (Table(rows=table_rows, footer=("Nog te betalen", balance)), *blocks)
    )


def build_settlement_letter(settlement: Settlement) -> LetterDocument:
    """The beschikking tot vaststelling as a document."""
    grant = settlement.grant
    project = grant.project
    programme = project.programme.name
    figures = settlement_figures(settlement)
    percentage = format_percentage(grant.subsidy_percentage)
    granted = format_euro(grant.granted_amount)
    if figures.by_percentage < grant.granted_amount:
        reason = (
            f"De subsidie is vastgesteld op {percentage} van de werkelijke subsidiabele kosten. "
            "Dat is minder dan de verleende subsidie."
        )
    else:
        reason = (
            f"De subsidie is vastgesteld op het verleende bedrag: {percentage} van de werkelijke "
            f"subsidiabele kosten ({format_euro(figures.by_percentage)}) is niet lager, en de "
            "subsidie wordt niet hoger vastgesteld dan verleend."
        )
    settled = format_euro(figures.settled)
    table = Table(
        rows=(
            ("Verleende subsidie", granted),
            ("Werkelijke subsidiabele kosten", format_euro(settlement.actual_costs)),
            ("Subsidiepercentage", percentage),
            (f"{percentage} van deze kosten", format_euro(figures.by_percentage)),
        ),
        footer=("Vastgestelde subsidie", settled),
    )
    closing = Paragraph(f"Wij stellen de subsidie vast op {settled}.", strong=True)
    release = Paragraph(
        f"Van het bedrag dat voor dit project was gereserveerd, valt "
        f"{format_euro(figures.released)} vrij. Dit bedrag komt terug in het budget van "
        f"{programme}."
    )
    sections = [
        LetterSection("Vastgestelde subsidie", (table, Paragraph(reason), closing)),
        LetterSection("Vrijval", (release,)) if figures.released > 0 else None,
        _payment_section(figures, programme, settlement.reference),
        _text_section("Toelichting", settlement.note),
        _objection(programme, settlement.reference),
    ]
    return LetterDocument(
        kind="vaststelling",
        reference=settlement.reference,
        is_draft=not settlement.is_issued,
        heading="Beschikking tot vaststelling subsidie",
        subject=project.title,
        programme=programme,
        recipient=_recipient(grant),
        particulars=(
            ("Datum", long_date(settlement.date)),
            ("Kenmerk", settlement.reference),
            ("Betreft", f"Beschikking {grant.reference} van {long_date(grant.date)}"),
            ("Onderwerp", f"Vaststelling subsidie {_quoted(project.title)}"),
        ),
        opening=(
            Paragraph(
                f"Bij beschikking van {long_date(grant.date)} met kenmerk {grant.reference} "
                f"hebben wij u namens de stuurgroep van {programme} een subsidie verleend van "
                f"ten hoogste {granted} voor het project {_quoted(project.title)}. Met deze "
                "beschikking stellen wij de subsidie vast."
            ),
        ),
        sections=tuple(s for s in sections if s is not None),
        created=_local(settlement.issued_at or settlement.created_at),
    )


# ---------------------------------------------------------------------------- rendering


def _renderer(fmt: str) -> Callable[[LetterDocument], bytes]:
    if fmt not in LETTER_FORMATS:
        raise ValueError(
            f"Onbekend formaat \u201c{fmt}\u201d voor een beschikking; "
            f"kies uit {', '.join(LETTER_FORMATS)}."
        )
    # Imported on first use: WeasyPrint loads Pango and HarfBuzz, which views that only link to
    # a letter should not pay for.
    return getattr(import_module(f"{__package__}.letter_renderers"), f"render_{fmt}")


def render_letter(document: LetterDocument, fmt: str) -> RenderedDocument:
    """The letter as a file in ``fmt``, one of ``LETTER_FORMATS``."""
    return RenderedDocument(
        content=_renderer(fmt)(document),
        content_type=CONTENT_TYPES[fmt],
        filename=f"{document.filename_stem}.{fmt}",
    )


def render_grant_letter(grant: GrantDecision, fmt: str) -> RenderedDocument:
    """The beschikking subsidieverlening in ``fmt``; an unknown format raises ``ValueError``."""
    _renderer(fmt)  # refuse an unknown format before building the letter
    return render_letter(build_grant_letter(grant), fmt)


def render_settlement_letter(settlement: Settlement, fmt: str) -> RenderedDocument:
    """The beschikking tot vaststelling in ``fmt``; an unknown format raises ``ValueError``."""
    _renderer(fmt)
    return render_letter(build_settlement_letter(settlement), fmt)
