"""Worked examples of every allocation rule, as an objection committee would check them."""

from decimal import Decimal as D

import pytest

from regiodeal.calls.allocation import Application, Line, Outcome, Rule, allocate, lot


def app(id, requested, score, line="L", eligible_costs=None, **kwargs):
    return Application(
        id=id,
        line=line,
        requested=D(requested),
        score=D(score),
        eligible_costs=None if eligible_costs is None else D(eligible_costs),
        **kwargs,
    )


def by_id(result):
    return {r.id: r for r in result.applications}


def test_down_the_ranking_until_the_budget_is_spent():
    line = Line("L", budget=D("100000"), rule=Rule.PARTIAL)
    result = by_id(allocate([line], [app("a", 40000, 8), app("b", 50000, 9), app("c", 30000, 7)]))

    assert [result[i].rank for i in "bac"] == [1, 2, 3]
    assert result["b"].outcome == Outcome.GRANTED and result["b"].amount == D("50000")
    assert result["a"].outcome == Outcome.GRANTED and result["a"].amount == D("40000")
    # partial: c gets the € 10.000 left of the € 30.000 it could have had.
    assert result["c"].outcome == Outcome.PARTIAL and result["c"].amount == D("10000")
    assert "€\xa010.000 van €\xa030.000" in result["c"].reason
    assert "plaats 3, score 7" in result["c"].reason


def test_partial_rule_leaves_nothing_for_the_next_one():
    line = Line("L", budget=D("100"), rule=Rule.PARTIAL)
    result = by_id(allocate([line], [app("a", 80, 9), app("b", 80, 8), app("c", 10, 7)]))
    assert (result["b"].outcome, result["b"].amount) == (Outcome.PARTIAL, D("20"))
    assert (result["c"].outcome, result["c"].amount) == (Outcome.NOT_GRANTED, D("0"))
    assert "budget van 'L' is op" in result["c"].reason


def test_skip_rule_passes_over_what_does_not_fit():
    line = Line("L", budget=D("100"), rule=Rule.SKIP)
    result = by_id(allocate([line], [app("a", 80, 9), app("b", 80, 8), app("c", 10, 7)]))
    assert result["b"].outcome == Outcome.NOT_GRANTED
    assert "gaat de verdeling door" in result["b"].reason
    assert (result["c"].outcome, result["c"].amount) == (Outcome.GRANTED, D("10"))


def test_stop_rule_ends_the_line_even_when_a_later_one_would_fit():
    line = Line("L", budget=D("100"), rule=Rule.STOP)
    result = by_id(allocate([line], [app("a", 80, 9), app("b", 80, 8), app("c", 10, 7)]))
    assert result["b"].outcome == Outcome.NOT_GRANTED and "stopt" in result["b"].reason
    assert result["c"].outcome == Outcome.NOT_GRANTED
    assert "stopte bij plaats 2" in result["c"].reason
    assert allocate([line], [app("a", 80, 9)]).lines[0].remaining == D("20")


def test_minimum_score_refuses_even_when_money_remains():
    line = Line("L", budget=D("1000000"), min_score=D("6"))
    result = by_id(allocate([line], [app("a", 100, D("5.9")), app("b", 100, 6)]))
    assert result["a"].outcome == Outcome.BELOW_MINIMUM and result["a"].rank is None
    assert "score 5,9 ligt onder de minimumscore 6" in result["a"].reason
    assert result["b"].outcome == Outcome.GRANTED  # exactly the minimum is enough


def test_percentage_of_eligible_costs_caps_the_amount():
    line = Line("L", budget=D("1000000"), percentage=D("50"))
    result = allocate([line], [app("a", 80000, 8, eligible_costs=100000)]).applications[0]
    assert result.amount == D("50000")
    assert "begrensd op 50% van de subsidiabele kosten (€\xa0100.000)" in result.reason


def test_maximum_per_application_caps_the_amount():
    line = Line("L", budget=D("1000000"), percentage=D("50"), max_per_application=D("40000"))
    result = allocate([line], [app("a", 80000, 8, eligible_costs=100000)]).applications[0]
    assert result.amount == D("40000")
    assert "maximum per aanvraag van €\xa040.000" in result.reason


def test_ineligible_and_incomplete_applications_are_not_ranked():
    line = Line("L", budget=D("1000"), percentage=D("50"))
    result = by_id(
        allocate(
            [line],
            [
                app("a", 100, 9, eligible_costs=200, eligible=False),
                app("b", 100, 9, eligible_costs=200, complete=False),
                app("c", 100, 9),  # no eligible costs on a percentage line
                app("d", 100, 1, eligible_costs=200),
            ],
        )
    )
    assert result["a"].outcome == Outcome.INELIGIBLE
    assert result["b"].outcome == Outcome.INCOMPLETE and "hersteltermijn" in result["b"].reason
    assert result["c"].outcome == Outcome.INELIGIBLE and "subsidiabele kosten" in result["c"].reason
    assert {result[i].rank for i in "abc"} == {None}
    assert result["d"].rank == 1 and result["d"].outcome == Outcome.GRANTED


def test_ties_are_broken_by_the_criteria_in_the_calls_order():
    line = Line("L", budget=D("100"))
    applications = [
        app("a", 100, 8, criteria={"impact": D(3), "draagvlak": D(9)}),
        app("b", 100, 8, criteria={"impact": D(4), "draagvlak": D(1)}),
    ]
    by_impact = by_id(allocate([line], applications, tie_break=["impact", "draagvlak"]))
    assert by_impact["b"].rank == 1 and "criterium 'impact'" in by_impact["b"].reason
    by_support = by_id(allocate([line], applications, tie_break=["draagvlak", "impact"]))
    assert by_support["a"].rank == 1 and "criterium 'draagvlak'" in by_support["a"].reason


def test_lottery_decides_full_ties_reproducibly_from_its_seed():
    line = Line("L", budget=D("100"))
    applications = [app(str(i), 100, 8) for i in range(6)]
    first = allocate([line], applications, seed=2025)
    again = allocate([line], list(reversed(applications)), seed=2025)
    assert first == again
    winner = next(r for r in first.applications if r.rank == 1)
    assert winner.id == min((str(i) for i in range(6)), key=lambda i: lot(2025, i))
    assert "door loting bepaald (loting met startwaarde 2025)" in winner.reason
    winners = {
        next(r.id for r in allocate([line], applications, seed=s).applications if r.rank == 1)
        for s in range(20)
    }
    assert len(winners) > 1  # the seed matters


def test_lines_are_allocated_separately():
    lines = [Line("A", budget=D("100")), Line("B", budget=D("50"))]
    result = allocate(lines, [app("a", 100, 9, line="A"), app("b", 100, 9, line="B")])
    assert [(line.name, line.allocated, line.remaining) for line in result.lines] == [
        ("A", D("100"), D("0")),
        ("B", D("50"), D("0")),
    ]


def test_unknown_line_and_duplicate_ids_are_refused():
    with pytest.raises(ValueError, match="die niet bestaat"):
        allocate([Line("L", budget=D("1"))], [app("a", 1, 1, line="X")])
    with pytest.raises(ValueError, match="twee keer"):
        allocate([Line("L", budget=D("1"))], [app("a", 1, 1), app("a", 1, 2)])
