"""The public finance overview and its downloads: figures of published and issued money only."""

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from regiodeal.decisions.selectors import default_public_programme
from regiodeal.programmes.models import Programme

from .exports import EXPORT_FORMATS, build_tables, render_export
from .letters import LETTER_FORMATS, render_grant_letter, render_settlement_letter
from .models import GrantDecision, Settlement
from .selectors import Figures, public_finance_summary

PROGRAMME_PARAMETER = "programma"
# The breakdowns after the programme's own table, in the order build_tables returns them.
TABLE_NAMES = ("pillars", "funders", "places", "years", "cash_flow")


def _chosen_programme(request: HttpRequest) -> Programme | None:
    """The programme named by ``?programma=``, else the one that published last."""
    slug = request.GET.get(PROGRAMME_PARAMETER)
    if not slug:
        return default_public_programme()
    programme = Programme.objects.filter(slug=slug).first()
    if programme is None:
        raise Http404(_("No programme with this name."))
    return programme


def _current_quarter() -> str:
    today = datetime.date.today()
    return f"{today.year}-K{(today.month - 1) // 3 + 1}"


def overview(request: HttpRequest) -> HttpResponse:
    programme = _chosen_programme(request)
    if programme is None:
        return render(request, "finance/overview.html", {"programme": None})
    summary = public_finance_summary(programme)
    programme_table, *breakdowns = build_tables(summary)
    query = f"?{PROGRAMME_PARAMETER}={programme.slug}"
    return render(
        request,
        "finance/overview.html",
        {
            "programme": programme,
            "other_programmes": Programme.objects.exclude(pk=programme.pk).only("name", "slug"),
            "programme_parameter": PROGRAMME_PARAMETER,
            "summary": summary,
            "headline": programme_table.page_rows[0][1:],
            "tables": dict(zip(TABLE_NAMES, breakdowns, strict=True)),
            "has_unplaced": summary.unplaced != Figures(),
            "downloads": [
                (fmt, reverse("finance:export", args=[fmt]) + query) for fmt in EXPORT_FORMATS
            ],
            "current_quarter": _current_quarter(),
        },
    )


def export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORT_FORMATS:
        raise Http404(_("This format is not available."))
    programme = _chosen_programme(request)
    if programme is None:
        raise Http404(_("No programme has been set up yet."))
    exported = render_export(public_finance_summary(programme), fmt)
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


def _letter_response(rendered) -> HttpResponse:
    response = HttpResponse(rendered.content, content_type=rendered.content_type)
    response["Content-Disposition"] = f'inline; filename="{rendered.filename}"'
    return response


def grant_letter(request: HttpRequest, reference: str, fmt: str) -> HttpResponse:
    """An issued beschikking, as sent: public (Woo). A draft is not published."""
    grant = (
        GrantDecision.objects.filter(reference=reference, issued_at__isnull=False)
        .select_related("project", "recipient", "decision__meeting__programme")
        .first()
    )
    if grant is None or fmt not in LETTER_FORMATS:
        raise Http404(_("There is no issued grant decision with this reference."))
    return _letter_response(render_grant_letter(grant, fmt))


def settlement_letter(request: HttpRequest, reference: str, fmt: str) -> HttpResponse:
    settlement = (
        Settlement.objects.filter(reference=reference, issued_at__isnull=False)
        .select_related("grant__project", "grant__recipient")
        .first()
    )
    if settlement is None or fmt not in LETTER_FORMATS:
        raise Http404(_("There is no issued settlement with this reference."))
    return _letter_response(render_settlement_letter(settlement, fmt))
