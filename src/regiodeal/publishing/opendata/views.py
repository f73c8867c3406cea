"""Open data: a page that says what is there and under which licence, and the files."""

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from .licences import open_data_licence
from .tables import DATASETS, FORMATS, last_update, render_dataset
from .threesixty import build_package


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


DATASET_TEXTS = {
    "projecten": (
        _("Projects"),
        _(
            "Every public project: programme, pillar, status, lead organisation (with its KvK "
            "number), municipalities (with their CBS codes), planned dates and the amount its "
            "published decisions commit."
        ),
    ),
    "besluiten": (
        _("Decisions"),
        _(
            "Every published decision of the steering groups: date, kind, project, pillar, "
            "amount and the decision it corrects."
        ),
    ),
    "financien": (
        _("Money"),
        _(
            "Per programme, pillar, funder, municipality and year: budget, committed, granted, "
            "paid, settled, released, recovered and available."
        ),
    ),
}
FORMAT_NAMES = {"csv": "CSV", "xlsx": "Excel (XLSX)", "ods": "OpenDocument (ODS)", "json": "JSON"}


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "opendata/index.html",
        {
            "licence": open_data_licence(),
            "datasets": [
                {
                    "key": key,
                    "title": DATASET_TEXTS[key][0],
                    "description": DATASET_TEXTS[key][1],
                    "files": [(fmt, FORMAT_NAMES[fmt]) for fmt in FORMATS],
                }
                for key in DATASETS
            ],
            "last_update": last_update(),
        },
    )


@require_safe
def download(request: HttpRequest, dataset: str, fmt: str) -> HttpResponse:
    if dataset not in DATASETS or fmt not in FORMATS:
        raise Http404
    data = render_dataset(dataset, fmt, base_url=_base_url(request))
    response = HttpResponse(data.content, content_type=data.content_type)
    response["Content-Disposition"] = f'attachment; filename="{data.filename}"'
    return response


@require_safe
def threesixty_giving(request: HttpRequest) -> HttpResponse:
    package = build_package(
        base_url=_base_url(request),
        data_source=request.build_absolute_uri(reverse("opendata:360giving")),
    )
    return JsonResponse(package, json_dumps_params={"ensure_ascii": False, "indent": 2})
