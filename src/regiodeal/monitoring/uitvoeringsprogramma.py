"""The uitvoeringsprogramma of a programme and year: one structure every format is rendered from.

Programme finance first, then per pillar every project with its status, progress, money and
results, then what the programme learned. Like the besluitenlijst, every format reads the same
``UitvoeringsprogrammaDocument``, so the page and the files cannot say different things. The
wording is Dutch on purpose and not run through the UI translation: this is a Dutch public
document (a jaarplan or jaarverslag in the Woo's sense).

Everything is as it stood at the end of the year: the money as booked in the ledger by then,
status, progress and results as the accepted progress reports had them.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from regiodeal.core.charts import Bar, bar_chart
from regiodeal.core.dates import long_date
from regiodeal.core.errors import DomainError
from regiodeal.core.money import format_euro, format_euro_compact, format_number, format_share
from regiodeal.finance.selectors import Figures, FinanceSummary, finance_summary
from regiodeal.programmes.models import Programme

from .constants import DIWOO_JAARPLAN, ImplementationStatus, Measure
from .learning import NO_REPORT, element_rows
from .models import Indicator, InterventionElement
from .selectors import (
    IndicatorRow,
    ProjectMonitoring,
    decided_projects,
    monitoring_at,
    programme_years,
    project_money,
)

FORMATS = ("pdf", "docx", "odt", "md")
STATUS = {
    ImplementationStatus.OP_SCHEMA: "op schema",
    ImplementationStatus.RISICO: "risico",
    ImplementationStatus.VERTRAAGD: "vertraagd",
    ImplementationStatus.AFGEROND: "afgerond",
    NO_REPORT: "nog geen rapportage",
}
PRINT_FONT = "DejaVu Sans"


# --------------------------------------------------------------------------- structure


@dataclass(frozen=True)
class Paragraph:
    text: str
    strong: bool = False
    kind: ClassVar[str] = "paragraph"


@dataclass(frozen=True)
class Table:
    """Rows of text; the first column names the row, the others hold figures (aligned right)."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    footer: tuple[str, ...] = ()
    kind: ClassVar[str] = "table"


@dataclass(frozen=True)
class Chart:
    """A bar chart and the table with its figures, which every format shows beside it."""

    number: int
    title: str
    description: str
    bars: tuple[Bar, ...]
    table: Table
    kind: ClassVar[str] = "chart"

    @property
    def caption(self) -> str:
        return f"Figuur {self.number}. {self.title}"

    def _svg(self, **attributes: str) -> SafeString:
        svg = bar_chart(
            self.bars,
            title=self.title,
            description=self.description,
            format_value=format_euro_compact,
        )
        extra = "".join(f' {name}="{value}"' for name, value in attributes.items())
        # Fixed attributes without user text: the chart's escaping still holds.
        return mark_safe(svg.replace("<svg ", f"<svg{extra} ", 1))  # nosec B308 B703

    def svg(self) -> SafeString:
        return self._svg(**{"font-size": "12"})

    def print_svg(self) -> SafeString:
        """For WeasyPrint and office suites, which do not pass the page's font into an SVG."""
        return self._svg(**{"font-size": "11", "font-family": PRINT_FONT})


Block = Paragraph | Table | Chart


@dataclass(frozen=True)
class Section:
    heading: str
    level: int  # 2, 3 or 4: the document's title is the only level 1
    blocks: tuple[Block, ...]
    anchor: str = ""


@dataclass(frozen=True)
class UitvoeringsprogrammaDocument:
    programme: str
    programme_slug: str
    year: int
    introduction: tuple[Paragraph, ...]
    sections: tuple[Section, ...]
    created: datetime.datetime
    category: ClassVar[str] = DIWOO_JAARPLAN
    language: ClassVar[str] = "nl"

    @property
    def title(self) -> str:
        return f"Uitvoeringsprogramma {self.year} – {self.programme}"

    @property
    def description(self) -> str:
        return f"Financiën, projecten, resultaten en lessen van {self.programme} in {self.year}"

    @property
    def keywords(self) -> list[str]:
        return ["uitvoeringsprogramma", str(self.year), self.programme, self.category]

    @property
    def filename_stem(self) -> str:
        return f"uitvoeringsprogramma-{self.programme_slug}-{self.year}"


# ------------------------------------------------------------------------------ wording


def number(value: Decimal) -> str:
    """``12``, ``12,5``, ``1.250``: an indicator value the Dutch way."""
    return format_number(value, "#,##0.##")


def _value(value: Decimal | None, text: str = "") -> str:
    if text:
        return text
    return "–" if value is None else number(value)


def _unit(indicator: Indicator) -> str:
    if indicator.measure == Measure.PERCENTAGE:
        return "%"
    if indicator.measure == Measure.QUALITATIVE:
        return "beschrijving"
    return indicator.unit or "aantal"


def _share(value: Decimal | None) -> str:
    return "–" if value is None else format_share(value)


def _euro(value: Decimal | None) -> str:
    return "–" if value is None else format_euro(value)


def _money_row(name: str, *amounts: Decimal | None) -> tuple[str, ...]:
    return (name, *(_euro(amount) for amount in amounts))


# ------------------------------------------------------------------------------ finance


def _finance_section(summary: FinanceSummary, year: int) -> Section:
    f = summary.figures
    in_year = next((row.figures for row in summary.per_year if row.key == str(year)), Figures())
    rijk = summary.rijk
    blocks: list[Block] = [
        Paragraph(
            f"De financiële cijfers zijn de stand op {long_date(datetime.date(year, 12, 31))}, "
            "opgeteld uit de gepubliceerde besluiten, de verleende beschikkingen en de "
            "betalingen tot en met die dag."
        ),
        Table(
            "Het programma in cijfers",
            ("", "Bedrag"),
            (
                ("Budget (bijdragen van de financiers)", _euro(summary.total)),
                ("Toegezegd in besluiten van de stuurgroep", _euro(f.committed)),
                ("Verleend in beschikkingen", _euro(f.granted)),
                ("Betaald", _euro(f.paid)),
                ("Vrijgevallen", _euro(f.released)),
            ),
            footer=("Beschikbaar", _euro(summary.available)),
        ),
        Paragraph(
            f"In {year} is {_euro(in_year.committed)} toegezegd, {_euro(in_year.granted)} "
            f"verleend en {_euro(in_year.paid)} betaald."
        ),
    ]
    if rijk.rijk:
        warning = " Dat is meer dan de helft, terwijl het Rijk in een Regio Deal ten hoogste de "
        blocks.append(
            Paragraph(
                f"Het Rijk draagt {_euro(rijk.rijk)} bij van {_euro(rijk.total)}: "
                f"{format_share(rijk.share)} van het programma."
                + (warning + "helft betaalt." if rijk.exceeded else ""),
                strong=rijk.exceeded,
            )
        )
    pillars = [row for row in summary.per_pillar if row.key]
    pillar_table = Table(
        "Budget en geld per pijler",
        ("Pijler", "Budget", "Toegezegd", "Verleend", "Betaald", "Beschikbaar"),
        tuple(
            _money_row(
                row.name,
                row.budget,
                row.figures.committed,
                row.figures.granted,
                row.figures.paid,
                row.available,
            )
            for row in pillars
        ),
    )
    described = "; ".join(
        f"{row.name} {_euro(row.figures.committed)}"
        + ("" if row.budget is None else f" van {_euro(row.budget)}")
        for row in pillars
    )
    blocks += [
        Chart(
            number=1,
            title="Toegezegd per pijler",
            description=f"Per pijler het toegezegde bedrag, naast het budget: {described}.",
            # Without the budget as a reference bar: the chart leaves too little room after a
            # full-width bar for "€ 905.000 / € 16 miljoen". The table beside it has both.
            bars=tuple(Bar(row.name, row.figures.committed) for row in pillars),
            table=pillar_table,
        ),
        Table(
            "Bijdrage en geld per financier",
            ("Financier", "Bijdrage", "Toegezegd", "Betaald", "Beschikbaar"),
            tuple(
                _money_row(
                    row.name, row.budget, row.figures.committed, row.figures.paid, row.available
                )
                for row in summary.per_funder
            ),
        ),
        Paragraph(
            "Het geld is aan de financiers toegerekend naar verhouding van hun bijdragen, "
            "tenzij voor een besluit een andere verdeling is afgesproken."
        ),
    ]
    return Section("Financiën van het programma", 2, tuple(blocks), "financien")


# ----------------------------------------------------------------------------- projects


def _results_tables(monitoring: ProjectMonitoring, year: int) -> list[Table]:
    """A table per result with its indicators' baseline, and target and actual in ``year``."""
    by_result: dict[int, list[IndicatorRow]] = {}
    for row in monitoring.indicators:
        by_result.setdefault(row.indicator.result_id, []).append(row)
    header = ("Indicator", "Eenheid", "Nulmeting", "Streefwaarde", "Gerealiseerd", "Behaald")
    tables = []
    for rows in by_result.values():
        result = rows[0].indicator.result
        lines = [
            (
                row.indicator.title,
                _unit(row.indicator),
                _value(row.indicator.baseline_value, row.indicator.baseline_text),
                _value(row.period.target, row.period.target_text) if row.period else "–",
                _value(row.period.actual, row.period.actual_text) if row.period else "–",
                _share(row.achievement),
            )
            for row in rows
        ]
        caption = f"{result.kind.capitalize()}: {result.title} ({year})"
        tables.append(Table(caption, header, tuple(lines)))
    return tables


def _project_section(monitoring: ProjectMonitoring, money: Figures, year: int) -> Section:
    project, progress = monitoring.project, monitoring.progress
    rows = (
        (f"Status eind {year}", STATUS[monitoring.status or NO_REPORT]),
        (f"Voortgang eind {year}", "–" if progress is None else f"{number(progress)}%"),
        _money_row("Toegezegd", money.committed),
        _money_row("Verleend", money.granted),
        _money_row("Betaald", money.paid),
    )
    blocks: list[Block] = [Paragraph(project.summary)] if project.summary else []
    blocks.append(Table(f"Stand van \u201c{project.title}\u201d", ("", ""), rows))
    blocks += _results_tables(monitoring, year)
    return Section(project.title, 4, tuple(blocks), f"project-{project.slug}")


def _project_sections(
    programme: Programme,
    monitored: list[ProjectMonitoring],
    money: dict[int, Figures],
    year: int,
) -> list[Section]:
    counts = Counter(m.status or NO_REPORT for m in monitored)
    overview = Table(
        f"Projecten naar status eind {year}",
        ("Status", "Projecten"),
        tuple((label, str(counts[key])) for key, label in STATUS.items() if counts[key]),
        footer=("Totaal", str(len(monitored))),
    )
    intro = Paragraph(
        f"Eind {year} had de stuurgroep over {len(monitored)} projecten een gepubliceerd besluit "
        "genomen. Per pijler volgen ze hieronder, elk met de status en voortgang uit de laatste "
        "geaccepteerde voortgangsrapportage van dat jaar."
    )
    sections = [Section("Projecten per pijler", 2, (intro, overview), "projecten")]
    groups = [(pillar.name, pillar.pk) for pillar in programme.pillars.all()]
    groups.append(("Projecten zonder pijler", None))
    for name, pillar_id in groups:
        members = [m for m in monitored if m.project.pillar_id == pillar_id]
        if not members:
            continue
        committed = sum((money[m.project.pk].committed for m in members), Decimal(0))
        projects = f"{len(members)} project{'en' if len(members) != 1 else ''}"
        text = Paragraph(f"{projects}, samen {_euro(committed)} toegezegd.")
        sections.append(Section(name, 3, (text,), f"pijler-{pillar_id or 'geen'}"))
        sections += [_project_section(m, money[m.project.pk], year) for m in members]
    return sections


# ----------------------------------------------------------------------------- learning


def _learning_sections(monitored: list[ProjectMonitoring], year: int) -> list[Section]:
    elements = [
        row for row in element_rows(InterventionElement.objects.all(), monitored) if row.count
    ]
    element_table = Table(
        f"Werkzame elementen en hoe de projecten ervoor staan, eind {year}",
        ("Element", "Projecten", *STATUS.values(), "Gemiddeld behaald"),
        tuple(
            (
                row.element.name,
                str(row.count),
                *(str(row.statuses[key]) for key in STATUS),
                _share(row.achievement),
            )
            for row in elements
        ),
    )
    lessons = sorted((end, m.project.title, text) for m in monitored for end, text in m.lessons)
    lesson_blocks: list[Block] = []
    for end, title, text in (lesson for lesson in lessons if lesson[0].year == year):
        lesson_blocks += [Paragraph(f"{title} (tot {long_date(end)})", True), Paragraph(text)]
    if not lesson_blocks:
        lesson_blocks.append(Paragraph(f"Over {year} zijn geen lessen gerapporteerd."))
    return [
        Section(
            "Leren",
            2,
            (
                Paragraph(
                    "Projecten zijn getypeerd met de elementen van hun aanpak. Welke elementen "
                    "vaak terugkomen en hoe de projecten met die elementen ervoor staan, laat "
                    "zien wat in de regio werkt. Behaald is het gemiddelde over de indicatoren "
                    "van die projecten: hoe ver ze van de nulmeting naar de streefwaarde zijn "
                    "gekomen, per indicator ten hoogste 100%."
                ),
            ),
            "leren",
        ),
        Section("Werkzame elementen", 3, (element_table,), "elementen"),
        Section(f"Geleerde lessen in {year}", 3, tuple(lesson_blocks), "lessen"),
    ]


# ------------------------------------------------------------------------------- build


def check_year(programme: Programme, year: int) -> None:
    years = programme_years(programme)
    if year not in years:
        raise DomainError(
            f"{programme.name} loopt van {years[0]} tot en met {years[-1]}; er is geen "
            f"uitvoeringsprogramma voor {year}."
        )


def build_document(
    programme: Programme, year: int, *, now: datetime.datetime | None = None
) -> UitvoeringsprogrammaDocument:
    """The uitvoeringsprogramma; a year outside the programme's period raises ``DomainError``."""
    check_year(programme, year)
    now = timezone.localtime(now or timezone.now()).replace(microsecond=0)
    year_end = datetime.date(year, 12, 31)
    projects = decided_projects(programme, until=year_end).prefetch_related("intervention_elements")
    monitored = monitoring_at(projects, until=year_end, year=year)
    money = project_money([m.project.pk for m in monitored], until=year_end)
    summary = finance_summary(programme, until=year_end)
    introduction = (
        Paragraph(
            f"Dit uitvoeringsprogramma beschrijft hoe {programme.name} er in {year} voor stond: "
            "de financiën van het programma, per pijler ieder project met zijn status, voortgang, "
            "geld en resultaten, en wat het programma heeft geleerd."
        ),
        Paragraph(
            f"Alles is de stand eind {year}: de bedragen zoals toen geboekt, en status, "
            "voortgang en resultaten volgens de voortgangsrapportages die het programmabureau "
            "had geaccepteerd."
        ),
    )
    sections = [
        _finance_section(summary, year),
        *_project_sections(programme, monitored, money, year),
        *_learning_sections(monitored, year),
    ]
    return UitvoeringsprogrammaDocument(
        programme=programme.name,
        programme_slug=programme.slug,
        year=year,
        introduction=introduction,
        sections=tuple(sections),
        created=now,
    )
