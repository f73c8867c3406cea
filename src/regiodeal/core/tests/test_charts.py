from decimal import Decimal as D

from regiodeal.core.charts import Bar, bar_chart
from regiodeal.core.money import format_euro


def test_chart_is_an_accessible_svg_with_escaped_text_and_values_written_out():
    svg = bar_chart(
        [Bar("Werken <script>", D("905000"), D("16000000")), Bar("Wonen", D("70000"))],
        title="Toegezegd per pijler",
        description="Werken € 905.000, Wonen € 70.000.",
        format_value=format_euro,
        reference_label="budget",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="chart-' in svg and "<desc id=" in svg and "aria-labelledby" in svg
    assert "&lt;script&gt;" in svg and "<script>" not in svg
    assert "€\xa0905.000 / €\xa016.000.000" in svg and "€\xa070.000" in svg


def test_empty_and_zero_charts_draw_without_dividing_by_zero():
    assert "<svg" in bar_chart([], title="Leeg", description="Geen gegevens.")
    assert 'width="0.0"' in bar_chart([Bar("Nul", D(0))], title="Nul", description="Nul.")
