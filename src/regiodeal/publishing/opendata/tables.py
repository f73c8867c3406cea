"""The open data sets as tables, and those tables as CSV, XLSX, ODS and JSON.

``build_dataset`` is the one place where the data becomes rows; every format is drawn from its
result, so the files cannot disagree. The spreadsheet writers are those of the finance exports.
Field names are fixed and Dutch, whatever the language of the site, for re-use.
"""

import csv
import datetime
import io
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max

from regiodeal.core.csv_cells import csv_cell
from regiodeal.decisions.models import Decision
from regiodeal.finance.exports import (
    CONTENT_TYPES,
    CSV_FIELDS,
    FILES,
    MONEY,
    TEXT,
    Column,
    Table,
    build_tables,
    render_ods,
    render_xlsx,
)
from regiodeal.finance.selectors import public_finance_summary
from regiodeal.programmes.models import Programme
from regiodeal.projects.models import Project

from .licences import open_data_licence
from .threesixty import current_of_chains, published_grant_decisions

FORMATS = ("csv", "xlsx", "ods", "json")
DATASETS = ("projecten", "besluiten", "financien")
FILE_CONTENT_TYPES = {**CONTENT_TYPES, "json": "application/json"}

Value = Decimal | str | None


def _text(key: str) -> Column:
    return Column(key, key, TEXT, FILES)


def _money(key: str) -> Column:
    return Column(key, key, MONEY, FILES)


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _chain_amounts() -> dict[int, Decimal]:
    """Per project, what its published decisions commit: each chain at its latest amount."""
    latest = current_of_chains(published_grant_decisions())
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for current in latest.values():
        totals[current.project_id] += current.amount
    return totals


def projects_table(base_url: str = "") -> Table:
    columns = [
        _text("id"),
        _text("slug"),
        _text("titel"),
        _text("samenvatting"),
        _text("programma"),
        _text("pijler"),
        _text("status"),
        _text("penvoerder"),
        _text("penvoerder_kvk"),
        _text("gemeenten_cbs"),
        _text("gemeenten"),
        _text("start_gepland"),
        _text("einde_gepland"),
        _money("besloten_bedrag"),
        _text("url"),
    ]
    amounts = _chain_amounts()
    projects = (
        Project.objects.public()
        .select_related("programme", "pillar", "lead_organisation")
        .prefetch_related("places")
        .order_by("programme__name", "title", "pk")
    )
    rows = []
    for project in projects:
        places = sorted(project.places.all(), key=lambda place: place.code)
        lead = project.lead_organisation
        rows.append(
            {
                "id": str(project.pk),
                "slug": project.slug,
                "titel": project.title,
                "samenvatting": project.summary,
                "programma": project.programme.slug,
                "pijler": project.pillar.slug if project.pillar_id else None,
                "status": project.status,
                "penvoerder": lead.name if lead else None,
                "penvoerder_kvk": (lead.kvk_number or None) if lead else None,
                "gemeenten_cbs": ";".join(place.code for place in places),
                "gemeenten": ";".join(place.name for place in places),
                "start_gepland": _date(project.planned_start),
                "einde_gepland": _date(project.planned_end),
                "besloten_bedrag": amounts.get(project.pk, Decimal("0.00")),
                "url": base_url + project.get_absolute_url(),
            }
        )
    return Table("projecten", "Projecten", columns, rows)


def decisions_table(base_url: str = "") -> Table:
    columns = [
        _text("id"),
        _text("programma"),
        _text("besluitenlijst"),
        _text("datum"),
        _text("volgnummer"),
        _text("soort"),
        _text("titel"),
        _text("project"),
        _text("pijler"),
        _money("bedrag"),
        _text("corrigeert"),
        _text("gepubliceerd_op"),
        _text("url"),
    ]
    decisions = (
        Decision.objects.published()
        .select_related("meeting__programme", "project", "pillar")
        .order_by("meeting__date", "position", "pk")
    )
    rows = [
        {
            "id": str(decision.pk),
            "programma": decision.meeting.programme.slug,
            "besluitenlijst": decision.meeting.slug,
            "datum": _date(decision.meeting.date),
            "volgnummer": str(decision.position),
            "soort": decision.kind,
            "titel": decision.heading,
            "project": decision.project.slug,
            "pijler": decision.pillar.slug if decision.pillar_id else None,
            "bedrag": decision.amount,
            "corrigeert": str(decision.corrects_id) if decision.corrects_id else None,
            "gepubliceerd_op": decision.published_at.isoformat() if decision.published_at else None,
            "url": base_url + decision.get_absolute_url(),
        }
        for decision in decisions
    ]
    return Table("besluiten", "Besluiten", columns, rows)


def money_table(base_url: str = "") -> Table:
    """Per programme the rows of the finance overview: programme, pillars, funders,
    municipalities and years, with the same figures as the finance pages."""
    columns = [
        _text("programma"),
        _text("indeling"),
        *(_money(key) if key not in ("code", "naam") else _text(key) for key in CSV_FIELDS[1:]),
    ]
    rows = []
    for programme in Programme.objects.order_by("name", "pk"):
        for table in build_tables(public_finance_summary(programme)):
            if not table.key:
                continue  # the cash-flow forecast is a plan, not a figure of the ledger
            for row in table.rows:
                values = {key: row.get(key) for key in CSV_FIELDS[1:]}
                rows.append({"programma": programme.slug, "indeling": table.key, **values})
    return Table("financien", "Financiën", columns, rows)


BUILDERS: dict[str, Callable[[str], Table]] = {
    "projecten": projects_table,
    "besluiten": decisions_table,
    "financien": money_table,
}


def render_csv(table: Table) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow([column.key for column in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(row.get(column.key)) for column in table.columns])
    return output.getvalue().encode("utf-8")


def render_json(table: Table) -> bytes:
    """Amounts as decimal strings ("480000.00"): a JSON number would invite floating point."""
    licence = open_data_licence()
    data = {
        "dataset": table.key,
        "licentie": licence.url,
        "velden": [column.key for column in table.columns],
        "records": [
            {
                column.key: csv_cell(row.get(column.key))
                if isinstance(row.get(column.key), Decimal)
                else row.get(column.key)
                for column in table.columns
            }
            for row in table.rows
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


@dataclass(frozen=True)
class DataFile:
    content: bytes
    content_type: str
    filename: str


def render_dataset(dataset: str, fmt: str, *, base_url: str = "") -> DataFile:
    """``dataset`` (one of ``DATASETS``) as a file in ``fmt`` (one of ``FORMATS``)."""
    if dataset not in BUILDERS or fmt not in FORMATS:
        raise ValueError(f"Onbekende dataset of onbekend formaat: {dataset}.{fmt}")
    table = BUILDERS[dataset](base_url)
    if fmt == "csv":
        content = render_csv(table)
    elif fmt == "json":
        content = render_json(table)
    else:
        writer = render_xlsx if fmt == "xlsx" else render_ods
        content = writer([table], title=table.title)
    return DataFile(content, FILE_CONTENT_TYPES[fmt], f"{dataset}.{fmt}")


def last_update() -> datetime.datetime | None:
    """When the public data last changed: the latest publication or project change."""
    published = Decision.objects.published().aggregate(last=Max("published_at"))["last"]
    changed = Project.objects.public().aggregate(last=Max("updated_at"))["last"]
    moments = [moment for moment in (published, changed) if moment]
    return max(moments) if moments else None
