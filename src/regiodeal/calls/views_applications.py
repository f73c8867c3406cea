"""The applicant's own pages: "Mijn aanvragen", one application, its attachments, withdrawal.

Every page finds the application among the user's own, so anyone else gets a 404: the page
does not even confirm that the reference exists.
"""

from decimal import Decimal
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import applicant
from .attachments import add_attachment, content_type_of, remove_attachment
from .constants import ATTACHMENT_MAX_BYTES
from .constants import ApplicationState as S
from .forms import ApplicationForm, AttachmentForm, WithdrawForm, add_service_errors
from .models import Application
from .views_public import LOGIN

OUTCOMES = {
    "granted": gettext_lazy("granted"),
    "partial": gettext_lazy("partly granted"),
    "not_granted": gettext_lazy("not granted: the budget of the line ran out"),
    "below_minimum": gettext_lazy("not granted: the score is below the minimum"),
    "ineligible": gettext_lazy("not eligible"),
    "incomplete": gettext_lazy("incomplete"),
}


def _own(request: HttpRequest, reference: str) -> Application:
    return get_object_or_404(
        Application.objects.select_related("call", "line", "lead_organisation"),
        reference=reference,
        applicant=request.user,
    )


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


def _when_locked(request: HttpRequest, application: Application, error: ValidationError) -> None:
    """A locked page shows no form to carry the refusal; it goes above the page instead, unless
    it only repeats why the page is locked."""
    refused = applicant.edit_refused(application)
    if refused and _messages_of(error) != refused:
        messages.error(request, _messages_of(error))


@login_required(login_url=LOGIN)
def my_applications(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    applications = (
        Application.objects.filter(applicant=request.user)
        .select_related("call", "line")
        .order_by("-created_at", "-pk")
    )
    return render(
        request,
        "calls/my_applications.html",
        {"rows": [(a, applicant.next_step(a, now)) for a in applications]},
    )


def _page(
    request: HttpRequest,
    application: Application,
    *,
    form: ApplicationForm | None = None,
    upload_form: AttachmentForm | None = None,
) -> HttpResponse:
    now = timezone.now()
    refused = applicant.edit_refused(application, now)
    if not refused and form is None:
        form = ApplicationForm(
            initial=ApplicationForm.initial_for(application), call=application.call
        )
    outcome = applicant.proposed_outcome(application)
    return render(
        request,
        "calls/application_detail.html",
        {
            "application": application,
            "editable": not refused,
            "refused": refused,
            "form": form if not refused else None,
            "upload_form": (upload_form or AttachmentForm()) if not refused else None,
            "next_step": applicant.next_step(application, now),
            "timeline": applicant.timeline(application),
            "outcome": outcome,
            "outcome_label": OUTCOMES.get(outcome["outcome"], "") if outcome else "",
            "outcome_amount": Decimal(outcome["amount"]) if outcome else None,
            "attachments": application.attachments.all(),
            "partners": application.partners.all(),
            "places": application.places.all(),
            "notifications": application.notifications.filter(recipient=request.user),
            "may_withdraw": not applicant.withdrawal_refused(application),
            "show_pre_check": application.state != S.AANGEMELD,
            "max_bytes": ATTACHMENT_MAX_BYTES,
        },
    )


@login_required(login_url=LOGIN)
def application_detail(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own(request, reference)
    if request.method != "POST":
        return _page(request, application)
    form = ApplicationForm(request.POST, call=application.call)
    if form.is_valid():
        submitting = request.POST.get("action") == "submit"
        service = applicant.save_and_submit if submitting else applicant.save_application_form
        try:
            service(
                application,
                user=request.user,
                data=form.application_input(),
                version=form.cleaned_data["loaded_version"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
            application.refresh_from_db()
            _when_locked(request, application, error)
        else:
            messages.success(
                request,
                _("Your application has been submitted. You can no longer change it.")
                if submitting
                else _("Your application has been saved."),
            )
            return redirect(application)
    return _page(request, application, form=form)


@require_POST
@login_required(login_url=LOGIN)
def attachment_add(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own(request, reference)
    upload_form = AttachmentForm(request.POST, request.FILES)
    if upload_form.is_valid():
        try:
            attachment = add_attachment(
                application,
                user=request.user,
                upload=upload_form.cleaned_data["file"],
                description=upload_form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(upload_form, error)
            _when_locked(request, application, error)
        else:
            messages.success(request, _("%(name)s has been attached.") % {"name": attachment})
            return redirect(f"{application.get_absolute_url()}#bijlagen")
    return _page(request, application, upload_form=upload_form)


@login_required(login_url=LOGIN)
def attachment_download(request: HttpRequest, reference: str, pk: int) -> FileResponse:
    application = _own(request, reference)
    attachment = get_object_or_404(application.attachments, pk=pk)
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=PurePath(attachment.file.name).name,
        content_type=content_type_of(attachment),
    )


@require_POST
@login_required(login_url=LOGIN)
def attachment_remove(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    application = _own(request, reference)
    attachment = get_object_or_404(application.attachments, pk=pk)
    try:
        remove_attachment(attachment, user=request.user)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
    else:
        messages.success(request, _("%(name)s has been removed.") % {"name": attachment})
    return redirect(f"{application.get_absolute_url()}#bijlagen")


@login_required(login_url=LOGIN)
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    application = _own(request, reference)
    refused = applicant.withdrawal_refused(application)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            applicant.withdraw(application, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your application has been withdrawn."))
            return redirect(application)
    return render(
        request,
        "calls/withdraw.html",
        {"application": application, "form": form, "refused": refused},
    )
