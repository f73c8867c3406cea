"""Back-office screens of the import: upload, and review beside the highlighted source.

Both screens are the programme office's (``may_import``); publishing from the review needs
``may_publish`` and ticking *adopt* needs ``may_adopt``, as they do elsewhere in the back office.
"""

from django.contrib import messages
from django.contrib.admin import ModelAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from regiodeal.core.models import STALE, ConcurrentEditError
from regiodeal.core.permissions import may_adopt, may_import, may_publish, require
from regiodeal.decisions import services as decision_services
from regiodeal.decisions.constants import DecisionState
from regiodeal.programmes.scoping import limit_choices

from .forms import ReviewDecisionForm, UploadForm
from .highlight import Mark, highlight
from .models import SourceDocument
from .services import import_document, relink_decision


def upload(request: HttpRequest, model_admin: ModelAdmin) -> HttpResponse:
    require(may_import(request.user))
    # An office imports into its own programmes only.
    form = limit_choices(UploadForm(request.POST or None, request.FILES or None), request.user)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        try:
            result = import_document(
                programme=form.cleaned_data["programme"],
                data=upload_file.read(),
                filename=upload_file.name,
                user=request.user,
            )
        except ValidationError as error:
            form.add_error("file", error.messages)
        else:
            if result.created:
                messages.success(
                    request,
                    ngettext(
                        "%(file)s read: %(count)d proposed decision to review.",
                        "%(file)s read: %(count)d proposed decisions to review.",
                        result.decision_count,
                    )
                    % {"file": result.source.original_name, "count": result.decision_count},
                )
            else:
                messages.info(request, _("This file was imported before; here is that import."))
            return HttpResponseRedirect(review_url(result.source))
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Import a decision list"),
        "form": form,
    }
    return render(request, "admin/ingest/upload.html", context)


def review_url(source: SourceDocument) -> str:
    return reverse("admin:ingest_sourcedocument_review", args=[source.pk])


def review(request: HttpRequest, pk: int, model_admin: ModelAdmin) -> HttpResponse:
    require(may_import(request.user))
    # Another programme's import is not found: not shown, not reviewed, not published.
    model_admin.refuse_outside_programmes(request, pk)
    source = get_object_or_404(SourceDocument.objects.select_related("meeting__programme"), pk=pk)
    meeting = source.meeting
    decisions = list(
        meeting.decisions.select_related("project", "evidence").order_by("position", "pk")
    )
    if request.method == "POST" and request.POST.get("action") == "publish":
        require(may_publish(request.user))
        try:
            besluitenlijst = decision_services.publish_besluitenlijst(meeting, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(review_url(source))
        messages.success(request, _("%(title)s published.") % {"title": besluitenlijst.title})
        return HttpResponseRedirect(besluitenlijst.get_absolute_url())

    rows = []
    for decision in decisions:
        form = None
        if decision.state == DecisionState.CONCEPT:
            form = ReviewDecisionForm(
                request.POST or None,
                prefix=f"besluit-{decision.pk}",
                programme=meeting.programme,
                initial={
                    "title": decision.heading,
                    "kind": decision.kind,
                    "amount": decision.amount,
                    "project": decision.project_id,
                    "text": decision.text,
                    "version": decision.version,
                },
            )
        rows.append({"decision": decision, "form": form, "evidence": _evidence(decision)})

    if request.method == "POST":
        forms = [row["form"] for row in rows if row["form"] is not None]
        if all(form.is_valid() for form in forms) and _save_review(request, rows):
            return HttpResponseRedirect(review_url(source))

    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Review: %(file)s") % {"file": source.original_name},
        "source": source,
        "meeting": meeting,
        "rows": rows,
        "marked_text": highlight(source.text, _marks(decisions)),
        "all_adopted": bool(decisions)
        and all(d.state == DecisionState.VASTGESTELD for d in decisions),
        "may_publish": may_publish(request.user).allowed,
    }
    return render(request, "admin/ingest/review.html", context)


def _save_review(request: HttpRequest, rows: list[dict]) -> bool:
    """Apply every form; adoption errors (a budget, a missing amount) are shown, not raised."""
    # All or nothing: a refusal in one row undoes the others, so the page's versions stay true.
    with transaction.atomic():
        ok = _apply_rows(request, rows)
        if not ok:
            transaction.set_rollback(True)
    if ok:
        messages.success(request, _("The review has been saved."))
    return ok


def _apply_rows(request: HttpRequest, rows: list[dict]) -> bool:
    ok = True
    for row in rows:
        form, decision = row["form"], row["decision"]
        if form is None:
            continue
        data = form.cleaned_data
        adoption = may_adopt(request.user)
        if data["adopt"] and not adoption:
            form.add_error("adopt", adoption.reason)
            ok = False
            continue
        try:
            with transaction.atomic():
                if data["project"].pk != decision.project_id:
                    if decision.version != data["version"]:
                        raise ConcurrentEditError(STALE, code="stale")
                    decision = relink_decision(decision, project=data["project"], user=request.user)
                    data["version"] = decision.version
                decision = decision_services.update_draft_decision(
                    decision,
                    title=data["title"],
                    kind=data["kind"],
                    amount=data["amount"],
                    text=data["text"],
                    expected_version=data["version"],
                    user=request.user,
                )
                if data["adopt"]:
                    decision_services.adopt_decision(decision, user=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
            ok = False
    return ok


def _evidence(decision):
    return getattr(decision, "evidence", None)


def _marks(decisions) -> list[Mark]:
    marks = []
    for number, decision in enumerate(decisions, start=1):
        evidence = _evidence(decision)
        if evidence is None:
            continue
        if evidence.title_start is not None:
            marks.append(
                Mark(
                    evidence.title_start,
                    evidence.title_end,
                    "evidence-title",
                    f"bron-{decision.pk}-titel",
                    _("title – decision %(number)d") % {"number": number},
                )
            )
        if evidence.amount_start is not None:
            marks.append(
                Mark(
                    evidence.amount_start,
                    evidence.amount_end,
                    "evidence-amount",
                    f"bron-{decision.pk}-bedrag",
                    _("amount – decision %(number)d") % {"number": number},
                )
            )
    return marks
