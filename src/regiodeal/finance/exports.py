"""The finance overview as tables, and those tables as CSV, XLSX and ODS.

``build_tables`` is the one place where the overview's figures become rows: the public page and
all three files are drawn from its result, so they cannot disagree with each other.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _
from odf import dc
from odf import number as odf_number
from odf import style as odf_style
from odf import table as odf_table
from odf import text as odf_text
from odf.opendocument import OpenDocumentSpreadsheet

from regiodeal.core.csv_cells import csv_cell
from regiodeal.core.money import format_euro, format_share, to_money

from .selectors import Figures, FinanceSummary, Row

EXPORT_FORMATS = ("csv", "xlsx", "ods")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}

TEXT, MONEY, SHARE = "text", "money", "share"
PAGE, SHEET, CSV = "page", "sheet", "csv"
EVERYWHERE = frozenset({PAGE, SHEET, CSV})
FILES = frozenset({SHEET, CSV})

# Field name and the attribute of ``Figures`` it shows.
FIGURE_FIELDS = (
    ("toegezegd", "committed"),
    ("verleend", "granted"),
    ("betaald", "paid"),
    ("vastgesteld", "settled"),
    ("vrijgevallen", "released"),
    ("teruggevorderd", "recovered"),
)
FIGURE_KEYS = tuple(key for key, _attribute in FIGURE_FIELDS)
# The CSV is one long table for re-use as open data: fixed Dutch field names, whatever the
# language of the site.
CSV_FIELDS = ("indeling", "code", "naam", "budget", *FIGURE_KEYS, "beschikbaar")

Value = Decimal | str | None


@dataclass(frozen=True)
class Column:
    key: str  # the CSV field name
    label: str
    kind: str = MONEY
    shown: frozenset[str] = EVERYWHERE
    header: bool = False  # the row's name: a row header on the page

    @property
    def numeric(self) -> bool:
        return self.kind in (MONEY, SHARE)


@dataclass(frozen=True)
class Cell:
    column: Column
    value: Value


@dataclass
class Table:
    key: str  # the CSV's "indeling"; empty for a table the CSV leaves out
    title: str  # caption on the page and name of the sheet
    columns: list[Column]
    rows: list[dict[str, Value]] = field(default_factory=list)

    def columns_for(self, place: str) -> list[Column]:
        return [column for column in self.columns if place in column.shown]

    def cells_for(self, place: str) -> list[list[Cell]]:
        columns = self.columns_for(place)
        return [[Cell(column, row.get(column.key)) for column in columns] for row in self.rows]

    @property
    def page_columns(self) -> list[Column]:
        return self.columns_for(PAGE)

    @property
    def page_rows(self) -> list[list[Cell]]:
        return self.cells_for(PAGE)


def _figure_columns(*, on_page: tuple[str, ...]) -> list[Column]:
    labels = (_("Committed"), _("Granted"), _("Paid"), _("Settled"), _("Released"), _("Recovered"))
    return [
        Column(key, label, shown=EVERYWHERE if key in on_page else FILES)
        for key, label in zip(FIGURE_KEYS, labels, strict=True)
    ]


def _money(value: Decimal | None) -> Decimal | None:
    return None if value is None else to_money(value)


def _figure_values(figures: Figures) -> dict[str, Value]:
    return {key: to_money(getattr(figures, attribute)) for key, attribute in FIGURE_FIELDS}


def _row_values(row: Row, name: str | None = None) -> dict[str, Value]:
    return {
        "code": row.key,
        "naam": name if name is not None else row.name,
        "budget": _money(row.budget),
        **_figure_values(row.figures),
        "beschikbaar": _money(row.available),
    }


def _code(label: str | None = None, shown: frozenset[str] = FILES) -> Column:
    return Column("code", label or _("Code"), TEXT, shown)


def _name(label: str) -> Column:
    return Column("naam", label, TEXT, header=True)


def _programme_table(summary: FinanceSummary) -> Table:
    programme = summary.programme
    columns = [
        _code(),
        _name(_("Programme")),
        Column("budget", _("Programme total")),
        *_figure_columns(on_page=FIGURE_KEYS),
        Column("beschikbaar", _("Available")),
    ]
    # The programme's total is its budget, so "available" comes out as summary.available.
    row = Row(programme.slug, programme.name, summary.figures, budget=summary.total)
    return Table("programma", _("Programme"), columns, [_row_values(row)])


def _pillar_table(summary: FinanceSummary) -> Table:
    columns = [
        _code(),
        _name(_("Pillar")),
        Column("budget", _("Budget")),
        *_figure_columns(
            on_page=("toegezegd", "verleend", "betaald", "vastgesteld", "vrijgevallen")
        ),
        Column("beschikbaar", _("Available")),
    ]
    rows = [_row_values(row, row.name or _("No pillar")) for row in summary.per_pillar]
    return Table("pijler", _("Per pillar"), columns, rows)


def _funder_table(summary: FinanceSummary) -> Table:
    columns = [
        _code(),
        _name(_("Funder")),
        Column("budget", _("Contribution")),
        Column("aandeel", _("Share"), SHARE, frozenset({PAGE, SHEET})),
        *_figure_columns(on_page=("toegezegd", "verleend", "betaald", "vrijgevallen")),
        Column("beschikbaar", _("Not yet committed"), shown=FILES),
    ]
    rows = []
    for row in summary.per_funder:
        values = _row_values(row)
        if row.budget is not None and summary.total:
            values["aandeel"] = (row.budget / summary.total).quantize(Decimal("0.000001"))
        rows.append(values)
    return Table("financier", _("Per funder"), columns, rows)


def _municipality_table(summary: FinanceSummary) -> Table:
    columns = [
        _name(_("Municipality")),
        _code(_("CBS code"), EVERYWHERE),
        *_figure_columns(
            on_page=("toegezegd", "verleend", "betaald", "vastgesteld", "vrijgevallen")
        ),
    ]
    rows = [_row_values(row) for row in summary.per_municipality]
    if summary.unplaced != Figures():
        rows.append(
            _row_values(Row(key="", name=_("Not linked to a place"), figures=summary.unplaced))
        )
    return Table("gemeente", _("Per municipality"), columns, rows)


def _year_table(summary: FinanceSummary) -> Table:
    columns = [
        _code(_("Year"), frozenset({CSV})),
        _name(_("Year")),
        *_figure_columns(on_page=FIGURE_KEYS),
    ]
    return Table("jaar", _("Per year"), columns, [_row_values(row) for row in summary.per_year])


def _cash_flow_table(summary: FinanceSummary) -> Table:
    columns = [
        Column("periode", _("Quarter"), TEXT, frozenset({PAGE, SHEET}), header=True),
        Column("voorschotten", _("Advances still to pay"), shown=frozenset({PAGE, SHEET})),
        Column("bijdragen", _("Funder payments still to receive"), shown=frozenset({PAGE, SHEET})),
    ]
    rows = [
        {
            "periode": line.period,
            "voorschotten": to_money(line.advances_due),
            "bijdragen": to_money(line.funder_payments_due),
        }
        for line in summary.cash_flow
    ]
    return Table("", _("Cash-flow forecast"), columns, rows)


def build_tables(summary: FinanceSummary) -> list[Table]:
    """The programme's totals, its breakdowns and the cash-flow forecast, in page order."""
    return [
        _programme_table(summary),
        _pillar_table(summary),
        _funder_table(summary),
        _municipality_table(summary),
        _year_table(summary),
        _cash_flow_table(summary),
    ]


@dataclass(frozen=True)
class ExportFile:
    content: bytes
    content_type: str
    filename: str


def render_csv(tables: list[Table], *, title: str = "") -> bytes:
    """One long table, one row per programme, pillar, funder, municipality and year."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(CSV_FIELDS)
    for table in tables:
        if not table.key:
            continue
        keys = {column.key for column in table.columns_for(CSV)}
        for row in table.rows:
            values = [row.get(name) if name in keys else None for name in CSV_FIELDS[1:]]
            writer.writerow([table.key, *map(csv_cell, values)])
    return output.getvalue().encode("utf-8")


# Excel stores format codes in en-US notation and shows them in the reader's locale;
# 413 is the locale id of Dutch (Netherlands), so the symbol stands before the amount.
XLSX_EURO = "[$€-413] #,##0.00;[$€-413] -#,##0.00"
XLSX_SHARE = "0.0%"
FORBIDDEN_IN_SHEET_NAMES = str.maketrans({char: " " for char in "[]:*?/\\"})


def _sheet_names(tables: list[Table]) -> list[str]:
    names: list[str] = []
    for table in tables:
        base = table.title.translate(FORBIDDEN_IN_SHEET_NAMES).strip()[:31] or "Blad"
        name, number = base, 2
        while name in names:
            suffix = f" {number}"
            name, number = base[: 31 - len(suffix)] + suffix, number + 1
        names.append(name)
    return names


def render_xlsx(tables: list[Table], *, title: str = "") -> bytes:
    """A sheet per table: a bold, frozen header row and amounts as numbers in euros."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    workbook.properties.title = title
    workbook.properties.creator = "regiodeal"
    workbook.properties.language = "nl-NL"
    for table, name in zip(tables, _sheet_names(tables), strict=True):
        sheet = workbook.create_sheet(name)
        columns = table.columns_for(SHEET)
        for number, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=number, value=column.label)
            cell.font = Font(bold=True)
            width = max(len(column.label) + 2, 16 if column.numeric else 12)
            sheet.column_dimensions[get_column_letter(number)].width = width
        for row_number, row in enumerate(table.cells_for(SHEET), start=2):
            for number, item in enumerate(row, start=1):
                cell = sheet.cell(row=row_number, column=number, value=item.value)
                if item.column.kind == MONEY:
                    cell.number_format = XLSX_EURO
                elif item.column.kind == SHARE:
                    cell.number_format = XLSX_SHARE
                elif item.value is not None:
                    # A name that starts with "=" stays text: never a formula in a public file.
                    cell.data_type = "s"
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _odf(element, *children):
    for child in children:
        element.addElement(child)
    return element


def _ods_cell(item: Cell, styles: dict):
    if item.value is None:
        return odf_table.TableCell()
    if item.column.kind == MONEY:
        attributes = {"valuetype": "currency", "currency": "EUR", "value": str(item.value)}
        shown = format_euro(item.value)
    elif item.column.kind == SHARE:
        attributes = {"valuetype": "percentage", "value": str(item.value)}
        shown = format_share(item.value)
    else:
        attributes, shown = {"valuetype": "string"}, str(item.value)
    if item.column.kind in styles:
        attributes["stylename"] = styles[item.column.kind]
    return _odf(odf_table.TableCell(**attributes), odf_text.P(text=shown))


def render_ods(tables: list[Table], *, title: str = "") -> bytes:
    """The same sheets as the XLSX; amounts are currency cells in EUR."""
    document = OpenDocumentSpreadsheet()
    document.meta.addElement(dc.Title(text=title))
    document.meta.addElement(dc.Language(text="nl-NL"))
    euro = _odf(
        odf_number.CurrencyStyle(name="Euro", language="nl", country="NL"),
        odf_number.CurrencySymbol(language="nl", country="NL", text="€"),
        odf_number.Text(text="\u00a0"),
        odf_number.Number(decimalplaces="2", minintegerdigits="1", grouping="true"),
    )
    percent = _odf(
        odf_number.PercentageStyle(name="Aandeel"),
        odf_number.Number(decimalplaces="1", minintegerdigits="1"),
        odf_number.Text(text="%"),
    )
    styles = {
        MONEY: odf_style.Style(name="Bedrag", family="table-cell", datastylename="Euro"),
        SHARE: odf_style.Style(name="Percentage", family="table-cell", datastylename="Aandeel"),
        "header": _odf(
            odf_style.Style(name="Kop", family="table-cell"),
            odf_style.TextProperties(fontweight="bold"),
        ),
        "column": _odf(
            odf_style.Style(name="Kolom", family="table-column"),
            odf_style.TableColumnProperties(columnwidth="4.5cm"),
        ),
    }
    for element in (euro, percent, *styles.values()):
        document.automaticstyles.addElement(element)

    names = _sheet_names(tables)
    for table, name in zip(tables, names, strict=True):
        columns = table.columns_for(SHEET)
        header = _odf(
            odf_table.TableRow(),
            *(
                _odf(
                    odf_table.TableCell(valuetype="string", stylename=styles["header"]),
                    odf_text.P(text=column.label),
                )
                for column in columns
            ),
        )
        sheet = _odf(
            odf_table.Table(name=name),
            odf_table.TableColumn(stylename=styles["column"], numbercolumnsrepeated=len(columns)),
            _odf(odf_table.TableHeaderRows(), header),
            *(
                _odf(odf_table.TableRow(), *(_ods_cell(item, styles) for item in row))
                for row in table.cells_for(SHEET)
            ),
        )
        document.spreadsheet.addElement(sheet)
    output = io.BytesIO()
    document.write(output)
    return output.getvalue()


_RENDERERS = {"csv": render_csv, "xlsx": render_xlsx, "ods": render_ods}


def render_export(summary: FinanceSummary, fmt: str) -> ExportFile:
    """The overview of ``summary`` as a file in ``fmt``, one of ``EXPORT_FORMATS``."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"Onbekend formaat “{fmt}”; kies uit {', '.join(EXPORT_FORMATS)}.")
    title = _("Finances of %(programme)s") % {"programme": summary.programme.name}
    return ExportFile(
        content=_RENDERERS[fmt](build_tables(summary), title=title),
        content_type=CONTENT_TYPES[fmt],
        filename=f"financien-{summary.programme.slug}.{fmt}",
    )
