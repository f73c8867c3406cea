"""Public monitoring pages: the portfolio, learning, lessons and the uitvoeringsprogramma.

Everything here is public: only projects with a published decision and accepted reports are
read (``portfolio(public=True)``, ``learning``), so no page needs a login.
"""

from collections.abc import Callable
from decimal import Decimal

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from regiodeal.core.charts import Bar, bar_chart
from regiodeal.core.errors import DomainError
from regiodeal.core.money import format_euro_compact, format_share
from regiodeal.core.pagination import BoundedPaginator
from regiodeal.core.permissions import may_view_monitoring
from regiodeal.decisions.selectors import default_public_programme
from regiodeal.programmes.models import Programme

from . import learning
from .constants import ImplementationStatus
from .selectors import PortfolioRow, portfolio, programme_years
from .uitvoeringsprogramma import FORMATS, build_document

PROGRAMME_PARAMETER = "programma"
PAGE_SIZE = 20


def _chosen_programme(request: HttpRequest) -> Programme | None:
    """The programme named by ``?programma=``, else the first one, as the finance page does."""
    slug = request.GET.get(PROGRAMME_PARAMETER)
    if not slug:
        return default_public_programme()
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404(_("No programme with this name."))
    return programme


def _statuses() -> list[tuple[str, str]]:
    """The status columns of the tables, in order, with the one for projects not reported on."""
    return [(s.value, s.label) for s in ImplementationStatus] + [
        (learning.NO_REPORT, _("no report yet"))
    ]


def _chart(
    rows, value: Callable, *, title: str, description: str, fmt: Callable[[Decimal], str]
) -> SafeString:
    bars = [Bar(row.name, value(row)) for row in rows]
    figures = "; ".join(f"{bar.label}: {fmt(bar.value)}" for bar in bars)
    svg = bar_chart(bars, title=title, description=f"{description} {figures}.", format_value=fmt)
    # The chart's labels run to 32 characters; at this size they fit their column. The added
    # attribute is fixed text, so the chart's escaping still holds.
    return mark_safe(svg.replace("<svg ", '<svg font-size="12" ', 1))  # nosec B308 B703


def _group(key: str, rows: list[PortfolioRow], **texts: str) -> dict:
    """One grouping of the portfolio: its chart and the table beside it, with the same figures.

    ``texts``: heading, column (the first column's header), title (the chart's), caption (the
    table's) and an optional note.
    """
    statuses = [status for status, _label in _statuses()]
    return {
        "key": key,
        "lines": [(row, [row.statuses.get(status, 0) for status in statuses]) for row in rows],
        "chart": _chart(
            rows,
            lambda row: row.committed,
            title=texts["title"],
            description=_("Bar chart of the money committed in published decisions."),
            fmt=format_euro_compact,
        ),
        **texts,
    }


def portfolio_page(request: HttpRequest) -> HttpResponse:
    programme = _chosen_programme(request)
    if programme is None:
        return render(request, "monitoring/portfolio.html", {"programme": None})
    # The office and the steering group also see projects without a published decision yet;
    # the public sees only what has been published.
    in_office = may_view_monitoring(request.user).allowed
    found = portfolio(programme, public=not in_office)
    with_figures = [row for row in found.per_broad_prosperity if row.achievement is not None]
    groups = [
        _group(
            "pijlers",
            found.per_pillar,
            heading=_("Pillars"),
            column=_("Pillar"),
            title=_("Committed per pillar"),
            caption=_("Money, projects, status and indicators per pillar"),
        ),
        _group(
            "themas",
            found.per_theme,
            heading=_("Programme themes"),
            column=_("Theme"),
            title=_("Committed per theme"),
            caption=_("Money, projects, status and indicators per theme"),
            note=_("A project counts in full in every theme it has."),
        ),
        _group(
            "brede-welvaart",
            found.per_broad_prosperity,
            heading=_("Broad prosperity"),
            column=_("Broad-prosperity theme"),
            title=_("Committed per broad-prosperity theme"),
            caption=_("Money, projects, status and indicators per broad-prosperity theme"),
            note=_(
                "A project counts in every broad-prosperity theme one of its indicators is "
                "linked to, so the themes together add up to more than the programme."
            ),
        ),
        _group(
            "gemeenten",
            found.per_municipality,
            heading=_("Municipalities"),
            column=_("Municipality"),
            title=_("Committed per municipality"),
            caption=_("Money, projects, status and indicators per municipality"),
            note=_(
                "A project's money is divided equally over the municipalities where it takes place."
            ),
        ),
    ]
    return render(
        request,
        "monitoring/portfolio.html",
        {
            "programme": programme,
            "other_programmes": Programme.objects.exclude(pk=programme.pk).only("name", "slug"),
            "programme_parameter": PROGRAMME_PARAMETER,
            "portfolio": found,
            "in_office": in_office,
            "groups": groups,
            "statuses": _statuses(),
            "achievement_chart": _chart(
                with_figures,
                lambda row: row.achievement * 100,
                title=_("Indicators against their targets per broad-prosperity theme"),
                description=_(
                    "Bar chart of how far the indicators have come from baseline to target, "
                    "on average, capped at 100% per indicator."
                ),
                fmt=lambda value: format_share(value / 100),
            ),
            "achievement_rows": with_figures,
            "years": programme_years(programme),
        },
    )


def learning_page(request: HttpRequest) -> HttpResponse:
    rows = learning.intervention_elements()
    statuses = _statuses()
    return render(
        request,
        "monitoring/learning.html",
        {
            "lines": [(row, [row.statuses.get(k, 0) for k, _label in statuses]) for row in rows],
            "statuses": statuses,
            "chart": _chart(
                [row for row in rows if row.count],
                lambda row: Decimal(row.count),
                title=_("Projects per intervention element"),
                description=_("Bar chart of how many public projects have each element."),
                fmt=lambda value: str(int(value)),
            ),
        },
    )


def lessons_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    more_than = None  # the list holds more lessons than it counts
    if learning.terms(query):
        found = learning.lessons(query)
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("pagina"))
        count = len(found)
    else:
        # Without words: paged in the database, a national instance has tens of thousands.
        page = BoundedPaginator(learning.lesson_reports(), PAGE_SIZE).get_page(
            request.GET.get("pagina")
        )
        page.object_list = [learning.as_lesson(report) for report in page.object_list]
        count = page.paginator.count
        if not page.paginator.count_is_exact:
            more_than = page.paginator.max_rows
    return render(
        request,
        "monitoring/lessons.html",
        {
            "query": query,
            "page": page,
            "count": count,
            "more_than": more_than,
            "stemming": learning.STEMMING,
        },
    )


def _document(programme_slug: str, year: int):
    programme = get_object_or_404(Programme, slug=programme_slug)
    try:
        return programme, build_document(programme, year)
    except DomainError as error:
        raise Http404(" ".join(error.messages)) from error


def uitvoeringsprogramma_page(request: HttpRequest, programme: str, year: int) -> HttpResponse:
    found, document = _document(programme, year)
    return render(
        request,
        "monitoring/uitvoeringsprogramma.html",
        {
            "programme": found,
            "document": document,
            "formats": FORMATS,
            "years": programme_years(found),
        },
    )


def uitvoeringsprogramma_download(
    request: HttpRequest, programme: str, year: int, fmt: str
) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(_("This format is not available."))
    # Imported here: the office libraries are only needed by a download.
    from .uitvoeringsprogramma_renderers import render

    _found, document = _document(programme, year)
    rendered = render(document, fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
