"""Ranking and allocation of a call's applications, per programme line, as a pure function.

Plain data in, plain data out: no database, no clock, no randomness beyond the recorded seed,
so the same input always gives the same result and the record can be replayed for an
objection (bezwaar) or a judge. The reasons are Dutch sentences because they are part of that
record, like the letters.
"""

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from enum import StrEnum

from regiodeal.core.money import CENT, format_euro

ZERO = Decimal("0.00")


class Rule(StrEnum):
    """What happens when the next application does not fit the rest of the line's budget."""

    PARTIAL = "partial"  # offer it the remainder, then the money is gone
    SKIP = "skip"  # pass it over and go on to the next one that fits
    STOP = "stop"  # the allocation of the line ends there


class Outcome(StrEnum):
    GRANTED = "granted"
    PARTIAL = "partial"
    NOT_GRANTED = "not_granted"
    BELOW_MINIMUM = "below_minimum"
    INELIGIBLE = "ineligible"
    INCOMPLETE = "incomplete"


@dataclass(frozen=True)
class Line:
    name: str
    budget: Decimal
    max_per_application: Decimal | None = None
    percentage: Decimal | None = None  # in percent: 50 means half the eligible costs
    min_score: Decimal | None = None
    rule: Rule = Rule.PARTIAL


@dataclass(frozen=True)
class Application:
    id: str
    line: str
    requested: Decimal
    score: Decimal
    eligible_costs: Decimal | None = None
    criteria: dict[str, Decimal] = field(default_factory=dict)
    eligible: bool = True
    complete: bool = True


@dataclass(frozen=True)
class Result:
    id: str
    line: str
    rank: int | None
    outcome: Outcome
    amount: Decimal
    reason: str
    fundable: Decimal = ZERO  # min(requested, percentage × eligible costs, maximum)
    budget_before: Decimal | None = None


@dataclass(frozen=True)
class LineResult:
    name: str
    budget: Decimal
    allocated: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.allocated


@dataclass(frozen=True)
class Allocation:
    applications: tuple[Result, ...]
    lines: tuple[LineResult, ...]
    seed: int


def dutch_number(value: Decimal) -> str:
    """A score or percentage as the Dutch write it: 7,25 and 50."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def lot(seed: int, application_id: str) -> str:
    """The lottery ticket: depends on the seed and the id only, never on the input order."""
    return hashlib.sha256(f"{seed}\x1f{application_id}".encode()).hexdigest()


def fundable_amount(application: Application, line: Line) -> Decimal:
    """What the application could receive if money were no object."""
    amount = application.requested
    if line.percentage is not None and application.eligible_costs is not None:
        by_percentage = (application.eligible_costs * line.percentage / 100).quantize(
            CENT, rounding=ROUND_DOWN
        )
        amount = min(amount, by_percentage)
    if line.max_per_application is not None:
        amount = min(amount, line.max_per_application)
    return max(amount.quantize(CENT, rounding=ROUND_DOWN), ZERO)


def _sort_key(application: Application, tie_break: list[str], seed: int) -> tuple:
    missing = Decimal("-Infinity")  # an application without the criterion's score yields
    return (
        -application.score,
        *(-application.criteria.get(name, missing) for name in tie_break),
        lot(seed, application.id),
    )


def _tie_note(
    application: Application, neighbour: Application | None, tie_break: list[str], seed: int
) -> str:
    """Why ``application`` ranks above or below an equal-scoring neighbour, if it has one."""
    if neighbour is None or neighbour.score != application.score:
        return ""
    for name in tie_break:
        mine = application.criteria.get(name)
        theirs = neighbour.criteria.get(name)
        if mine != theirs:
            return (
                f" Gelijke totaalscore als {neighbour.id}; de volgorde volgt uit het criterium "
                f"'{name}'."
            )
    return (
        f" Gelijke scores als {neighbour.id}; de volgorde is door loting bepaald "
        f"(loting met startwaarde {seed})."
    )


def allocate(
    lines: Iterable[Line],
    applications: Iterable[Application],
    *,
    tie_break: Iterable[str] = (),
    seed: int = 0,
) -> Allocation:
    """Rank each line's applications and distribute its budget down the ranking."""
    lines = list(lines)
    tie_break = list(tie_break)
    by_line: dict[str, list[Application]] = {line.name: [] for line in lines}
    if len(by_line) != len(lines):
        raise ValueError("Twee programmalijnen hebben dezelfde naam.")
    results: dict[str, Result] = {}
    seen: set[str] = set()
    for application in applications:
        if application.id in seen:
            raise ValueError(f"Aanvraag {application.id} komt twee keer voor.")
        seen.add(application.id)
        if application.line not in by_line:
            raise ValueError(
                f"Aanvraag {application.id} noemt programmalijn '{application.line}', die niet "
                "bestaat."
            )
        by_line[application.line].append(application)

    line_results = []
    for line in lines:
        allocated = _allocate_line(line, by_line[line.name], tie_break, seed, results)
        line_results.append(LineResult(name=line.name, budget=line.budget, allocated=allocated))
    line_order = {line.name: position for position, line in enumerate(lines)}
    ordered = tuple(
        sorted(
            results.values(),
            key=lambda r: (line_order[r.line], r.rank is None, r.rank or 0, r.id),
        )
    )
    return Allocation(applications=ordered, lines=tuple(line_results), seed=seed)


def _allocate_line(
    line: Line,
    applications: list[Application],
    tie_break: list[str],
    seed: int,
    results: dict[str, Result],
) -> Decimal:
    """Fill ``results`` for one line; returns the amount allocated."""

    def refuse(application: Application, outcome: Outcome, reason: str) -> None:
        results[application.id] = Result(
            id=application.id,
            line=line.name,
            rank=None,
            outcome=outcome,
            amount=ZERO,
            reason=reason,
            fundable=ZERO,
        )

    candidates = []
    for application in applications:
        if not application.complete:
            refuse(
                application,
                Outcome.INCOMPLETE,
                "Niet in behandeling genomen: de aanvraag was niet volledig, ook niet na de "
                "hersteltermijn.",
            )
        elif not application.eligible:
            refuse(
                application,
                Outcome.INELIGIBLE,
                "Afgewezen: de aanvraag voldoet niet aan de voorwaarden van de openstelling.",
            )
        elif line.percentage is not None and application.eligible_costs is None:
            refuse(
                application,
                Outcome.INELIGIBLE,
                "Afgewezen: de subsidiabele kosten ontbreken, terwijl de subsidie op deze lijn "
                f"een percentage ({dutch_number(line.percentage)}%) daarvan is.",
            )
        elif line.min_score is not None and application.score < line.min_score:
            refuse(
                application,
                Outcome.BELOW_MINIMUM,
                f"Afgewezen: de score {dutch_number(application.score)} ligt onder de "
                f"minimumscore {dutch_number(line.min_score)} van de lijn '{line.name}'. Onder "
                "het minimum wordt niet gesubsidieerd, ook niet als er budget over is.",
            )
        else:
            candidates.append(application)

    ranked = sorted(candidates, key=lambda a: _sort_key(a, tie_break, seed))
    remaining = line.budget
    stopped_at: int | None = None
    for index, application in enumerate(ranked):
        rank = index + 1
        fundable = fundable_amount(application, line)
        before = remaining
        where = (
            f"plaats {rank}, score {dutch_number(application.score)}; vóór deze aanvraag was "
            f"nog {format_euro(before)} van het budget van '{line.name}' beschikbaar"
        )
        neighbour_above = ranked[index - 1] if index else None
        neighbour_below = ranked[index + 1] if index + 1 < len(ranked) else None
        tie = _tie_note(application, neighbour_above, tie_break, seed) or _tie_note(
            application, neighbour_below, tie_break, seed
        )
        amount = ZERO
        if stopped_at is not None:
            outcome = Outcome.NOT_GRANTED
            reason = (
                f"Niet toegekend ({where}): de verdeling van deze lijn stopte bij plaats "
                f"{stopped_at}, waarvan het bedrag niet meer in het budget paste."
            )
        elif fundable == 0:
            outcome = Outcome.NOT_GRANTED
            reason = f"Niet toegekend ({where}): het subsidiabele bedrag is nul."
        elif fundable <= remaining:
            outcome, amount = Outcome.GRANTED, fundable
            cap = _cap_note(application, line, fundable)
            reason = f"Toegekend: {format_euro(fundable)} ({where}).{cap}"
        elif line.rule == Rule.PARTIAL and remaining > 0:
            outcome, amount = Outcome.PARTIAL, remaining
            reason = (
                f"Gedeeltelijk toegekend: {format_euro(remaining)} van {format_euro(fundable)}, "
                f"het restant van het budget ({where})."
            )
        elif line.rule == Rule.PARTIAL or remaining == 0:
            outcome = Outcome.NOT_GRANTED
            reason = f"Niet toegekend: het budget van '{line.name}' is op ({where})."
        elif line.rule == Rule.SKIP:
            outcome = Outcome.NOT_GRANTED
            reason = (
                f"Niet toegekend ({where}): {format_euro(fundable)} past niet in het resterende "
                "budget; volgens de regel van de openstelling gaat de verdeling door met de "
                "volgende aanvraag die wel past."
            )
        else:
            outcome = Outcome.NOT_GRANTED
            stopped_at = rank
            reason = (
                f"Niet toegekend ({where}): {format_euro(fundable)} past niet in het resterende "
                "budget; volgens de regel van de openstelling stopt de verdeling van deze lijn "
                "hier."
            )
        remaining -= amount
        results[application.id] = Result(
            id=application.id,
            line=line.name,
            rank=rank,
            outcome=outcome,
            amount=amount,
            reason=reason + tie,
            fundable=fundable,
            budget_before=before,
        )
    return line.budget - remaining


def _cap_note(application: Application, line: Line, fundable: Decimal) -> str:
    if fundable >= application.requested:
        return ""
    if line.max_per_application is not None and fundable == line.max_per_application:
        return (
            f" Gevraagd was {format_euro(application.requested)}; het bedrag is begrensd op "
            f"het maximum per aanvraag van {format_euro(line.max_per_application)}."
        )
    return (
        f" Gevraagd was {format_euro(application.requested)}; het bedrag is begrensd op "
        f"{dutch_number(line.percentage)}% van de subsidiabele kosten "
        f"({format_euro(application.eligible_costs)})."
    )
