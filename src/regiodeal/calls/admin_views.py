"""Back-office pages of calls beside the admin's own: the office's steps on an application, its
attachments, and the ranking and allocation of a call.

Every step goes through the services: a GET shows the form, a POST runs the service, and a
refusal (a DomainError) is shown to the user and changes nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from regiodeal.core.money import format_euro
from regiodeal.core.permissions import may_run_calls, may_view_calls, require
from regiodeal.decisions.constants import DecisionState

from . import allocation_runs, review
from . import applications as flow
from .admin_forms import (
    AssignReviewersForm,
    CompletenessForm,
    GrantsForm,
    IneligibleForm,
    PreCheckForm,
    ProposeForm,
    RunForm,
)
from .constants import ApplicationState as S
from .models import AllocationRun, Application, Attachment, Call
from .views_review import serve_attachment

# --- the office's steps on one application -------------------------------------------------


def _assign(application: Application, data: dict, user) -> int:
    # One refusal undoes the whole selection: the office chose these reviewers together.
    with transaction.atomic():
        for reviewer in data["reviewers"]:
            review.assign_reviewer(application, reviewer, user=user)
    return len(data["reviewers"])


@dataclass(frozen=True)
class Step:
    """One of the office's steps on an application: when it is offered, what it asks and runs.

    ``title`` and ``done`` may name ``%(reference)s``; ``done`` also ``%(count)s``, what the
    service returned when that is a number.
    """

    title: str
    button: str
    done: str
    form: type[forms.Form]
    run: Callable[[Application, dict, object], object]  # (application, cleaned data, user)
    states: tuple[str, ...]
    explanation: str = ""


STEPS: dict[str, Step] = {
    "pre_check": Step(
        title=_("Pre-check of %(reference)s"),
        button=_("Send the advice"),
        done=_("The advice on %(reference)s has been sent to the applicant."),
        form=PreCheckForm,
        run=lambda a, data, user: flow.give_pre_check(
            a, advice=data["advice"], positive=data["verdict"] == "yes", user=user
        ),
        states=(S.AANGEMELD,),
    ),
    "completeness": Step(
        title=_("Completeness of %(reference)s"),
        button=_("Record the completeness check"),
        done=_("The completeness check of %(reference)s has been recorded."),
        form=CompletenessForm,
        run=lambda a, data, user: flow.check_completeness(
            a, complete=data["verdict"] == "complete", note=data["note"], user=user
        ),
        states=(S.INGEDIEND,),
        explanation=_(
            "A complete application goes to the expert review. An incomplete one gets a repair "
            "period; after it, it is rejected as incomplete."
        ),
    ),
    "ineligible": Step(
        title=_("Declare %(reference)s not eligible"),
        button=_("Declare not eligible"),
        done=_("%(reference)s has been declared not eligible."),
        form=IneligibleForm,
        run=lambda a, data, user: flow.declare_ineligible(a, reason=data["reason"], user=user),
        states=(S.INGEDIEND, S.VOLLEDIG),
        explanation=_(
            "The application is then left out of the review and refused in the allocation; the "
            "applicant is told why."
        ),
    ),
    "assign": Step(
        title=_("Assign reviewers to %(reference)s"),
        button=_("Assign"),
        done=_("%(count)s reviewer(s) assigned to %(reference)s."),
        form=AssignReviewersForm,
        run=_assign,
        states=(S.VOLLEDIG,),
        explanation=_(
            "Each reviewer is told by e-mail and first declares any conflict of interest."
        ),
    ),
}


def application_url(application: Application) -> str:
    return reverse("admin:calls_application_change", args=[application.pk])


def show_refusal(request: HttpRequest, form: forms.Form, error: ValidationError) -> None:
    """A refusal about one of the form's fields goes next to it; any other as a message."""
    if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
        for name, errors in error.error_dict.items():
            form.add_error(name, errors)
    else:
        messages.error(request, " ".join(error.messages))


def application_step(
    request: HttpRequest, model_admin: ModelAdmin, pk: int, slug: str
) -> HttpResponse:
    require(may_run_calls(request.user))
    application = get_object_or_404(Application.objects.select_related("call"), pk=pk)
    step = STEPS[slug]
    data = request.POST if request.method == "POST" else None
    form = step.form(data, application=application)
    names = {"reference": application.reference}
    if request.method == "POST" and form.is_valid():
        try:
            result = step.run(application, form.cleaned_data, request.user)
        except ValidationError as error:  # a DomainError, or a record's own check
            show_refusal(request, form, error)
        else:
            count = result if isinstance(result, int) else 1
            messages.success(request, str(step.done) % {**names, "count": count})
            return HttpResponseRedirect(application_url(application))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": application,
        "title": str(step.title) % names,
        "form": form,
        "explanation": step.explanation,
        "button": step.button,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/calls/step.html", context)


def steps_offered(application: Application) -> list[tuple[str, str]]:
    """The steps the application's state allows, as (URL, label) for its page."""
    labels = {
        "pre_check": _t("Give the pre-check advice"),
        "completeness": _t("Check completeness"),
        "ineligible": _t("Declare not eligible"),
        "assign": _t("Assign reviewers"),
    }
    return [
        (reverse(f"admin:calls_application_{slug}", args=[application.pk]), labels[slug])
        for slug, step in STEPS.items()
        if application.state in step.states
    ]


def attachment_download(
    request: HttpRequest, model_admin: ModelAdmin, pk: int, attachment_pk: int
) -> HttpResponse:
    require(may_run_calls(request.user))
    attachment = get_object_or_404(Attachment, pk=attachment_pk, application_id=pk)
    return serve_attachment(attachment)


# --- ranking and allocation of a call ------------------------------------------------------

OUTCOMES = {
    "granted": _("granted"),
    "partial": _("partially granted"),
    "not_granted": _("not granted"),
    "below_minimum": _("below the minimum score"),
    "ineligible": _("not eligible"),
    "incomplete": _("incomplete"),
}


@dataclass
class LineResults:
    name: str
    budget: Decimal
    allocated: Decimal
    remaining: Decimal
    rows: list[dict] = field(default_factory=list)


def run_results(run: AllocationRun) -> list[LineResults]:
    """A run's outcome per line, with each application's score and title beside its outcome."""
    scores = {a["id"]: Decimal(a["score"]) for a in run.input["applications"]}
    applications = {
        a.reference: a for a in run.call.applications.filter(reference__in=list(scores))
    }
    lines = {
        line["name"]: LineResults(
            name=line["name"],
            budget=Decimal(line["budget"]),
            allocated=Decimal(line["allocated"]),
            remaining=Decimal(line["remaining"]),
        )
        for line in run.output["lines"]
    }
    for outcome in run.output["applications"]:
        lines[outcome["line"]].rows.append(
            {
                **outcome,
                "application": applications.get(outcome["id"]),
                # Not reviewed: the 0 in the run's input is a placeholder, not a score.
                "score": None
                if outcome["outcome"] in ("ineligible", "incomplete")
                else scores.get(outcome["id"]),
                "amount": Decimal(outcome["amount"]),
                "label": OUTCOMES.get(outcome["outcome"], outcome["outcome"]),
            }
        )
    return list(lines.values())


def _run(call: Call, data: dict, user) -> str:
    run = allocation_runs.run_allocation(call, seed=data["seed"], user=user)
    return _t("The allocation has run with lottery seed %(seed)s.") % {"seed": run.seed}


def _propose(call: Call, data: dict, user) -> str:
    proposed = allocation_runs.propose_decisions(data["run"], data["meeting"], user=user)
    return ngettext(
        "%(count)d draft decision proposed to %(meeting)s.",
        "%(count)d draft decisions proposed to %(meeting)s.",
        len(proposed),
    ) % {"count": len(proposed), "meeting": data["meeting"].title}


def _grants(call: Call, data: dict, user) -> str:
    grants = allocation_runs.draft_grants(call, date=data["date"], user=user)
    if not grants:
        return _t("There were no published decisions of this call without a grant decision.")
    total = sum((g.granted_amount for g in grants), Decimal("0"))
    return ngettext(
        "%(count)d draft grant decision prepared, %(total)s in all.",
        "%(count)d draft grant decisions prepared, %(total)s in all.",
        len(grants),
    ) % {"count": len(grants), "total": format_euro(total)}


ALLOCATION_ACTIONS: dict[str, Callable[[Call, dict, object], str]] = {
    "run": _run,
    "propose": _propose,
    "grants": _grants,
}


def allocation_url(call: Call) -> str:
    return reverse("admin:calls_call_allocation", args=[call.pk])


def _shown_run(runs: list[AllocationRun], wanted: str | None) -> AllocationRun | None:
    if wanted and wanted.isdigit():
        return next((r for r in runs if r.pk == int(wanted)), None)
    return runs[0] if runs else None


def allocation_page(request: HttpRequest, model_admin: ModelAdmin, pk: int) -> HttpResponse:
    """Ranking and allocation: what still blocks a run, the runs, and the steps after them."""
    require(may_view_calls(request.user))
    call = get_object_or_404(Call.objects.select_related("programme"), pk=pk)
    runs = list(
        call.allocation_runs.select_related("created_by", "proposed_to").order_by(
            "-created_at", "-pk"
        )
    )
    shown = _shown_run(runs, request.GET.get("run"))
    forms_ = {
        "run": RunForm(),
        "propose": ProposeForm(call=call, initial={"run": runs[0] if runs else None}),
        "grants": GrantsForm(),
    }
    if request.method == "POST":
        require(may_run_calls(request.user))
        action = request.POST.get("action", "")
        if action not in ALLOCATION_ACTIONS:
            return HttpResponseBadRequest(_t("Unknown action."))
        form = (
            ProposeForm(request.POST, call=call)
            if action == "propose"
            else {"run": RunForm, "grants": GrantsForm}[action](request.POST)
        )
        forms_[action] = form
        if form.is_valid():
            try:
                done = ALLOCATION_ACTIONS[action](call, form.cleaned_data, request.user)
            except ValidationError as error:  # a DomainError, or a record's own check
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, done)
                return HttpResponseRedirect(allocation_url(call))
    proposed = next((r for r in runs if r.proposed_to_id), None)
    decided = call.applications.filter(decision__isnull=False).select_related(
        "decision__meeting", "decision__grant"
    )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "original": call,
        "title": _t("Ranking and allocation: %(call)s") % {"call": call.title},
        "may_act": may_run_calls(request.user).allowed,
        "deadline_passed": call.application_deadline < timezone.now(),
        "pending": call.applications.filter(state__in=(S.INGEDIEND, S.HERSTEL)).order_by(
            "reference"
        ),
        "unscored": list(
            call.applications.filter(reference__in=allocation_runs.unscored(call)).order_by(
                "reference"
            )
        ),
        "runs": runs,
        "shown": shown,
        "results": run_results(shown) if shown else [],
        "proposed": proposed,
        "decided": decided,
        "grantable": decided.filter(
            decision__state=DecisionState.GEPUBLICEERD, decision__grant__isnull=True
        ).exists(),
        "forms": forms_,
        "media": model_admin.media + forms_["grants"].media,
    }
    return TemplateResponse(request, "admin/calls/allocation.html", context)
