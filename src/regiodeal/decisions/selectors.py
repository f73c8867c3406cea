"""Read-side queries: budgets derived from decisions, and what the public may see."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.db import connections
from django.db.models import Max, QuerySet

from regiodeal.core.aggregates import MoneySum
from regiodeal.core.money import allocate_pro_rata
from regiodeal.core.sql import fetch, instance, prefixed, read_alias
from regiodeal.organisations.models import Organisation
from regiodeal.programmes.models import Pillar, Programme

from .constants import DecisionState
from .models import Decision, DecisionList, Meeting

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PillarBudget:
    pillar: Pillar | None
    budget: Decimal | None
    committed: Decimal
    released: Decimal = ZERO  # committed money that came back (vrijval)

    @property
    def available(self) -> Decimal | None:
        return None if self.budget is None else self.budget - self.committed + self.released


@dataclass(frozen=True)
class FunderShare:
    organisation: Organisation
    contribution: Decimal
    share: Decimal  # fraction of the programme total, 0..1
    committed: Decimal  # the committed total attributed pro rata to contributions


@dataclass(frozen=True)
class ProgrammeBudget:
    programme: Programme
    total: Decimal
    committed: Decimal
    pillars: list[PillarBudget] = field(default_factory=list)
    funders: list[FunderShare] = field(default_factory=list)
    released: Decimal = ZERO

    @property
    def available(self) -> Decimal:
        return self.total - self.committed + self.released


def committed_amount(
    programme: Programme, *, pillar: Pillar | None = None, published_only: bool = False
) -> Decimal:
    """Sum of the amounts of the decisions that count, for the programme or one pillar."""
    decisions = Decision.objects.committing(published_only=published_only).filter(
        meeting__programme=programme
    )
    if pillar is not None:
        decisions = decisions.filter(pillar=pillar)
    return decisions.aggregate(total=MoneySum("amount"))["total"] or ZERO


def published_figures(
    project_ids: Iterable[int],
) -> dict[int, tuple[Decimal, datetime.date | None]]:
    """Per project: what its published decisions add up to (a correction replaces the decision
    it corrects) and the date of the latest; kept with the project at each publication. Two
    queries for all the projects of a besluitenlijst."""
    ids = list(project_ids)
    decisions = Decision.objects.filter(project_id__in=ids).order_by().values("project_id")
    amounts = dict(
        decisions.committing(published_only=True)
        .annotate(total=MoneySum("amount"))
        .values_list("project_id", "total")
    )
    latest = dict(
        decisions.published().annotate(last=Max("meeting__date")).values_list("project_id", "last")
    )
    return {pk: (amounts.get(pk) or ZERO, latest.get(pk)) for pk in ids}


def pending_reductions(programme: Programme, *, pillar: Pillar | None = None) -> Decimal:
    """What adopted, not yet published corrections would free by lowering a published decision.

    ``committed_amount`` already counts such a correction instead of the decision it corrects;
    until the correction is published (it may still be reopened) the difference stays taken,
    so that no other decision can be adopted against money that might not come free.
    """
    pending = Decision.objects.filter(
        meeting__programme=programme,
        state=DecisionState.VASTGESTELD,
        corrects__isnull=False,
    ).select_related("corrects")
    if pillar is not None:
        pending = pending.filter(pillar=pillar)
    return sum(
        (max(_counted(c.corrects) - _counted(c), ZERO) for c in pending),
        ZERO,
    )


def _counted(decision: Decision) -> Decimal:
    return decision.amount if decision.amount is not None else ZERO


def released_amount(programme: Programme, *, pillar: Pillar | None = None) -> Decimal:
    """Money committed by decisions that settlements or grant decisions returned (vrijval).

    The ledger that records releases belongs to the finance app; it is looked up by name so
    that the decisions app does not import the app that builds on it.
    """
    entries = apps.get_model("finance", "LedgerEntry").objects.filter(
        programme=programme, kind="vrijval"
    )
    if pillar is not None:
        entries = entries.filter(pillar=pillar)
    return entries.aggregate(total=MoneySum("amount"))["total"] or ZERO


def programme_budget(programme: Programme, *, published_only: bool = True) -> ProgrammeBudget:
    """Total, committed and available per pillar and per funder, in a handful of queries.

    The public pages pass ``published_only=True`` so that an adopted but unpublished decision
    never shows through a total.
    """
    by_pillar = dict(
        Decision.objects.committing(published_only=published_only)
        .filter(meeting__programme=programme)
        .order_by()
        .values_list("pillar")
        .annotate(total=MoneySum("amount"))
    )
    released_by_pillar = dict(
        apps.get_model("finance", "LedgerEntry")
        .objects.filter(programme=programme, kind="vrijval")
        .order_by()
        .values_list("pillar")
        .annotate(total=MoneySum("amount"))
    )
    pillars = [
        PillarBudget(
            pillar=p,
            budget=p.budget,
            committed=by_pillar.pop(p.pk, None) or ZERO,
            released=released_by_pillar.get(p.pk) or ZERO,
        )
        for p in programme.pillars.all()
    ]
    unassigned = sum((v or ZERO for v in by_pillar.values()), ZERO)
    if unassigned:
        pillars.append(PillarBudget(pillar=None, budget=None, committed=unassigned))
    committed = sum((p.committed for p in pillars), ZERO)

    contributions = list(programme.contributions.select_related("organisation"))
    total = sum((c.amount for c in contributions), ZERO)
    attributed = allocate_pro_rata(committed, [c.amount for c in contributions]) if total else []
    funders = [
        FunderShare(
            organisation=c.organisation,
            contribution=c.amount,
            share=c.amount / total,
            committed=part,
        )
        for c, part in zip(contributions, attributed, strict=True)
    ]
    return ProgrammeBudget(
        programme=programme,
        total=total,
        committed=committed,
        pillars=pillars,
        funders=funders,
        released=sum(released_by_pillar.values(), ZERO),
    )


def published_besluitenlijsten(programme: Programme | None = None) -> QuerySet[DecisionList]:
    lists = DecisionList.objects.select_related("meeting", "meeting__programme")
    if programme is not None:
        lists = lists.filter(meeting__programme=programme)
    return lists.order_by("-meeting__date")


def besluitenlijst_for(meeting_slug: str) -> DecisionList:
    """The published list of a meeting, with its meeting and programme; raises
    DecisionList.DoesNotExist when there is none.

    By hand (core.sql): the ORM spent about 2 ms composing this three-table query, where the
    database needs a few tenths; it is the query every besluitenlijst page starts with.
    """
    models = (DecisionList, Meeting, Programme)
    alias = read_alias(DecisionList)
    columns = ", ".join(
        f"{table}.{connections[alias].ops.quote_name(field.column)} AS {prefix}{field.attname}"
        for (table, prefix), model in zip(_LIST_TABLES, models, strict=True)
        for field in model._meta.concrete_fields
    )
    rows = fetch(
        alias,
        f"SELECT {columns} FROM decisions_decisionlist l "  # nosec B608 - constant names only
        "JOIN decisions_meeting m ON m.id = l.meeting_id "
        "JOIN programmes_programme p ON p.id = m.programme_id WHERE m.slug = %s",
        [meeting_slug],
    )
    if not rows:
        raise DecisionList.DoesNotExist(meeting_slug)
    besluitenlijst, meeting, programme = (
        instance(model, alias, prefixed(rows[0], prefix))
        for (_, prefix), model in zip(_LIST_TABLES, models, strict=True)
    )
    meeting.programme = programme
    besluitenlijst.meeting = meeting
    return besluitenlijst


# Table alias and column prefix of the list, its meeting and its programme.
_LIST_TABLES = (("l", "l_"), ("m", "m_"), ("p", "p_"))


@dataclass(frozen=True)
class ListedDecision:
    """What a besluitenlijst's document shows of one of its decisions."""

    pk: int
    kind: str
    heading: str
    text: str
    amount: Decimal | None
    conditions: str
    is_correction: bool = False
    # Of the decision a correction replaces: its heading and the title of its list.
    corrects_heading: str = ""
    corrects_list_title: str = ""


def decisions_of_list(besluitenlijst: DecisionList) -> list[ListedDecision]:
    """The published decisions of a list in order, as plain rows with what its document shows:
    headings, texts, amounts and what a correction replaces. Rows, not model instances: a
    national programme's list holds hundreds of decisions, and building instances of them and
    their projects took longer than the query."""
    rows = (
        Decision.objects.published()
        .filter(meeting=besluitenlijst.meeting_id)
        .order_by("position", "pk")
        .values_list(
            "pk",
            "kind",
            "title",
            "project__title",
            "text",
            "amount",
            "conditions",
            "corrects_id",
            "corrects__title",
            "corrects__project__title",
            "corrects__meeting__besluitenlijst__title",
        )
    )
    return [
        ListedDecision(
            pk=pk,
            kind=kind,
            # As Decision.heading: the decision's own title, else its project's.
            heading=title or project_title or "",
            text=text,
            amount=amount,
            conditions=conditions,
            is_correction=corrects_id is not None,
            corrects_heading=(corrected_title or corrected_project or "") if corrects_id else "",
            corrects_list_title=(corrected_list or "") if corrects_id else "",
        )
        for (
            pk,
            kind,
            title,
            project_title,
            text,
            amount,
            conditions,
            corrects_id,
            corrected_title,
            corrected_project,
            corrected_list,
        ) in rows
    ]


def meeting_for_document(meeting_slug: str) -> Meeting:
    return Meeting.objects.select_related("programme", "besluitenlijst").get(slug=meeting_slug)


def default_public_programme() -> Programme | None:
    """The programme a public page shows when none is named: the one that published last.

    A programme that has published nothing yet (a new one, with only drafts) would show an
    empty page, so it comes only when no programme has published anything.
    """
    published = (
        Programme.objects.filter(meetings__besluitenlijst__isnull=False)
        .order_by("-meetings__besluitenlijst__published_at")
        .first()
    )
    return published or Programme.objects.first()
