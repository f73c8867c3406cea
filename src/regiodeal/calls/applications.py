"""The applicant's path: idea → pre-check → application → submission → completeness.

Deadlines are checked against ``now``, which tests pass in; the views pass nothing and get the
clock. Every step that changes an application notifies the people it concerns.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regiodeal.core.dates import long_date
from regiodeal.core.errors import DomainError
from regiodeal.core.models import with_history_user
from regiodeal.core.money import format_euro

from .constants import ApplicationState as S
from .models import Application, Call, ProgrammeLine
from .notify import notify


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


def _moment(value: datetime.datetime) -> str:
    local = timezone.localtime(value)
    return f"{long_date(local.date())} {local:%H:%M}"


def _next_reference(call: Call) -> str:
    prefix = f"AV-{call.opens_at.year}-"
    last = Application.objects.filter(reference__startswith=prefix).aggregate(m=Max("reference"))
    number = int(last["m"].rsplit("-", 1)[1]) + 1 if last["m"] else 1
    return f"{prefix}{number:04d}"


def _save(application: Application, user: AbstractBaseUser | None) -> Application:
    with_history_user(application, user).save()
    return application


def _locked(application: Application) -> Application:
    return (
        Application.objects.select_for_update()
        .select_related("call", "applicant")
        .get(pk=application.pk)
    )


@transaction.atomic
def register_idea(
    call: Call,
    *,
    applicant: AbstractBaseUser,
    title: str,
    idea: str,
    line: ProgrammeLine | None = None,
    now: datetime.datetime | None = None,
) -> Application:
    """Step 1: an idea, registered before the registration deadline; the line is a preference."""
    now = _now(now)
    if not call.is_published or now < call.opens_at:
        raise DomainError(_("This call is not open yet."))
    if now > call.registration_deadline:
        raise DomainError(
            _("Registration for this call closed on %(moment)s.")
            % {"moment": _moment(call.registration_deadline)}
        )
    if not title.strip() or not idea.strip():
        raise DomainError(_("Give your idea a title and describe it."))
    Call.objects.select_for_update().get(pk=call.pk)  # one reference number at a time
    application = Application(
        call=call,
        reference=_next_reference(call),
        applicant=applicant,
        title=title,
        idea=idea,
        line=line,
    )
    application.full_clean()
    _save(application, applicant)
    notify(
        applicant,
        _("Your idea %(reference)s has been registered") % {"reference": application.reference},
        _(
            "We have received your idea “%(title)s” for %(call)s. The programme office checks it "
            "and sends you its advice; after that you can write the full application, until "
            "%(deadline)s."
        )
        % {
            "title": title,
            "call": call.title,
            "deadline": _moment(call.application_deadline),
        },
        application=application,
    )
    return application


@transaction.atomic
def give_pre_check(
    application: Application,
    *,
    advice: str,
    positive: bool,
    user: AbstractBaseUser | None = None,
) -> Application:
    """Step 2: the office's advice on the idea. The applicant may apply either way."""
    application = _locked(application)
    if application.state != S.AANGEMELD:
        raise DomainError(_("The pre-check is given once, on a registered idea."))
    if not advice.strip():
        raise DomainError({"advice": _("Write the advice for the applicant.")})
    application.pre_check_advice = advice
    application.pre_check_positive = positive
    application.state = S.VOORGETOETST
    _save(application, user)
    verdict = _("positive") if positive else _("not positive")
    notify(
        application.applicant,
        _("Advice on your idea %(reference)s") % {"reference": application.reference},
        _(
            "The programme office has pre-checked your idea “%(title)s”; the advice is "
            "%(verdict)s:\n\n%(advice)s\n\nYou can now write and submit your application until "
            "%(deadline)s."
        )
        % {
            "title": application.title,
            "verdict": verdict,
            "advice": advice,
            "deadline": _moment(application.call.application_deadline),
        },
        application=application,
    )
    return application


def _may_edit(application: Application, now: datetime.datetime) -> None:
    if application.state not in (S.VOORGETOETST, S.HERSTEL):
        raise DomainError(
            _("This application can no longer be changed (%(state)s).")
            % {"state": application.get_state_display()}
        )
    if application.state == S.HERSTEL:
        if now > application.repair_due:
            raise DomainError(
                _("The repair period ended on %(moment)s.")
                % {"moment": _moment(application.repair_due)}
            )
    elif now > application.call.application_deadline:
        raise DomainError(
            _("The deadline for applications passed on %(moment)s; the application is locked.")
            % {"moment": _moment(application.call.application_deadline)}
        )


def check_editable(application: Application, now: datetime.datetime | None = None) -> None:
    """Raise the reason why the applicant cannot change the application now, if there is one."""
    _may_edit(application, _now(now))


def missing_fields(application: Application) -> list[str]:
    """What the applicant still has to fill in before submitting, as field labels."""
    required = {
        "line": application.line_id,
        "summary": application.summary.strip(),
        "description": application.description.strip(),
        "lead_organisation": application.lead_organisation_id,
        "eligible_costs": application.eligible_costs,
        "requested_amount": application.requested_amount,
    }
    missing = [
        str(Application._meta.get_field(name).verbose_name)
        for name, value in required.items()
        if not value
    ]
    if application.pk and not application.places.exists():
        missing.append(str(Application._meta.get_field("places").verbose_name))
    return missing


def budget_problems(application: Application) -> list[str]:
    problems = []
    costs, requested = application.eligible_costs, application.requested_amount
    co_financing = application.co_financing or Decimal("0")
    if costs is not None and requested is not None:
        if requested > costs:
            problems.append(_("The requested amount is more than the eligible costs."))
        if requested + co_financing > costs:
            problems.append(
                _(
                    "The requested amount and the co-financing (%(total)s) are more than the "
                    "eligible costs (%(costs)s)."
                )
                % {"total": format_euro(requested + co_financing), "costs": format_euro(costs)}
            )
    return problems


@transaction.atomic
def submit_application(
    application: Application, *, user: AbstractBaseUser, now: datetime.datetime | None = None
) -> Application:
    """Step 3: submit before the deadline (or within the repair period); then it is locked."""
    now = _now(now)
    application = _locked(application)
    if application.applicant_id != user.pk:
        raise DomainError(_("Only the applicant can submit this application."))
    _may_edit(application, now)
    problems = [
        _("Fill in: %(fields)s.") % {"fields": ", ".join(missing)}
        for missing in [missing_fields(application)]
        if missing
    ] + budget_problems(application)
    if problems:
        raise DomainError(problems, code="incomplete_form")
    repaired = application.state == S.HERSTEL
    application.state = S.INGEDIEND
    application.submitted_at = now
    _save(application, user)
    notify(
        user,
        _("Application %(reference)s submitted") % {"reference": application.reference},
        (
            _("We have received the completed application “%(title)s”.")
            if repaired
            else _(
                "We have received your application “%(title)s”. It is now locked; the programme "
                "office checks whether it is complete."
            )
        )
        % {"title": application.title},
        application=application,
    )
    return application


@transaction.atomic
def check_completeness(
    application: Application,
    *,
    complete: bool,
    note: str = "",
    user: AbstractBaseUser | None = None,
    now: datetime.datetime | None = None,
) -> Application:
    """Step 4: complete → review; incomplete → a repair period with a due date."""
    now = _now(now)
    application = _locked(application)
    if application.state != S.INGEDIEND:
        raise DomainError(_("Only a submitted application is checked for completeness."))
    if complete:
        application.state = S.VOLLEDIG
        application.office_note = note
        subject = _("Application %(reference)s is complete")
        body = _("Your application “%(title)s” is complete and goes to the expert review.")
    else:
        if not note.strip():
            raise DomainError({"note": _("Say what is missing.")})
        application.state = S.HERSTEL
        application.office_note = note
        application.repair_due = now + datetime.timedelta(days=application.call.repair_days)
        subject = _("Application %(reference)s is not complete yet")
        body = _(
            "Your application “%(title)s” is not complete:\n\n%(note)s\n\nComplete it and submit "
            "it again before %(due)s; after that it is rejected as incomplete."
        )
    _save(application, user)
    notify(
        application.applicant,
        subject % {"reference": application.reference},
        body
        % {
            "title": application.title,
            "note": note,
            "due": _moment(application.repair_due) if application.repair_due else "",
        },
        application=application,
    )
    return application


@transaction.atomic
def close_expired_repairs(*, now: datetime.datetime | None = None) -> list[Application]:
    """Reject as incomplete every application whose repair period has passed."""
    now = _now(now)
    expired = list(
        Application.objects.select_for_update()
        .select_related("call", "applicant")
        .filter(state=S.HERSTEL, repair_due__lt=now)
    )
    for application in expired:
        application.state = S.ONVOLLEDIG
        _save(application, None)
        notify(
            application.applicant,
            _("Application %(reference)s rejected as incomplete")
            % {"reference": application.reference},
            _(
                "The repair period of your application “%(title)s” ended on %(due)s without a "
                "complete application. It is not taken into consideration."
            )
            % {"title": application.title, "due": _moment(application.repair_due)},
            application=application,
        )
    return expired


@transaction.atomic
def declare_ineligible(
    application: Application, *, reason: str, user: AbstractBaseUser | None = None
) -> Application:
    application = _locked(application)
    if application.state not in (S.INGEDIEND, S.VOLLEDIG):
        raise DomainError(_("Only a submitted application can be declared not eligible."))
    if not reason.strip():
        raise DomainError({"reason": _("Give the reason; the applicant can object to it.")})
    application.state = S.NIET_ONTVANKELIJK
    application.office_note = reason
    _save(application, user)
    notify(
        application.applicant,
        _("Application %(reference)s is not eligible") % {"reference": application.reference},
        _("Your application “%(title)s” does not meet the conditions of the call:\n\n%(reason)s")
        % {"title": application.title, "reason": reason},
        application=application,
    )
    return application
