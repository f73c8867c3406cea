"""The applicant's own work on the public site: an account, the application form, withdrawal;
and what the pages show them: the phase of a call, the next step, the timeline, the outcome.

The steps that the office and the reviewers take are in ``applications.py`` and ``review.py``;
this module adds the ones an applicant takes between them. Like those, every function takes
``now`` for tests and raises ``DomainError`` with a message for the user.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from regiodeal.core.errors import DomainError
from regiodeal.core.roles import Role, group_of
from regiodeal.organisations.constants import OrganisationKind
from regiodeal.organisations.models import Municipality, Organisation

from .applications import check_editable, submit_application
from .constants import ApplicationState as S
from .models import AllocationRun, Application, Call, ProgrammeLine
from .notify import notify

# Until the allocation has been run, an applicant may step out; after it, the allocation and
# the decisions built on it count the application, so the office has to handle a withdrawal.
WITHDRAWABLE = (S.AANGEMELD, S.VOORGETOETST, S.INGEDIEND, S.HERSTEL, S.VOLLEDIG)


def _now(now: datetime.datetime | None) -> datetime.datetime:
    return now or timezone.now()


# --- Accounts ----------------------------------------------------------------------------
@transaction.atomic
def register_applicant(*, name: str, email: str, password: str) -> AbstractBaseUser:
    """A public account for applying: the address is the user name; the role is aanvrager."""
    user_model = get_user_model()
    email = email.strip().lower()
    taken = _("There is already an account with this e-mail address; log in with it instead.")
    if user_model.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise DomainError({"email": taken})
    try:
        with transaction.atomic():
            user = user_model.objects.create_user(
                username=email, email=email, password=password, first_name=name.strip()[:150]
            )
    except IntegrityError:  # registered by a second request at the same moment
        raise DomainError({"email": taken}) from None
    user.groups.add(group_of(Role.AANVRAGER))
    return user


# --- The application form ----------------------------------------------------------------
@dataclass(frozen=True)
class NewOrganisation:
    """An organisation the applicant names that is not in the list yet."""

    name: str
    kvk_number: str = ""


@dataclass
class ApplicationInput:
    line: ProgrammeLine | None = None
    summary: str = ""
    description: str = ""
    lead_organisation: Organisation | NewOrganisation | None = None
    partners: list[Organisation | NewOrganisation] = field(default_factory=list)
    places: list[Municipality] = field(default_factory=list)
    eligible_costs: Decimal | None = None
    co_financing: Decimal | None = None
    requested_amount: Decimal | None = None


def _unique_organisation_slug(name: str) -> str:
    base = (slugify(name)[:240] or "organisatie").strip("-")
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _organisation(value: Organisation | NewOrganisation) -> Organisation:
    """The organisation chosen, or one the office already knows by KvK number or name, or new.

    An existing record is reused as it is: the office keeps organisations, an applicant only
    adds one that is missing.
    """
    if isinstance(value, Organisation):
        return value
    name, kvk = value.name.strip(), value.kvk_number.strip()
    if not name:
        raise DomainError({"lead_organisation": _("Give the name of the organisation.")})
    known = Organisation.objects.filter(kvk_number=kvk).first() if kvk else None
    known = known or (
        Organisation.objects.filter(name__iexact=name)
        .filter(Q(kvk_number="") | Q(kvk_number=kvk))
        .order_by("pk")
        .first()
    )
    if known:
        return known
    organisation = Organisation(
        name=name,
        slug=_unique_organisation_slug(name),
        kind=OrganisationKind.ANDERS,
        kvk_number=kvk,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


def _own(application: Application, user: AbstractBaseUser) -> Application:
    locked = Application.objects.select_for_update().select_related("call").get(pk=application.pk)
    if locked.applicant_id != user.pk:
        raise DomainError(_("Only the applicant can change this application."))
    return locked


@transaction.atomic
def save_application_form(
    application: Application,
    *,
    user: AbstractBaseUser,
    data: ApplicationInput,
    version: int | None = None,
    now: datetime.datetime | None = None,
) -> Application:
    """Store what the applicant wrote so far; nothing needs to be complete until submission.

    ``version`` is the one the applicant loaded: a save over a change made since (in another
    window, or a state change by the office) is refused rather than overwriting it.
    """
    application = _own(application, user)
    check_editable(application, _now(now))
    if data.line is not None and data.line.call_id != application.call_id:
        raise DomainError({"line": _("This programme line belongs to another call.")})
    if version is not None:
        application.version = version
    application.line = data.line
    application.summary = data.summary.strip()
    application.description = data.description.strip()
    application.lead_organisation = (
        _organisation(data.lead_organisation) if data.lead_organisation else None
    )
    application.eligible_costs = data.eligible_costs
    application.co_financing = data.co_financing
    application.requested_amount = data.requested_amount
    application.full_clean()
    application._history_user = user
    application.save()
    application.partners.set({_organisation(p).pk for p in data.partners})
    application.places.set(data.places)
    return application


@transaction.atomic
def save_and_submit(
    application: Application,
    *,
    user: AbstractBaseUser,
    data: ApplicationInput,
    version: int | None = None,
    now: datetime.datetime | None = None,
) -> Application:
    """Save and submit in one step; a refused submission undoes the save too."""
    now = _now(now)
    saved = save_application_form(application, user=user, data=data, version=version, now=now)
    return submit_application(saved, user=user, now=now)


def edit_refused(application: Application, now: datetime.datetime | None = None) -> str:
    """Why the applicant cannot change the application now; empty if they can."""
    if application.state == S.AANGEMELD:
        return _(
            "You can write the application once the programme office has pre-checked your idea "
            "and sent its advice."
        )
    try:
        check_editable(application, _now(now))
    except DomainError as error:
        return " ".join(error.messages)
    return ""


# --- Withdrawal --------------------------------------------------------------------------
def withdrawal_refused(application: Application) -> str:
    """Why the applicant cannot withdraw the application now; empty if they can."""
    if application.state not in WITHDRAWABLE:
        return _("This application can no longer be withdrawn (%(state)s).") % {
            "state": application.get_state_display()
        }
    if application.decision_id or application.call.allocation_runs.exists():
        return _(
            "The budget of this call has already been allocated; ask the programme office if "
            "you want to withdraw the application."
        )
    return ""


@transaction.atomic
def withdraw(application: Application, *, user: AbstractBaseUser, reason: str = "") -> Application:
    application = _own(application, user)
    refused = withdrawal_refused(application)
    if refused:
        raise DomainError(refused)
    application.state = S.INGETROKKEN
    application._history_user = user
    application.save()
    notify(
        user,
        _("Application %(reference)s withdrawn") % {"reference": application.reference},
        _("You have withdrawn “%(title)s”. It is not taken into consideration.")
        % {"title": application.title}
        + (f"\n\n{reason.strip()}" if reason.strip() else ""),
        application=application,
    )
    return application


# --- What the pages show -----------------------------------------------------------------
class Phase(StrEnum):
    UPCOMING = "upcoming"
    REGISTRATION = "registration"  # ideas can be registered, applications written
    APPLICATION = "application"  # registration has closed; registered ideas can still apply
    CLOSED = "closed"


def call_phase(call: Call, now: datetime.datetime | None = None) -> Phase:
    now = _now(now)
    if now < call.opens_at:
        return Phase.UPCOMING
    if now <= call.registration_deadline:
        return Phase.REGISTRATION
    if now <= call.application_deadline:
        return Phase.APPLICATION
    return Phase.CLOSED


@dataclass(frozen=True)
class NextStep:
    text: str
    deadline: datetime.datetime | datetime.date | None = None
    yours: bool = False  # the applicant has to act; otherwise someone else does

    @property
    def timed(self) -> bool:
        """A deadline with a time of day (a decision date has none)."""
        return isinstance(self.deadline, datetime.datetime)


def next_step(application: Application, now: datetime.datetime | None = None) -> NextStep | None:
    """What happens next to the application, who acts, and by when; None once it is over."""
    now = _now(now)
    call = application.call
    if application.decision_id:
        return NextStep(_("The steering group decides on the proposed grant."), call.decision_date)
    match application.state:
        case S.AANGEMELD:
            return NextStep(_("The programme office pre-checks your idea and sends its advice."))
        case S.VOORGETOETST if now <= call.application_deadline:
            return NextStep(
                _("Write your application and submit it."), call.application_deadline, yours=True
            )
        case S.VOORGETOETST:
            return None
        case S.INGEDIEND:
            return NextStep(_("The programme office checks whether the application is complete."))
        case S.HERSTEL if application.repair_due and now <= application.repair_due:
            return NextStep(
                _("Complete your application and submit it again."),
                application.repair_due,
                yours=True,
            )
        case S.HERSTEL:
            return NextStep(_("The repair period has ended; the application is being closed."))
        case S.VOLLEDIG:
            return NextStep(
                _("The expert team reviews the application; then the budget is allocated."),
                call.decision_date,
            )
    return None


@dataclass(frozen=True)
class Moment:
    state: str
    label: str
    at: datetime.datetime


def timeline(application: Application) -> list[Moment]:
    """Every state the application has been in, from its history, with the moment it began."""
    moments: list[Moment] = []
    for state, at in application.history.order_by("history_date", "history_id").values_list(
        "state", "history_date"
    ):
        if not moments or moments[-1].state != state:
            moments.append(Moment(state, S(state).label, at))
    return moments


def proposed_outcome(application: Application) -> dict | None:
    """The allocation's outcome for the application, once the allocation went to the steering
    group; a run the office has not proposed may still be redone and is not shown."""
    run = (
        AllocationRun.objects.filter(call_id=application.call_id, proposed_to__isnull=False)
        .order_by("-created_at")
        .first()
    )
    return run.outcome_of(application.reference) if run else None
