"""Public pages: only published decisions and the projects they concern are ever shown."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from regiodeal.core.pagination import BoundedPaginator
from regiodeal.decisions.models import DecisionList
from regiodeal.decisions.selectors import (
    besluitenlijst_for,
    published_besluitenlijsten,
)
from regiodeal.finance.project_figures import has_money
from regiodeal.monitoring.learning import similar_projects
from regiodeal.projects.models import Project
from regiodeal.publishing.besluitenlijst import published_document
from regiodeal.publishing.renderers import FORMATS, render_besluitenlijst

from .caching import cached_public_page
from .filters import ProjectSearchForm
from .overview import search
from .project_list import project_list_page
from .project_page import project_page
from .search import MAX_PER_KIND, MAX_RANKED, query_terms, search_projects
from .search_display import shown

PAGE_SIZE = 20


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("pagina", None)
    return query.urlencode()


@cached_public_page
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectSearchForm(request.GET)
    query, filters = form.search_args()
    number = request.GET.get("pagina")
    if query_terms(query):
        # A search ranks only its most recent matches (search.MAX_RANKED): the list says
        # when there were more.
        paginator = BoundedPaginator(
            search_projects(query, filters), PAGE_SIZE, max_rows=MAX_RANKED
        )
        page = paginator.get_page(number)
    else:
        page = project_list_page(filters, number, PAGE_SIZE)
    return render(
        request,
        "portal/project_list.html",
        {"form": form, "page": page, "query": _query_without_page(request), "searched": query},
    )


@cached_public_page
def search_page(request: HttpRequest) -> HttpResponse:
    """Projects, published decisions and lessons learned, each kind in its own section."""
    form = ProjectSearchForm(request.GET)
    query, filters = form.search_args()
    results = search(query, filters)
    return render(
        request,
        "portal/search.html",
        {
            "form": form,
            "results": results,
            "shown": shown(results),
            "searched": query,
            "max_per_kind": MAX_PER_KIND,
        },
    )


@cached_public_page
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        page = project_page(slug)
    except Project.DoesNotExist as missing:
        raise Http404(_("No public project with this name.")) from missing
    request.regiodeal_programme = page.project.programme
    return render(
        request,
        "portal/project_detail.html",
        {
            "project": page.project,
            "themes": page.themes,
            "partners": page.partners,
            "places": page.places,
            "decisions": page.decisions,
            "money": page.money if has_money(page.money) else None,
            "monitoring": page.monitoring,
            "similar": similar_projects(page.project),
            "parent": page.parent,
            "extensions": page.public_extensions,
        },
    )


ARCHIVE_PAGE_SIZE = 100


@cached_public_page
def besluitenlijst_archive(request: HttpRequest) -> HttpResponse:
    """Newest first, a hundred a page: a national instance holds thousands."""
    page = BoundedPaginator(published_besluitenlijsten(), ARCHIVE_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "portal/besluitenlijst_archive.html",
        {"besluitenlijsten": page.object_list, "page": page, "query": ""},
    )


def _published_list(slug: str) -> DecisionList:
    try:
        return besluitenlijst_for(slug)
    except DecisionList.DoesNotExist as missing:
        raise Http404(_("No published besluitenlijst with this name.")) from missing


@cached_public_page
def besluitenlijst_detail(request: HttpRequest, slug: str) -> HttpResponse:
    besluitenlijst = _published_list(slug)
    request.regiodeal_programme = besluitenlijst.meeting.programme
    document = published_document(besluitenlijst)
    return render(
        request,
        "portal/besluitenlijst_detail.html",
        {
            "besluitenlijst": besluitenlijst,
            "document": document,
            # The decisions' fields as dicts (a dataclass's own): the template engine tries a
            # key before an attribute, and a missing key on an object costs it an exception,
            # for every field of fifty decisions or more.
            "items": [vars(item) for item in document.items],
            "formats": FORMATS,
        },
    )


@cached_public_page
def besluitenlijst_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(_("This format is not available."))
    rendered = render_besluitenlijst(published_document(_published_list(slug)), fmt)
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return response
