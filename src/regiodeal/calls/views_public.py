"""Public pages of the calls for proposals, and registering an idea for one."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import applications as flow
from .applicant import Phase, call_phase
from .forms import IdeaForm, add_service_errors
from .models import Call

LOGIN = "calls:login"


def published_calls() -> QuerySet[Call]:
    return Call.objects.filter(is_published=True)


def call_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    calls = list(
        published_calls()
        .select_related("programme")
        .annotate(line_count=Count("lines"), total_budget=Sum("lines__budget"))
        .order_by("application_deadline", "pk")
    )
    for call in calls:
        call.phase = call_phase(call, now)
    return render(
        request,
        "calls/call_list.html",
        {
            "open_calls": [c for c in calls if c.phase in (Phase.REGISTRATION, Phase.APPLICATION)],
            "upcoming_calls": sorted(
                (c for c in calls if c.phase == Phase.UPCOMING), key=lambda c: c.opens_at
            ),
            "closed_calls": [c for c in reversed(calls) if c.phase == Phase.CLOSED],
        },
    )


def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(
        published_calls().select_related("programme").prefetch_related("lines", "criteria"),
        slug=slug,
    )
    lines = list(call.lines.all())
    for line in lines:
        line.share = line.percentage / 100 if line.percentage is not None else None
    criteria = list(call.criteria.all())
    total_weight = sum((c.weight for c in criteria), Decimal(0))
    for criterion in criteria:
        criterion.share = criterion.weight / total_weight if total_weight else None
    mine = (
        list(call.applications.filter(applicant=request.user).order_by("reference"))
        if request.user.is_authenticated
        else []
    )
    return render(
        request,
        "calls/call_detail.html",
        {
            "call": call,
            "phase": call_phase(call),
            "lines": lines,
            "budget": sum((line.budget for line in lines), Decimal(0)),
            "criteria": criteria,
            "tie_breakers": ", ".join(
                c.name
                for c in sorted(
                    (c for c in criteria if c.tie_break_position is not None),
                    key=lambda c: c.tie_break_position,
                )
            ),
            "mine": mine,
        },
    )


@login_required(login_url=LOGIN)
def register_idea(request: HttpRequest, slug: str) -> HttpResponse:
    call = get_object_or_404(published_calls().prefetch_related("lines"), slug=slug)
    form = IdeaForm(request.POST if request.method == "POST" else None, call=call)
    if request.method == "POST" and form.is_valid():
        try:
            application = flow.register_idea(
                call,
                applicant=request.user,
                title=form.cleaned_data["title"],
                idea=form.cleaned_data["idea"],
                line=form.cleaned_data["line"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your idea has been registered as %(reference)s. The programme office "
                    "pre-checks it and lets you know its advice."
                )
                % {"reference": application.reference},
            )
            return redirect(application)
    return render(
        request,
        "calls/idea_form.html",
        {"call": call, "form": form, "phase": call_phase(call)},
    )
