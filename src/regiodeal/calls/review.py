"""Expert review: assignments, conflicts of interest, scores, and an application's score."""

import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regiodeal.core.errors import DomainError

from .allocation import dutch_number
from .constants import Aggregation
from .constants import ApplicationState as S
from .models import AllocationRun, Application, Call, Criterion, ReviewAssignment, Score
from .notify import notify

SCORE_PLACES = Decimal("0.001")


def reviews_closed(application: Application) -> bool:
    """Once the allocation has run, its input is on record: reviews may no longer change it."""
    return AllocationRun.objects.filter(call_id=application.call_id).exists()


def _check_open(application: Application) -> None:
    if reviews_closed(application):
        raise DomainError(_("The allocation of this call has run; the reviews are closed."))


@transaction.atomic
def assign_reviewer(
    application: Application, reviewer: AbstractBaseUser, *, user: AbstractBaseUser | None = None
) -> ReviewAssignment:
    if application.state != S.VOLLEDIG:
        raise DomainError(_("Only a complete application is reviewed."))
    _check_open(application)
    if reviewer.pk == application.applicant_id:
        raise DomainError(_("An applicant cannot review their own application."))
    assignment, created = ReviewAssignment.objects.get_or_create(
        application=application, reviewer=reviewer
    )
    if not created:
        raise DomainError(_("This reviewer has already been assigned to this application."))
    notify(
        reviewer,
        _("Application %(reference)s assigned to you for review")
        % {"reference": application.reference},
        _(
            "Please review “%(title)s” (%(call)s). Declare a conflict of interest first if you "
            "have one; you are then excluded from this application."
        )
        % {"title": application.title, "call": application.call.title},
        application=application,
    )
    return assignment


@transaction.atomic
def declare_conflict(assignment: ReviewAssignment, *, note: str) -> ReviewAssignment:
    """The reviewer steps out of this application; their scores, if any, no longer count."""
    assignment = (
        ReviewAssignment.objects.select_for_update()
        .select_related("application")
        .get(pk=assignment.pk)
    )
    _check_open(assignment.application)
    if not note.strip():
        raise DomainError({"note": _("Explain the conflict of interest briefly.")})
    assignment.conflict_of_interest = True
    assignment.conflict_note = note
    assignment.completed_at = None
    assignment.save()
    assignment.scores.all().delete()
    return assignment


@transaction.atomic
def submit_scores(
    assignment: ReviewAssignment, scores: dict[int, tuple[Decimal, str]]
) -> ReviewAssignment:
    """All criteria at once, each with a motivation; the reviewer may revise until allocation."""
    assignment = (
        ReviewAssignment.objects.select_for_update()
        .select_related("application")
        .get(pk=assignment.pk)
    )
    if assignment.conflict_of_interest:
        raise DomainError(_("You declared a conflict of interest for this application."))
    if assignment.application.state != S.VOLLEDIG:
        raise DomainError(_("This application is no longer in review."))
    _check_open(assignment.application)
    criteria = list(assignment.application.call.criteria.all())
    errors: dict[str, str] = {}
    for criterion in criteria:
        value, motivation = scores.get(criterion.pk, (None, ""))
        if value is None:
            errors[f"score_{criterion.pk}"] = _("Give a score.")
        elif not Decimal(0) <= value <= criterion.max_score:
            errors[f"score_{criterion.pk}"] = _("A score from 0 to %(max)s.") % {
                "max": dutch_number(criterion.max_score)
            }
        if not motivation.strip():
            errors[f"motivation_{criterion.pk}"] = _("Motivate the score.")
    if errors:
        raise DomainError(errors)
    for criterion in criteria:
        value, motivation = scores[criterion.pk]
        Score.objects.update_or_create(
            review=assignment,
            criterion=criterion,
            defaults={"score": value, "motivation": motivation},
        )
    assignment.completed_at = timezone.now()
    assignment.save()
    return assignment


@dataclass(frozen=True)
class ApplicationScore:
    total: Decimal | None  # None: no reviewer has scored it yet
    criteria: dict[str, Decimal]  # per criterion, over the reviewers, for tie-breaks
    reviewers: int


def _combine(values: list[Decimal], aggregation: str) -> Decimal:
    if aggregation == Aggregation.MEDIAN:
        return Decimal(statistics.median(values))
    return sum(values, Decimal(0)) / len(values)


def weighted_score(scores: dict[int, Decimal], weights: dict[int, Decimal]) -> Decimal:
    """One reviewer's score: the weighted mean of their criterion scores."""
    total_weight = sum(weights.values(), Decimal(0))
    return sum((scores[c] * w for c, w in weights.items()), Decimal(0)) / total_weight


def application_scores(call: Call) -> dict[int, ApplicationScore]:
    """Every application's score: over its reviewers without a conflict, mean or median."""
    criteria: list[Criterion] = list(call.criteria.all())
    weights = {c.pk: c.weight for c in criteria}
    names = {c.pk: c.name for c in criteria}
    per_review: dict[int, dict[int, dict[int, Decimal]]] = {}
    for application_id, review_id, criterion_id, value in Score.objects.filter(
        review__application__call=call, review__conflict_of_interest=False
    ).values_list("review__application_id", "review_id", "criterion_id", "score"):
        per_review.setdefault(application_id, {}).setdefault(review_id, {})[criterion_id] = value
    result = {}
    for application_id, reviews in per_review.items():
        complete = [s for s in reviews.values() if set(s) == set(weights)]
        if not complete:
            continue
        totals = [weighted_score(s, weights) for s in complete]
        result[application_id] = ApplicationScore(
            total=_combine(totals, call.aggregation).quantize(SCORE_PLACES, ROUND_HALF_UP),
            criteria={
                names[c]: _combine([s[c] for s in complete], call.aggregation).quantize(
                    SCORE_PLACES, ROUND_HALF_UP
                )
                for c in weights
            },
            reviewers=len(complete),
        )
    return result
