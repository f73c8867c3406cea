"""The reviewer's pages: the applications assigned to them, a conflict of interest, scores.

A reviewer sees only their own assignments; any other application answers 404, so the pages
do not even tell whether it exists. The services decide what may change; a refusal is shown
beside the field it concerns, or above the form, and nothing is stored.
"""

import posixpath
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from . import review
from .allocation import dutch_number
from .attachments import content_type_of
from .constants import ApplicationState as S
from .models import AllocationRun, Attachment, Criterion, ReviewAssignment
from .review import submit_scores

LOGIN_URL = reverse_lazy("calls:login")


class ConflictForm(forms.Form):
    note = forms.CharField(
        label=_("Your conflict of interest"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "For example: you work for, advise or are related to the applicant or a partner. "
            "You are then excluded from this application and any scores you gave are removed."
        ),
    )


class ScoreForm(forms.Form):
    """A score and a motivation per criterion of the call; the service checks the range."""

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=_("Score for %(criterion)s") % {"criterion": criterion.name},
                required=False,
                max_digits=6,
                decimal_places=3,
                localize=True,
                help_text=_("From 0 to %(max)s.") % {"max": dutch_number(criterion.max_score)},
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 5}),
            )
            self.fields[f"motivation_{criterion.pk}"] = forms.CharField(
                label=_("Motivation for %(criterion)s") % {"criterion": criterion.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def rows(self) -> list[tuple[Criterion, forms.BoundField, forms.BoundField]]:
        return [(c, self[f"score_{c.pk}"], self[f"motivation_{c.pk}"]) for c in self.criteria]

    def scores(self) -> dict[int, tuple[Decimal | None, str]]:
        data = self.cleaned_data
        return {c.pk: (data[f"score_{c.pk}"], data[f"motivation_{c.pk}"]) for c in self.criteria}


def _own(request: HttpRequest) -> QuerySet[ReviewAssignment]:
    return ReviewAssignment.objects.filter(reviewer=request.user).select_related(
        "application__call", "application__line"
    )


def status_of(assignment: ReviewAssignment) -> str:
    if assignment.conflict_of_interest:
        return _t("conflict of interest declared")
    return _t("done") if assignment.completed_at else _t("to do")


@login_required(login_url=LOGIN_URL)
def assignment_list(request: HttpRequest) -> HttpResponse:
    assignments = list(_own(request).order_by("application__call__title", "application__reference"))
    allocated = set(
        AllocationRun.objects.filter(
            call_id__in={a.application.call_id for a in assignments}
        ).values_list("call_id", flat=True)
    )
    rows = [
        {
            "assignment": a,
            "application": a.application,
            "status": status_of(a),
            "done": a.conflict_of_interest or a.completed_at is not None,
            "closed": a.application.call_id in allocated or a.application.state != S.VOLLEDIG,
        }
        for a in assignments
    ]
    return render(request, "calls/review/assignment_list.html", {"rows": rows})


def closed_reason(assignment: ReviewAssignment) -> str:
    """Why the reviewer can no longer change their review of this application, if so."""
    if assignment.conflict_of_interest:
        return _t("You declared a conflict of interest; you are excluded from this application.")
    if review.reviews_closed(assignment.application):
        return _t("The allocation of this call has run; the reviews are closed.")
    if assignment.application.state != S.VOLLEDIG:
        return _t("This application is no longer in review.")
    return ""


def _show_refusal(request: HttpRequest, form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict") and set(error.error_dict) <= set(form.fields):
        for name, errors in error.error_dict.items():
            form.add_error(name, errors)
    else:
        messages.error(request, " ".join(error.messages))


@login_required(login_url=LOGIN_URL)
def assignment_detail(request: HttpRequest, reference: str) -> HttpResponse:
    assignment = get_object_or_404(_own(request), application__reference=reference)
    application = assignment.application
    criteria = list(application.call.criteria.order_by("position", "name"))
    given = {s.criterion_id: s for s in assignment.scores.all()}
    initial = {}
    for criterion_id, score in given.items():
        initial[f"score_{criterion_id}"] = dutch_number(score.score)
        initial[f"motivation_{criterion_id}"] = score.motivation
    conflict_form = ConflictForm()
    score_form = ScoreForm(criteria=criteria, initial=initial)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "conflict":
            conflict_form = ConflictForm(request.POST)
            form, run = (
                conflict_form,
                lambda: review.declare_conflict(
                    assignment, note=conflict_form.cleaned_data["note"]
                ),
            )
            done = _t("You have declared a conflict of interest for %(reference)s.")
        elif action == "scores":
            score_form = ScoreForm(request.POST, criteria=criteria)
            form, run = score_form, lambda: submit_scores(assignment, score_form.scores())
            done = _t("Your scores for %(reference)s have been saved.")
        else:
            raise Http404(_t("Unknown action."))
        if form.is_valid():
            try:
                run()
            except ValidationError as error:
                _show_refusal(request, form, error)
            else:
                messages.success(request, done % {"reference": application.reference})
                return HttpResponseRedirect(
                    reverse("review:application", args=[application.reference])
                )
    reason = closed_reason(assignment)
    context = {
        "assignment": assignment,
        "application": application,
        "status": status_of(assignment),
        "closed_reason": reason,
        "conflict_form": conflict_form,
        "score_form": score_form,
        "errors": [
            (field.id_for_label, field.label, error)
            for form in (conflict_form, score_form)
            if form.is_bound
            for field in form
            for error in field.errors
        ],
    }
    if not assignment.conflict_of_interest:
        context |= {
            "partners": application.partners.order_by("name"),
            "places": application.places.order_by("name"),
            "attachments": application.attachments.all(),
            "given": [(c, given.get(c.pk)) for c in criteria],
        }
    return render(request, "calls/review/assignment_detail.html", context)


@login_required(login_url=LOGIN_URL)
def attachment(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """An attachment of an assigned application; not once the reviewer has stepped out."""
    assignment = get_object_or_404(
        _own(request), application__reference=reference, conflict_of_interest=False
    )
    return serve_attachment(get_object_or_404(assignment.application.attachments, pk=pk))


def serve_attachment(attachment: Attachment) -> FileResponse:
    """The file as a download: never shown inline, so an uploaded page cannot run in the site."""
    try:
        handle = attachment.file.storage.open(attachment.file.name, "rb")
    except OSError:
        raise Http404(_t("This file is no longer available.")) from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=posixpath.basename(attachment.file.name),
        content_type=content_type_of(attachment),
    )
